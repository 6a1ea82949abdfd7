// Package noise rewrites a program's source so that its goroutines call a
// scheduling hook just before each synchronisation point: taking or
// releasing a lock, waiting on a WaitGroup or a Cond, sending or
// receiving on a channel, a select, and starting a goroutine (in the
// starter and as the new goroutine's first act). The hook yields, naps or
// spins at random, so that the interleavings a concurrent program meets
// in a few runs are many and varied rather than the one its scheduler
// happens to favour: a lock-order deadlock or a race that needs an
// unlucky schedule shows up within a few runs instead of once in
// thousands.
//
// The rewrite is textual and keeps positions: each call is inserted on
// the line of the statement it precedes, followed by a /*line*/ directive
// that restores the statement's own line and column, so that compile
// errors, panics and race reports still name the code as written.
package noise

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
)

// syncMethods are the method names whose calls count as synchronisation
// points. Types are not known here, so a method of the program's own with
// one of these names gets the hook too, which costs only time.
var syncMethods = map[string]bool{
	"Lock": true, "Unlock": true, "RLock": true, "RUnlock": true, "TryLock": true,
	"Wait": true, "Done": true, "Signal": true, "Broadcast": true,
}

// Rewrite inserts calls hook(site) before the synchronisation points of
// the Go file src, site numbering them from first. It returns the new
// source and the number of sites. A file that does not parse is returned
// as it is, for the compiler to complain about.
func Rewrite(name string, src []byte, hook string, first int) ([]byte, int) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution|parser.ParseComments)
	if err != nil {
		return src, 0
	}
	tf := fset.File(f.Pos())
	var offsets []int
	add := func(p token.Pos) { offsets = append(offsets, tf.Offset(p)) }
	list := func(stmts []ast.Stmt) {
		for _, s := range stmts {
			if syncPoint(s) {
				add(s.Pos())
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			list(n.List)
		case *ast.CaseClause:
			list(n.Body)
		case *ast.CommClause:
			list(n.Body)
		case *ast.GoStmt:
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				// The new goroutine's first act, so that it does not
				// always start where its starter left off.
				add(lit.Body.Lbrace + 1)
			}
		}
		return true
	})
	if len(offsets) == 0 {
		return src, 0
	}
	sort.Ints(offsets)
	var b bytes.Buffer
	b.Grow(len(src) + 48*len(offsets))
	last := 0
	for i, off := range offsets {
		b.Write(src[last:off])
		adjusted := fset.PositionFor(tf.Pos(off), true)
		physical := fset.PositionFor(tf.Pos(off), false)
		fmt.Fprintf(&b, "%s(%d); /*line %s:%d:%d*/", hook, first+i, adjusted.Filename, adjusted.Line, physical.Column)
		last = off
	}
	b.Write(src[last:])
	return b.Bytes(), len(offsets)
}

// syncPoint reports whether a statement synchronises with other
// goroutines itself, leaving aside the statements of blocks and function
// literals nested in it, which are considered on their own.
func syncPoint(s ast.Stmt) bool {
	if l, ok := s.(*ast.LabeledStmt); ok {
		s = l.Stmt
	}
	switch s.(type) {
	case *ast.GoStmt, *ast.SelectStmt, *ast.SendStmt:
		return true
	case *ast.DeferStmt:
		return false // runs later, where nothing can precede it
	}
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				found = true
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && syncMethods[sel.Sel.Name] {
				found = true
			}
		}
		return !found
	})
	return found
}
