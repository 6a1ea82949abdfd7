package engine

import (
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// IsComplete reports whether code is ready to run: "complete",
// "incomplete" (more lines are expected; indent is the next line's
// indentation) or "invalid" (no continuation can fix it).
func IsComplete(code string) (status, indent string) {
	if strings.TrimSpace(code) == "" {
		return "complete", ""
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(code))
	var s scanner.Scanner
	unterminated := false
	var errs scanner.ErrorList
	s.Init(file, []byte(code), func(pos token.Position, msg string) {
		if strings.Contains(msg, "not terminated") {
			unterminated = true
		}
		errs.Add(pos, msg)
	}, 0)
	depth := 0
	last := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		if depth < 0 {
			return "invalid", ""
		}
		last = tok
	}
	if unterminated {
		return "incomplete", ""
	}
	if len(errs) > 0 {
		return "invalid", ""
	}
	if depth > 0 {
		return "incomplete", strings.Repeat("\t", depth)
	}
	if continuesLine(last) {
		return "incomplete", "\t"
	}
	if !parses(code) {
		return "invalid", ""
	}
	return "complete", ""
}

// continuesLine reports whether a line ending in tok must go on: Go's
// semicolon insertion does not end a statement after an operator or comma.
func continuesLine(tok token.Token) bool {
	return tok.IsOperator() && tok != token.INC && tok != token.DEC &&
		tok != token.RPAREN && tok != token.RBRACK && tok != token.RBRACE
}

// parses reports whether every unit of the cell is valid Go syntax.
func parses(code string) bool {
	units, err := splitCell(code)
	if err != nil {
		return false
	}
	for _, u := range units {
		text := code[u.start:u.end]
		var src string
		if u.kind == stmtUnit {
			src = "package p\nfunc _() {\n" + text + "\n}"
		} else {
			src = "package p\n" + text
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution); err != nil {
			return false
		}
	}
	return true
}
