package engine

import (
	"fmt"
	"go/scanner"
	"go/token"
	"strings"
)

// unitKind says what a top-level unit of a cell is. A cell is a Go file
// body that may also hold statements, in any order.
type unitKind int

const (
	importUnit unitKind = iota // import "x" or import ( ... )
	declUnit                   // func, method, type, var, const
	stmtUnit                   // anything else
)

func (k unitKind) String() string {
	switch k {
	case importUnit:
		return "import"
	case declUnit:
		return "declaration"
	}
	return "statement"
}

// unit is one top-level declaration or statement of a cell.
type unit struct {
	kind  unitKind
	start int // byte offset of its first token
	end   int // byte offset just past its last token
	// lead is where the text that belongs to it begins: just past the
	// previous unit, so that its doc comment comes along.
	lead int
}

// splitCell cuts a cell into top-level units. It relies on Go's own
// semicolon insertion, so units end exactly where the compiler would end a
// statement. Errors are syntax errors at the token level (an unterminated
// string, say) with their position in the cell.
func splitCell(src string) ([]unit, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var errs scanner.ErrorList
	var s scanner.Scanner
	s.Init(file, []byte(src), func(pos token.Position, msg string) { errs.Add(pos, msg) }, 0)

	type tok struct {
		pos token.Pos
		tok token.Token
		lit string
	}
	var (
		units   []unit
		toks    []tok // tokens of the current unit
		depth   int
		lead    int
		cellEnd = len(src)
	)
	flush := func(end int) {
		if len(toks) == 0 {
			return
		}
		start := file.Offset(toks[0].pos)
		kinds := make([]token.Token, 0, len(toks))
		for _, t := range toks {
			kinds = append(kinds, t.tok)
		}
		units = append(units, unit{kind: classify(kinds), start: start, end: end, lead: lead})
		lead = end
		toks = toks[:0]
	}
	lastEnd := 0
	// In the header of a for, if or switch, semicolons separate clauses,
	// not statements; the header ends at the body's brace.
	header := false
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		if depth <= 0 {
			switch t {
			case token.FOR, token.IF, token.SWITCH:
				header = true
			case token.LBRACE:
				header = false
			}
		}
		switch t {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		if t == token.SEMICOLON && depth <= 0 && !header {
			// An inserted semicolon has the literal "\n" and sits at the
			// newline; its unit ends at the last real token.
			flush(lastEnd)
			continue
		}
		toks = append(toks, tok{pos, t, lit})
		lastEnd = file.Offset(pos) + tokenLen(t, lit)
	}
	flush(min(lastEnd, cellEnd))
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs.Err()
	}
	return units, nil
}

func tokenLen(t token.Token, lit string) int {
	if lit != "" {
		return len(lit)
	}
	return len(t.String())
}

// classify decides a unit's kind from its first tokens. A func literal that
// is called or assigned starts a statement; func Name and func (recv) Name
// start declarations.
func classify(kinds []token.Token) unitKind {
	switch kinds[0] {
	case token.IMPORT:
		return importUnit
	case token.TYPE, token.CONST, token.VAR:
		return declUnit
	case token.FUNC:
		if len(kinds) > 1 && kinds[1] == token.IDENT {
			return declUnit
		}
		if len(kinds) > 1 && kinds[1] == token.LPAREN && isMethodDecl(kinds) {
			return declUnit
		}
	}
	return stmtUnit
}

// isMethodDecl reports whether tokens starting "func (" continue as a
// method declaration "func (recv) Name(".
func isMethodDecl(kinds []token.Token) bool {
	depth := 0
	for i := 1; i < len(kinds); i++ {
		switch kinds[i] {
		case token.LPAREN, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACK:
			depth--
			if depth == 0 {
				return i+2 < len(kinds) && kinds[i+1] == token.IDENT &&
					(kinds[i+2] == token.LPAREN || kinds[i+2] == token.LBRACK)
			}
		}
	}
	return false
}

// chunk is a run of consecutive units of one kind, evaluated together.
type chunk struct {
	kind  unitKind
	units []unit
}

// group joins consecutive units of the same kind into chunks, keeping the
// cell's order, which is the order the user expects effects in.
func group(units []unit) []chunk {
	var chunks []chunk
	for _, u := range units {
		if n := len(chunks); n > 0 && chunks[n-1].kind == u.kind {
			chunks[n-1].units = append(chunks[n-1].units, u)
			continue
		}
		chunks = append(chunks, chunk{kind: u.kind, units: []unit{u}})
	}
	return chunks
}

// positioned returns the text of src[from:to] preceded by blank space that
// keeps every character at its line and column in the cell, so that the
// interpreter's error positions are cell positions.
func positioned(src string, from, to int) string {
	var b strings.Builder
	b.Grow(to)
	// Columns count bytes, so each byte becomes one space.
	for i := 0; i < from; i++ {
		switch c := src[i]; c {
		case '\n', '\t':
			b.WriteByte(c)
		default:
			b.WriteByte(' ')
		}
	}
	b.WriteString(src[from:to])
	return b.String()
}

func (u unit) String() string { return fmt.Sprintf("%v[%d:%d]", u.kind, u.start, u.end) }

// MainName replaces main as a name in cells. The interpreter runs a
// package's main function after every evaluation once one exists, so a cell
// that defines main would run it again with each later cell; a native
// cell's program has a main of its own.
const MainName = "main_"

// RenameMain rewrites the identifier main (but not a selector x.main) to
// MainName.
func RenameMain(src string) string {
	if !strings.Contains(src, "main") {
		return src
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, 0)
	var b strings.Builder
	last, prev := 0, token.ILLEGAL
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.IDENT && lit == "main" && prev != token.PERIOD {
			off := file.Offset(pos)
			b.WriteString(src[last:off])
			b.WriteString(MainName)
			last = off + len(lit)
		}
		prev = tok
	}
	b.WriteString(src[last:])
	return b.String()
}
