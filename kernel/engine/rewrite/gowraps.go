package rewrite

import (
	"go/ast"
	"go/types"
)

// Go runs a go or defer statement's call through a wrapper function of
// the compiler's, named after the function that holds the statement:
// main.main.gowrap1, main.f.func1.deferwrap2, numbered together in the
// order the statements are written, unless the call is already one
// without arguments or results of a function that is no method or
// builtin. A goroutine that panics in a builtin (go panic(v), go
// close(ch)) has the wrapper's frame alone in Go's report.

// numberGoWraps notes, for each go statement of the cell's functions
// and statements that Go runs through a wrapper, the number of its
// wrapper in the function that holds it: a goroutine that panics in a
// builtin shows the wrapper alone, and one that has not run yet shows
// the wrapper of a named function's call (rewrite.go's spawn).
func (rw *rewriter) numberGoWraps(decls []ast.Decl, chunks [][]ast.Stmt, chunkFunc func(int) string) {
	rw.goWraps = map[*ast.GoStmt]int{}
	for _, d := range decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			n := 0
			rw.countWraps(fd.Body, &n)
		}
	}
	counts := map[string]*int{} // the chunks of one function count on
	for i, c := range chunks {
		name := ""
		if chunkFunc != nil {
			name = chunkFunc(i)
		}
		n := counts[name]
		if n == nil {
			n = new(int)
			counts[name] = n
		}
		for _, s := range c {
			rw.countWraps(s, n)
		}
	}
}

// countWraps numbers the wrapped go and defer statements of body in *n;
// a function literal in it numbers its own.
func (rw *rewriter) countWraps(body ast.Node, n *int) {
	ast.Inspect(body, func(node ast.Node) bool {
		switch s := node.(type) {
		case *ast.FuncLit:
			own := 0
			rw.countWraps(s.Body, &own)
			return false
		case *ast.GoStmt:
			if rw.wrapped(s.Call) {
				*n++
				rw.goWraps[s] = *n
			}
		case *ast.DeferStmt:
			if rw.wrapped(s.Call) {
				*n++
			}
		}
		return true
	})
}

// wrapped reports whether Go runs call, of a go or defer statement,
// through a wrapper.
func (rw *rewriter) wrapped(call *ast.CallExpr) bool {
	if len(call.Args) > 0 || rw.callsBuiltin(call) || rw.isMethodValue(ast.Unparen(call.Fun)) {
		return true
	}
	tv, ok := rw.info.Types[call.Fun]
	if !ok || tv.Type == nil {
		return true
	}
	sig, ok := tv.Type.Underlying().(*types.Signature)
	return !ok || sig.Params().Len() > 0 || sig.Results().Len() > 0
}

// callsBuiltin reports whether call is of a builtin function.
func (rw *rewriter) callsBuiltin(call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	_, ok = rw.info.Uses[id].(*types.Builtin)
	return ok
}
