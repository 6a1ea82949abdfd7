// Package program turns notebook cells into the files of a Go package
// main: each cell's imports and declarations in a file of its own, named
// after the cell and with line directives, so that compiler errors, panics
// and race reports point at cell lines. Statements at a cell's top level
// (which the kernel runs, and a compiled package cannot hold) are set
// aside for the caller.
package program

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"goconc/kernel/engine"
)

// Kind is what a top-level piece of a cell is.
type Kind int

const (
	Import Kind = iota
	Decl
	Stmt
)

// Chunk is one top-level import, declaration or statement of a cell.
type Chunk struct {
	Kind Kind
	Text string
	Line int // of its first token, from 1
}

// Split cuts a cell into its top-level imports, declarations and
// statements, as the interpreter does (engine.SplitCell).
func Split(src string) ([]Chunk, error) {
	units, err := engine.SplitCell(src)
	if err != nil {
		return nil, err
	}
	chunks := make([]Chunk, 0, len(units))
	for _, u := range units {
		kind := Stmt
		switch u.Kind {
		case engine.ImportUnit:
			kind = Import
		case engine.DeclUnit:
			kind = Decl
		}
		chunks = append(chunks, Chunk{
			Kind: kind,
			Text: src[u.Start:u.End],
			Line: 1 + strings.Count(src[:u.Start], "\n"),
		})
	}
	return chunks, nil
}

// Cell is a cell's source and the number it is known by (its position
// among the notebook's code cells, from 1).
type Cell struct {
	Number int
	Source string
}

// FileName is the name of a cell's file; package harness's CellPos reads
// it back.
func FileName(n int) string { return fmt.Sprintf("cell%d.go", n) }

// Files returns the package main files for the cells' imports and
// declarations, by file name, and the statements set aside, by cell. A
// name declared in several cells is kept from the last one, as when a
// notebook runs its cells in order. Declarations of the reserved names
// (such as main, which the caller writes) are left out.
func Files(cells []Cell, reserved ...string) (map[string][]byte, map[int][]Chunk, error) {
	type decl struct {
		cell  int
		chunk Chunk
		names []string
	}
	var decls []decl
	imports := map[int][]*ast.ImportSpec{}
	stmts := map[int][]Chunk{}
	lastCell := map[string]int{} // name -> index in decls of its last declaration
	for _, r := range reserved {
		lastCell[r] = -1
	}
	for _, c := range cells {
		chunks, err := Split(c.Source)
		if err != nil {
			return nil, nil, fmt.Errorf("cell %d: %w", c.Number, err)
		}
		for _, ch := range chunks {
			switch ch.Kind {
			case Stmt:
				stmts[c.Number] = append(stmts[c.Number], ch)
			case Import:
				f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+ch.Text, parser.ImportsOnly)
				if err != nil {
					return nil, nil, fmt.Errorf("cell %d, line %d: %w", c.Number, ch.Line, err)
				}
				imports[c.Number] = append(imports[c.Number], f.Imports...)
			case Decl:
				names := DeclaredNames(ch.Text)
				for _, n := range names {
					if lastCell[n] != -1 || !slices.Contains(reserved, n) {
						lastCell[n] = len(decls)
					}
				}
				decls = append(decls, decl{c.Number, ch, names})
			}
		}
	}
	bodies := map[int]*bytes.Buffer{}
	for i, d := range decls {
		superseded := len(d.names) > 0
		for _, n := range d.names {
			if lastCell[n] == i {
				superseded = false
			}
		}
		if superseded {
			continue
		}
		b := bodies[d.cell]
		if b == nil {
			b = &bytes.Buffer{}
			bodies[d.cell] = b
		}
		fmt.Fprintf(b, "\n//line %s:%d\n%s\n", FileName(d.cell), d.chunk.Line, d.chunk.Text)
	}
	// Imports hold for the whole session in a notebook: a file may use
	// what any cell imported, its own cell's imports first, later cells'
	// before earlier ones.
	files := map[string][]byte{}
	for _, c := range cells {
		body := bodies[c.Number]
		if body == nil {
			continue
		}
		candidates := slices.Clone(imports[c.Number])
		for i := len(cells) - 1; i >= 0; i-- {
			if cells[i].Number != c.Number {
				candidates = append(candidates, imports[cells[i].Number]...)
			}
		}
		var f bytes.Buffer
		f.WriteString("package main\n")
		specs := usedImports(candidates, body.String())
		if len(specs) > 0 {
			f.WriteString("\nimport (\n")
			for _, s := range specs {
				f.WriteString("\t" + s + "\n")
			}
			f.WriteString(")\n")
		}
		f.Write(body.Bytes())
		files[FileName(c.Number)] = f.Bytes()
	}
	return files, stmts, nil
}

// DeclaredNames lists what a declaration declares: "Name" for functions,
// types, variables and constants, "T.M" for methods; blank names are left
// out.
func DeclaredNames(text string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+text, 0)
	if err != nil {
		return nil
	}
	var names []string
	add := func(n string) {
		if n != "_" {
			names = append(names, n)
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil && len(d.Recv.List) > 0 {
				add(recvName(d.Recv.List[0].Type) + "." + d.Name.Name)
			} else if d.Name.Name != "init" {
				add(d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					add(s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						add(n.Name)
					}
				}
			}
		}
	}
	return names
}

func recvName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return recvName(e.X)
	case *ast.IndexExpr:
		return recvName(e.X)
	case *ast.IndexListExpr:
		return recvName(e.X)
	case *ast.Ident:
		return e.Name
	}
	return "?"
}

// usedImports keeps the imports that body refers to, as import specs,
// since statements set aside may have been the only users of some.
func usedImports(specs []*ast.ImportSpec, body string) []string {
	used := map[string]bool{}
	if f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+body, 0); err == nil {
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok {
					used[id.Name] = true
				}
			}
			return true
		})
	}
	seen := map[string]bool{}
	named := map[string]bool{}
	var out []string
	for _, s := range specs {
		p, err := strconv.Unquote(s.Path.Value)
		if err != nil {
			continue
		}
		name := PackageName(p)
		if s.Name != nil {
			name = s.Name.Name
		}
		if name != "_" && name != "." && (!used[name] || named[name]) {
			continue
		}
		named[name] = true
		spec := strconv.Quote(p)
		if s.Name != nil {
			spec = s.Name.Name + " " + spec
		}
		if !seen[spec] {
			seen[spec] = true
			out = append(out, spec)
		}
	}
	sort.Strings(out)
	return out
}

// PackageName guesses a package's name from its import path: the last
// element, without a major version suffix.
func PackageName(importPath string) string {
	base := path.Base(importPath)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		base = path.Base(path.Dir(importPath))
	}
	return strings.ReplaceAll(base, "-", "_")
}

// Calls returns, for statements that are calls of the function named fn,
// their arguments as source text.
func Calls(stmts []Chunk, fn string) [][]string {
	var calls [][]string
	for _, st := range stmts {
		e, err := parser.ParseExpr(st.Text)
		if err != nil {
			continue
		}
		call, ok := e.(*ast.CallExpr)
		if !ok {
			continue
		}
		if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != fn {
			continue
		}
		var args []string
		for _, a := range call.Args {
			args = append(args, st.Text[a.Pos()-1:a.End()-1])
		}
		calls = append(calls, args)
	}
	return calls
}
