package rewrite

import (
	"go/ast"
	"go/types"
)

// recoverCall makes a call of the builtin recover return what Go's would:
// recover() becomes goconc_rt.Recovered(recover()). The call stays in the
// deferred function, so recover still stops the panic.
func (rw *rewriter) recoverCall(call *ast.CallExpr) {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Name != "recover" || len(call.Args) != 0 {
		return
	}
	if _, ok := rw.info.Uses[id].(*types.Builtin); !ok {
		return
	}
	// The inner identifier is new, so has no use recorded: it is not
	// rewritten again when the walk reaches it.
	inner := &ast.CallExpr{Fun: ast.NewIdent("recover"), Lparen: call.Lparen, Rparen: call.Rparen}
	call.Fun = &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("Recovered")}
	call.Args = []ast.Expr{inner}
}
