package rewrite

import (
	"go/ast"
	"go/types"
)

// Functions the cells declare, named as values. The interpreter gives a
// declared function named as a value, before it has compiled the
// function's body (in the function itself, or in one declared before
// it), as its own node rather than as a function: an interface then
// holds a *interp.node, which no assertion or type switch to the
// function's type matches, and an assignment to a variable of the
// function's type panics in reflect.Set. It converts one written as a
// conversion:
//
//	return next          becomes  return (func(int) interface{})(next)
//	handler := serve     becomes  handler := (func(string))(serve)
//
// Calls are left alone, and so are the arguments of append (funcappend
// converts them to the slice's element type) and of conversions to
// function types.

// funcValues converts the declared functions named as values under root
// to their own types.
func (rw *rewriter) funcValues(root ast.Node) {
	made := map[*ast.CallExpr]bool{}
	ast.Inspect(root, func(n ast.Node) bool {
		var skip []ast.Expr
		switch n := n.(type) {
		case *ast.CallExpr:
			if made[n] {
				return false
			}
			skip = append(skip, n.Fun)
			if tv, ok := rw.info.Types[n.Fun]; ok && tv.IsType() {
				if _, ok := tv.Type.Underlying().(*types.Signature); ok {
					skip = append(skip, n.Args...) // converted already
				}
			}
			if rw.isBuiltin(n.Fun, "append") {
				skip = append(skip, n.Args...)
			}
		case *ast.SelectorExpr:
			skip = append(skip, n.Sel)
		}
		eachChild(n, func(c ast.Node) ast.Node {
			id, ok := c.(*ast.Ident)
			if !ok || !rw.declaredFunc(id) {
				return c
			}
			for _, s := range skip {
				if s == c {
					return c
				}
			}
			sig, ok := rw.info.TypeOf(id).(*types.Signature)
			if !ok || sig.TypeParams() != nil {
				return c
			}
			conv := &ast.CallExpr{Fun: &ast.ParenExpr{X: rw.typeExpr(sig)}, Args: []ast.Expr{id}, Rparen: id.End()}
			made[conv] = true
			return conv
		})
		return true
	})
}
