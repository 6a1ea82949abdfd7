package engine

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
)

// Function literals' names. The interpreter names the frames of every
// literal in main.f main.f.func, where Go numbers them in the order they
// are written: main.f.func1, main.f.func2, main.f.func1.1 inside the
// first. The line the interpreter reports with a frame, that of the first
// node the function ran, tells which literal it is: it lies within the
// literal's body as the interpreter was given it. That source is the
// rewritten cell as printed, where the statements the rewrite adds take
// lines of their own, so the literals' lines are read back from the
// printed source rather than from the cell.

// printedLiteral is a function literal as Go names it, with the lines of
// its body in the source the interpreter runs.
type printedLiteral struct {
	name     string // main.f.func1
	from, to int
	// first is the line of the body's first statement, which the
	// interpreter reports for the literal's frame: it tells apart two
	// literals whose lines overlap, as those of two declarations do
	// when the first one's body gained lines in the rewrite and the
	// second's line directive puts it back on its own line.
	first int
	// cell is the cell of a literal in a package-level variable's
	// initializer: those of every cell share the key main.
	cell uint64
}

// literalNames holds the literals of the cells' functions, by the
// function declared at the top level that holds them, as the
// interpreter names it (main.f; a method by its name alone; a cell's
// statements by the function they run as). The session keeps them
// across cells.
type literalNames map[string][]printedLiteral

// record notes the literals of nodes, printed as src (linedSource), that
// names gives Go's names to. A function declared again loses the
// literals of its earlier declaration. The literals of a chunk's
// statements, run as the function chunk, are that function's, those of
// its variable declarations too, which Go names main.init.func1.
func (lits literalNames) record(src string, cell uint64, nodes []ast.Node, names map[*ast.FuncLit]string, chunk string) {
	if len(names) == 0 {
		return
	}
	var given []*ast.FuncLit
	inVars := map[*ast.FuncLit]bool{} // in package-level variables' initializers
	for _, n := range nodes {
		if fd, ok := n.(*ast.FuncDecl); ok {
			delete(lits, "main."+fd.Name.Name)
		}
		g, isVar := n.(*ast.GenDecl)
		isVar = isVar && g.Tok == token.VAR
		ast.Inspect(n, func(n ast.Node) bool {
			if lit, ok := n.(*ast.FuncLit); ok {
				given = append(given, lit)
				inVars[lit] = isVar
			}
			return true
		})
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package main\n"+src, parser.SkipObjectResolution)
	if err != nil {
		return
	}
	var printed []*ast.FuncLit
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok {
			printed = append(printed, lit)
		}
		return true
	})
	if len(printed) != len(given) {
		return // not the same code: no names rather than wrong ones
	}
	for i, lit := range given {
		name, ok := names[lit]
		if !ok {
			continue
		}
		decl, _, _ := strings.Cut(strings.TrimPrefix(name, "main."), ".")
		top := "main." + decl
		l := printedLiteral{name: name, from: fset.Position(printed[i].Body.Lbrace).Line, to: fset.Position(printed[i].Body.Rbrace).Line}
		if body := printed[i].Body.List; len(body) > 0 {
			l.first = fset.Position(body[0].Pos()).Line
		}
		switch {
		case chunk != "":
			top = "main." + chunk
		case inVars[lit]:
			top, l.cell = "main", cell // the interpreter names an initializer's literals main.func
		}
		lits[top] = append(lits[top], l)
	}
}

// name returns frames with those of function literals given the names Go
// gives them, where the line the interpreter reported for the frame lies in
// one literal of the function more tightly than in any other. A frame of
// a literal the rewrite added takes its function's name instead, in place
// of the function's own frame below it.
func (lits literalNames) name(frames []stackFrame) []stackFrame {
	out := slices.Clone(frames)
	var folded []int
	for i, f := range out {
		top := f.fn
		for strings.HasSuffix(top, ".func") {
			top = strings.TrimSuffix(top, ".func")
		}
		if top == f.fn || f.first == 0 {
			continue
		}
		var best printedLiteral
		tie := false
		for _, l := range lits[top] {
			if f.first < l.from || f.first > l.to || l.cell != 0 && l.cell != f.cell {
				continue
			}
			switch {
			case best.name == "" || l.to-l.from < best.to-best.from:
				best, tie = l, false
			case l.to-l.from == best.to-best.from && (l.first == f.first) != (best.first == f.first):
				if l.first == f.first {
					best, tie = l, false
				}
			case l.to-l.from == best.to-best.from:
				tie = true
			}
		}
		switch {
		case best.name != "" && !tie:
			out[i].lit = best.name
			if i > 0 && out[i-1].lit == best.name && isInnerLiteral(frames[i-1].fn, f.fn) {
				// The frame inside is of a literal the rewrite added in
				// this one (a loop's post statement, say): its code is
				// this literal's own, and Go shows this literal once,
				// at the line the inner one reached.
				folded = append(folded, i)
			}
		case best.name == "" && !tie && i+1 < len(out):
			// A literal the rewrite added (a deferred call's relay, say)
			// whose code is the function's own: Go shows the function, at
			// the line the literal reached, and not the function's frame
			// below it as well. The outermost frame is left to
			// goroutineFrames.
			out[i].fn = top
			if frames[i+1].fn == top {
				folded = append(folded, i+1)
			}
		}
	}
	for _, i := range slices.Backward(folded) {
		out = slices.Delete(out, i, i+1)
	}
	return out
}

// isInnerLiteral reports whether the interpreter's name inner is that of
// a literal written inside the function it names outer: main.f.func.func
// in main.f.func. A literal calling itself has the same name in both
// frames.
func isInnerLiteral(inner, outer string) bool {
	rest, ok := strings.CutPrefix(inner, outer)
	return ok && rest != "" && strings.ReplaceAll(rest, ".func", "") == ""
}

// goroutineFrames returns a goroutine's frames without an outermost one of
// a literal that has no name of Go's: one the rewrite wrapped the go
// statement's call in (a method value's, say), which Go does not have.
// The go statement's own literal is named by the guard that reports it.
func goroutineFrames(frames []stackFrame) []stackFrame {
	if n := len(frames); n > 1 && strings.HasSuffix(frames[n-1].fn, ".func") {
		return frames[:n-1]
	}
	return frames
}
