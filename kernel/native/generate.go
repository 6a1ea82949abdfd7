package native

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"path"
	"regexp"
	"strconv"
	"strings"

	"goconc/kernel/engine"
)

// piece is a unit of cell code placed in the program.
type piece struct {
	cell  int    // index of its cell among those given
	code  string // the cell's source, main renamed
	start int    // offset of the unit's first byte in code (its doc comment's, for declarations)
	end   int
	names []nameAt // the package-level names a declaration declares
	key   []string // dedup keys, parallel to names
	fn    string   // for a func or method: its dedup key
	own   bool     // of the cell being built, not an earlier one
}

// nameAt is a declared name and its offset in the cell.
type nameAt struct {
	name string
	off  int
}

// importSpec is one import of a cell.
type importSpec struct {
	name, path string
}

// stmtVar is a variable an earlier cell set by a statement.
type stmtVar struct {
	cell, line int
	stmt       string
}

// source is the generated program and what is needed to explain it.
type source struct {
	text     string
	stmtVars map[string]stmtVar
	cells    cellMap
}

// cellMap maps the cell numbers in a program's line directives to
// execution counts. A program numbers its cells 1, 2, ... in the order
// its pieces appear, so that the same code run under other execution
// counts is the same program, which need not be built again.
type cellMap struct {
	counts map[int]int      // program's number to execution count
	names  map[int]string   // program's number to the cell's Name
	lines  map[int][]string // program's number to the cell's lines
}

// frame returns the execution count and the trimmed line of code at a
// position in the program's numbering.
func (m cellMap) frame(cell, line int) (count int, name, text string) {
	name = m.names[cell]
	count, ok := m.counts[cell]
	if !ok {
		count = cell
	}
	if ls := m.lines[cell]; line >= 1 && line <= len(ls) {
		text = strings.TrimSpace(ls[line-1])
	}
	return count, name, text
}

// generate writes the program for cell after earlier.
func generate(earlier []Cell, cell Cell) (*source, error) {
	src := &source{stmtVars: map[string]stmtVar{}, cells: cellMap{counts: map[int]int{}, names: map[int]string{}, lines: map[int][]string{}}}
	linesOf := map[int][]string{}
	namesOf := map[int]string{}
	var imports []importSpec
	var decls []*piece
	var stmts []*piece

	all := append(append([]Cell(nil), earlier...), cell)
	for i, c := range all {
		current := i == len(all)-1
		code := engine.RenameMain(c.Source)
		linesOf[i] = strings.Split(c.Source, "\n")
		namesOf[i] = c.Name
		units, err := engine.SplitCell(code)
		if err != nil {
			if current {
				return nil, cellSyntaxError(c, err)
			}
			continue // an earlier cell the interpreter ran cannot be unsplittable; skip it
		}
		for _, u := range units {
			text := code[u.Start:u.End]
			switch u.Kind {
			case engine.ImportUnit:
				specs, err := parseImports(text)
				if err != nil {
					if current {
						// go build reports it, at its cell position.
						decls = append(decls, &piece{cell: i, code: code, start: u.Start, end: u.End})
					}
					continue
				}
				imports = append(imports, specs...)
			case engine.DeclUnit:
				p, err := declPiece(i, code, u)
				if err != nil {
					if current {
						decls = append(decls, &piece{cell: i, code: code, start: u.Start, end: u.End, own: true})
					}
					continue
				}
				p.own = current
				decls = append(decls, p)
			default:
				if current {
					stmts = append(stmts, &piece{cell: i, code: code, start: u.Start, end: u.End})
					continue
				}
				for _, name := range definedNames(text) {
					line := 1 + strings.Count(code[:u.Start], "\n")
					src.stmtVars[name] = stmtVar{cell: c.Count, line: line, stmt: firstLine(text)}
				}
			}
		}
	}
	// A later declaration of a name replaces an earlier one, as in the
	// interpreter; so does a later statement's definition for the
	// statement-defined names.
	seen := map[string]bool{}
	var kept []*piece
	for i := len(decls) - 1; i >= 0; i-- {
		p := decls[i]
		if p.fn != "" {
			if p.fn != "init" && seen[p.fn] {
				continue
			}
			seen[p.fn] = true
			kept = append(kept, p)
			continue
		}
		blanked := p
		for j, k := range p.key {
			if k == "_" {
				continue
			}
			if seen[k] {
				blanked = blankName(blanked, p.names[j])
			}
			seen[k] = true
		}
		kept = append(kept, blanked)
	}
	for name := range src.stmtVars {
		if seen[name] {
			delete(src.stmtVars, name) // declared after: the declaration is the one in scope
		}
	}
	for i, j := 0, len(kept)-1; i < j; i, j = i+1, j-1 {
		kept[i], kept[j] = kept[j], kept[i]
	}

	pieces := reachable(kept, stmts)
	slots := map[int]int{} // index of a cell to the program's number
	for _, p := range append(append([]*piece(nil), pieces...), stmts...) {
		if _, ok := slots[p.cell]; !ok {
			n := len(slots) + 1
			slots[p.cell] = n
			src.cells.counts[n] = all[p.cell].Count
			src.cells.lines[n] = linesOf[p.cell]
			src.cells.names[n] = namesOf[p.cell]
		}
	}
	var body strings.Builder
	for _, p := range pieces {
		writePiece(&body, p, slots[p.cell])
	}
	body.WriteString("\nfunc main() {\n")
	shows := false
	for i, p := range stmts {
		if i == len(stmts)-1 && showsValue(p.code[p.start:p.end]) {
			// A trailing expression shows its value, as in the
			// interpreter; in Go it would not compile.
			shows = true
			var arg strings.Builder
			writePiece(&arg, p, slots[p.cell])
			// The comma ends the line the expression ends on, so no
			// semicolon is inserted there.
			fmt.Fprintf(&body, "\n%s.Println(%s,\n)\n", showFmt, strings.TrimSuffix(arg.String(), "\n"))
			continue
		}
		writePiece(&body, p, slots[p.cell])
	}
	body.WriteString("\n}\n")

	used := selectorNames(body.String())
	var b strings.Builder
	b.WriteString("// Code generated by goconc from notebook cells. DO NOT EDIT.\n\npackage main\n\n")
	if shows {
		fmt.Fprintf(&b, "import %s \"fmt\"\n", showFmt)
	}
	have := map[importSpec]bool{}
	for _, im := range imports {
		if have[im] {
			continue
		}
		name := im.name
		if name == "" {
			name = packageName(im.path)
		}
		if name != "_" && name != "." && !used[name] {
			continue // an earlier cell's import this program does not use
		}
		have[im] = true
		fmt.Fprintf(&b, "import %s %q\n", im.name, im.path)
	}
	b.WriteString(body.String())
	src.text = b.String()
	return src, nil
}

// reachable returns the declarations the program needs: the cell's own,
// and those of earlier cells that they or its statements name, and so
// on, with every method of a type it keeps. Leaving the rest out keeps
// an earlier declaration that cannot build natively (one using a
// statement-defined variable, say) from failing programs that do not use
// it. Names are matched as tokens, which may keep a declaration too
// many, never one too few.
func reachable(decls, stmts []*piece) []*piece {
	byName := map[string][]*piece{}
	for _, p := range decls {
		switch {
		case p.fn != "" && strings.Contains(p.fn, "."):
			recv, _, _ := strings.Cut(p.fn, ".")
			byName[recv] = append(byName[recv], p)
		case p.fn != "":
			byName[p.fn] = append(byName[p.fn], p)
		}
		for _, n := range p.names {
			byName[n.name] = append(byName[n.name], p)
		}
	}
	in := map[*piece]bool{}
	var queue []*piece
	add := func(p *piece) {
		if !in[p] {
			in[p] = true
			queue = append(queue, p)
		}
	}
	for _, p := range decls {
		if p.own {
			add(p)
		}
	}
	queue = append(queue, stmts...)
	seen := map[string]bool{}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, name := range identifiers(p.code[p.start:p.end]) {
			if seen[name] {
				continue
			}
			seen[name] = true
			for _, q := range byName[name] {
				add(q)
			}
		}
	}
	var out []*piece
	for _, p := range decls {
		if in[p] {
			out = append(out, p)
		}
	}
	return out
}

// identifiers lists the identifiers in src.
func identifiers(src string) []string {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, 0)
	var out []string
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		if tok == token.IDENT {
			out = append(out, lit)
		}
	}
}

// showFmt names fmt for showing a trailing expression's value.
const showFmt = "goconc_fmt"

// showsValue reports whether a cell's last statement is an expression
// whose value the cell shows: any expression but a call or a receive,
// which are statements of their own in Go.
func showsValue(stmt string) bool {
	e, err := parser.ParseExpr(stmt)
	return err == nil && isValue(e)
}

func isValue(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.CallExpr:
		return false
	case *ast.UnaryExpr:
		return e.Op != token.ARROW
	case *ast.ParenExpr:
		return isValue(e.X)
	}
	return true
}

// writePiece writes a piece of cell code preceded by the line directive
// that gives its first byte its cell position.
func writePiece(b *strings.Builder, p *piece, slot int) {
	line := 1 + strings.Count(p.code[:p.start], "\n")
	col := p.start - (strings.LastIndexByte(p.code[:p.start], '\n') + 1) + 1
	// A line directive must start its line; /*line*/ keeps the column.
	fmt.Fprintf(b, "\n/*line cell[%d]:%d:%d*/%s\n", slot, line, col, p.code[p.start:p.end])
}

// declPiece parses a declaration unit and records the names it declares.
func declPiece(cell int, code string, u engine.Unit) (*piece, error) {
	// The doc comment belongs to the declaration.
	start := u.Start
	if lead := strings.TrimLeft(code[u.Lead:u.Start], " \t\r\n;"); lead != "" {
		start = u.Start - len(lead)
	}
	text := code[u.Start:u.End]
	const prefix = "package p\n"
	f, err := parser.ParseFile(token.NewFileSet(), "", prefix+text, 0)
	if err != nil {
		return nil, err
	}
	p := &piece{cell: cell, code: code, start: start, end: u.End}
	off := func(pos token.Pos) int { return u.Start + int(pos) - 1 - len(prefix) }
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			p.fn = d.Name.Name
			if d.Recv != nil && len(d.Recv.List) > 0 {
				p.fn = receiverName(d.Recv.List[0].Type) + "." + d.Name.Name
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					p.names = append(p.names, nameAt{s.Name.Name, off(s.Name.Pos())})
					p.key = append(p.key, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						p.names = append(p.names, nameAt{n.Name, off(n.Pos())})
						p.key = append(p.key, n.Name)
					}
				}
			}
		}
	}
	return p, nil
}

func receiverName(t ast.Expr) string {
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return "?"
		}
	}
}

// blankName returns p with a declared name replaced by _, padded so that
// columns after it stay where they were.
func blankName(p *piece, n nameAt) *piece {
	q := *p
	q.code = p.code[:n.off] + "_" + strings.Repeat(" ", len(n.name)-1) + p.code[n.off+len(n.name):]
	return &q
}

// parseImports returns the imports of an import unit.
func parseImports(text string) ([]importSpec, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+text, parser.ImportsOnly)
	if err != nil {
		return nil, err
	}
	var out []importSpec
	for _, s := range f.Imports {
		p, _ := strconv.Unquote(s.Path.Value)
		im := importSpec{path: p}
		if s.Name != nil {
			im.name = s.Name.Name
		}
		out = append(out, im)
	}
	return out, nil
}

var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// packageName guesses an import's package name from its path, as
// goimports does: the last element, skipping a major version suffix.
func packageName(p string) string {
	base := path.Base(p)
	if majorVersion.MatchString(base) {
		base = path.Base(path.Dir(p))
	}
	if i := strings.IndexAny(base, ".-"); i >= 0 && strings.HasPrefix(p, "gopkg.in/") {
		base = base[:i]
	}
	return base
}

// selectorNames returns the identifiers that appear before a dot: the
// package names the program may use.
func selectorNames(src string) map[string]bool {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, 0)
	used := map[string]bool{}
	prev, lit := token.ILLEGAL, ""
	for {
		_, tok, l := s.Scan()
		if tok == token.EOF {
			return used
		}
		if tok == token.PERIOD && prev == token.IDENT {
			used[lit] = true
		}
		prev, lit = tok, l
	}
}

// definedNames returns the names a top-level statement of a cell defines
// at the cell's top level: x := ..., and a var declaration inside a
// statement group.
func definedNames(text string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+text+"\n}", 0)
	if err != nil || len(f.Decls) == 0 {
		return nil
	}
	var names []string
	for _, st := range f.Decls[0].(*ast.FuncDecl).Body.List {
		switch st := st.(type) {
		case *ast.AssignStmt:
			if st.Tok != token.DEFINE {
				continue
			}
			for _, e := range st.Lhs {
				if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
					names = append(names, id.Name)
				}
			}
		case *ast.DeclStmt:
			if g, ok := st.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, s := range g.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						if n.Name != "_" {
							names = append(names, n.Name)
						}
					}
				}
			}
		}
	}
	return names
}

func firstLine(s string) string {
	line, _, more := strings.Cut(s, "\n")
	if more {
		line += " ..."
	}
	return strings.TrimSpace(line)
}

// cellSyntaxError reports a cell that does not parse, at cell positions.
func cellSyntaxError(cell Cell, err error) error {
	var list scanner.ErrorList
	if el, ok := err.(scanner.ErrorList); ok {
		list = el
	}
	if len(list) == 0 {
		return &BuildError{Output: fmt.Sprintf("%s: %v", position(cell.Name, cell.Count, 0), err)}
	}
	be := &BuildError{}
	for _, e := range list {
		be.Diagnostics = append(be.Diagnostics, Diagnostic{Cell: cell.Count, Name: cell.Name, Line: e.Pos.Line, Column: e.Pos.Column, Message: e.Msg})
	}
	return be
}
