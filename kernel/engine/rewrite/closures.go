package rewrite

import "go/ast"

// closureFrames gives every function literal that may still be running
// when its creator evaluates it again a frame of its own to be made in.
//
// The interpreter keeps the value of a function literal in a slot of the
// frame that evaluates it, and each call of the closure, on returning,
// puts back the value the slot held when the closure was made. A loop that
// starts goroutines from a literal (go func() {...}(), wg.Go(func() {...}),
// time.AfterFunc) therefore races with the goroutines it started: one that
// finishes can reset the slot between the loop's making the next closure
// and reading it, and the loop then starts an older closure, or calls nil
// and brings the process down.
//
// The fix is to make each such closure in a fresh frame:
//
//	go func() { ... }()
//
// becomes
//
//	go func() func() { return func() { ... } }()()
//
// The outer literal is called at once by the goroutine that evaluates it,
// so nothing races for its slot; the inner one is made in the outer call's
// frame, which nothing reads once the outer call has returned. The inner
// literal still closes over the same variables.
//
// Literals called where they stand (func() {...}(), including deferred
// calls) finish before their slot is read again, and literals returned by
// a function leave a frame that is done with; both stay as they are. So do
// literals outside function bodies: a package-level initializer runs once.
// inBody says whether root itself is inside a function body, as a cell's
// statements are.
func closureFrames(root ast.Node, inBody bool) {
	var visit func(parent, n ast.Node, inBody bool) ast.Node
	children := func(n ast.Node, inBody bool) {
		eachChild(n, func(child ast.Node) ast.Node { return visit(n, child, inBody) })
	}
	visit = func(parent, n ast.Node, inBody bool) ast.Node {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				children(n.Body, true)
			}
			return n
		case *ast.FuncLit:
			children(n.Body, true)
			if inBody && !calledInPlace(parent, n) {
				return inFreshFrame(n)
			}
			return n
		case *ast.GoStmt:
			children(n, inBody)
			if lit, ok := n.Call.Fun.(*ast.FuncLit); ok && inBody {
				n.Call.Fun = inFreshFrame(lit)
			}
			return n
		}
		children(n, inBody)
		return n
	}
	visit(nil, root, inBody)
}

// calledInPlace reports whether lit, a child of parent, is done with by
// the time its frame slot is next read: a literal called where it stands
// (the call of a go statement aside, which closureFrames handles), or one
// its function returns.
func calledInPlace(parent ast.Node, lit *ast.FuncLit) bool {
	switch p := parent.(type) {
	case *ast.CallExpr:
		return p.Fun == lit
	case *ast.ReturnStmt:
		return true
	}
	return false
}

// inFreshFrame returns func() T { return lit }(), where T is lit's type.
func inFreshFrame(lit *ast.FuncLit) ast.Expr {
	maker := &ast.FuncLit{
		Type: &ast.FuncType{
			Params:  &ast.FieldList{},
			Results: &ast.FieldList{List: []*ast.Field{{Type: lit.Type}}},
		},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{lit}}}},
	}
	return &ast.CallExpr{Fun: maker}
}
