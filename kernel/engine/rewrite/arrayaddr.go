package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Addresses of elements through pointers to arrays. Go indexes a pointer
// to an array as the array: &p[i] is the address of the array's element.
// The interpreter rejects &p[i] ("cannot take address of int") while it
// takes &(*p)[i], so the dereference is written out:
//
//	&p[i]   becomes  &(*p)[i]

// arrayElemAddrs writes out the dereference in the element addresses
// under root that go through pointers to arrays.
func (rw *rewriter) arrayElemAddrs(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		u, ok := n.(*ast.UnaryExpr)
		if !ok || u.Op != token.AND {
			return true
		}
		ix, ok := ast.Unparen(u.X).(*ast.IndexExpr)
		if !ok {
			return true
		}
		t := rw.info.TypeOf(ix.X)
		if t == nil {
			return true
		}
		ptr, ok := t.Underlying().(*types.Pointer)
		if !ok {
			return true
		}
		if _, ok := ptr.Elem().Underlying().(*types.Array); ok {
			ix.X = &ast.ParenExpr{Lparen: ix.X.Pos(), X: &ast.StarExpr{Star: ix.X.Pos(), X: ix.X}, Rparen: ix.X.End()}
		}
		return true
	})
}
