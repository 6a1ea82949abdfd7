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

// recoverDones makes each function under root that calls recover itself
// defer goconc_rt.RecoverDone first, so that the engine forgets the
// value it recovered when it returns (see the engine's repanic.go): a
// panic starting while it still runs interrupted that one, which Go's
// report of the panic names.
func recoverDones(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		var body *ast.BlockStmt
		switch n := n.(type) {
		case *ast.FuncDecl:
			body = n.Body
		case *ast.FuncLit:
			body = n.Body
		}
		if body != nil && callsRecovered(body) {
			done := &ast.DeferStmt{Defer: body.Lbrace, Call: &ast.CallExpr{
				Fun: &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("RecoverDone")},
			}}
			body.List = append([]ast.Stmt{done}, body.List...)
		}
		return true
	})
}

// callsRecovered reports whether body calls goconc_rt.Recovered, what
// recover becomes, or goconc_rt.KeptAside (nestedpanic.go), outside the
// function literals it holds.
func callsRecovered(body *ast.BlockStmt) bool {
	return callsOutsideLiterals(body, func(call *ast.CallExpr) bool {
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Recovered" && sel.Sel.Name != "KeptAside") {
			return false
		}
		x, ok := sel.X.(*ast.Ident)
		return ok && x.Name == runtimeName
	})
}

// callsOutsideLiterals reports whether body holds a call that is, by
// isCall, the one looked for, outside the function literals in body: those
// run in frames of their own.
func callsOutsideLiterals(body ast.Node, isCall func(*ast.CallExpr) bool) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if isCall(n) {
				found = true
			}
		}
		return !found
	})
	return found
}
