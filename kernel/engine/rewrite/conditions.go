package rewrite

import (
	"go/ast"
	"go/token"
)

// The interpreter takes a type assertion that stands alone as a condition
// (if v.(bool), for ; v.(bool);, a case of a tagless switch) for true
// whatever the value, as if it tested the assertion's success: so
// `if <-done {` ran its body on a received false. The same assertion
// compared with true, or in any other expression, is evaluated right.
// assertedConditions rewrites such a condition c into c == true.
func (rw *rewriter) assertedConditions(root ast.Node) ast.Node {
	fix := func(cond ast.Expr) ast.Expr {
		if _, ok := ast.Unparen(cond).(*ast.TypeAssertExpr); !ok {
			return cond
		}
		return &ast.BinaryExpr{X: cond, OpPos: cond.Pos(), Op: token.EQL, Y: ast.NewIdent("true")}
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			n.Cond = fix(n.Cond)
		case *ast.ForStmt:
			if n.Cond != nil {
				n.Cond = fix(n.Cond)
			}
		case *ast.SwitchStmt:
			if n.Tag != nil {
				break
			}
			for _, c := range n.Body.List {
				clause := c.(*ast.CaseClause)
				for i, e := range clause.List {
					clause.List[i] = fix(e)
				}
			}
		}
		return true
	})
	return root
}
