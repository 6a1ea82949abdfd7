package rewrite

import (
	"go/ast"
	"go/types"
)

// Functions appended to slices. The interpreter appends a function the
// cells declare, named as a value, as its own node rather than as a
// function ("reflect.Set: value of type *interp.node is not assignable to
// type func(string)"), while it converts one written as a conversion:
//
//	append(handlers, note)   becomes  append(handlers, (func(string))(note))
//
// with the slice's element type, or the function's own type when the
// elements are interfaces.

// funcAppends converts the declared functions appended under root to the
// slice's element type.
func (rw *rewriter) funcAppends(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) < 2 || call.Ellipsis.IsValid() || !rw.isBuiltin(call.Fun, "append") {
			return true
		}
		t := rw.info.TypeOf(call.Args[0])
		if t == nil {
			return true
		}
		slice, ok := t.Underlying().(*types.Slice)
		if !ok {
			return true
		}
		elem := slice.Elem()
		switch elem.Underlying().(type) {
		case *types.Signature, *types.Interface:
		default:
			return true
		}
		for i, a := range call.Args[1:] {
			if !rw.declaredFunc(a) {
				continue
			}
			to := elem
			if types.IsInterface(to) {
				// Into an interface as the function's own type.
				to = rw.info.TypeOf(a)
			}
			call.Args[i+1] = &ast.CallExpr{Fun: &ast.ParenExpr{X: rw.typeExpr(to)}, Args: []ast.Expr{ast.Unparen(a)}}
		}
		return true
	})
}

// declaredFunc reports whether e names a function the cells declare.
func (rw *rewriter) declaredFunc(e ast.Expr) bool {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.IndexExpr: // an instance of a generic function
		id, _ = e.X.(*ast.Ident)
	}
	if id == nil {
		return false
	}
	fn, ok := rw.info.Uses[id].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == "main" && fn.Signature().Recv() == nil
}
