package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A function F that defers recover itself, as in
//
//	defer func() {
//		defer recover()
//		work()
//	}()
//
// stops the panic F was deferred during when F returns normally: the
// deferred recover then runs as if F called it. While F panics, it stops
// nothing. The interpreter's deferred recover stops neither. So F's
// statements after the defer run in a function of their own, and F calls
// recover after it, which is reached only when they finish without a
// panic:
//
//	defer func() {
//		func() {
//			work()
//		}()
//		recover()
//	}()
//
// Only a defer recover() among F's own statements (not in a block or a
// loop), in a function without results, is rewritten: the statements
// after it then cannot return a value or jump out.

// deferredRecovers rewrites the functions under root as above.
func (rw *rewriter) deferredRecovers(root ast.Node) ast.Node {
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil && !hasResults(n.Type) {
				n.Body.List = rw.deferredRecover(n.Body.List)
			}
		case *ast.FuncLit:
			if !hasResults(n.Type) {
				n.Body.List = rw.deferredRecover(n.Body.List)
			}
		}
		return true
	})
	return root
}

func hasResults(t *ast.FuncType) bool {
	return t.Results != nil && len(t.Results.List) > 0
}

// deferredRecover rewrites one function's statements.
func (rw *rewriter) deferredRecover(stmts []ast.Stmt) []ast.Stmt {
	for i, s := range stmts {
		d, ok := s.(*ast.DeferStmt)
		if !ok || !rw.isBuiltinRecover(d.Call) {
			continue
		}
		if jumpsOut(stmts[i+1:]) {
			return stmts
		}
		rest := &ast.FuncLit{
			Type: &ast.FuncType{Func: d.Defer, Params: &ast.FieldList{}},
			Body: &ast.BlockStmt{Lbrace: d.Defer, List: rw.deferredRecover(stmts[i+1:])},
		}
		out := append(append([]ast.Stmt(nil), stmts[:i]...),
			&ast.ExprStmt{X: &ast.CallExpr{Fun: rest}},
			&ast.ExprStmt{X: d.Call})
		return out
	}
	return stmts
}

// isBuiltinRecover reports whether call is recover().
func (rw *rewriter) isBuiltinRecover(call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Name != "recover" || len(call.Args) != 0 {
		return false
	}
	_, builtin := rw.info.Uses[id].(*types.Builtin)
	return builtin
}

// jumpsOut reports whether stmts have a label, goto, or a break or
// continue outside the loops, switches and selects in them, which a
// function around them would cut off.
func jumpsOut(stmts []ast.Stmt) bool {
	found := false
	var walk func(n ast.Node, inLoop, inSwitch bool)
	walk = func(n ast.Node, inLoop, inSwitch bool) {
		ast.Inspect(n, func(c ast.Node) bool {
			if found || c == nil || c == n {
				return !found
			}
			switch c := c.(type) {
			case *ast.FuncLit:
				return false
			case *ast.LabeledStmt:
				found = true
			case *ast.BranchStmt:
				switch {
				case c.Tok == token.GOTO, c.Label != nil:
					found = true
				case c.Tok == token.CONTINUE && !inLoop, c.Tok == token.BREAK && !inLoop && !inSwitch:
					found = true
				}
			case *ast.ForStmt, *ast.RangeStmt:
				walk(c, true, inSwitch)
				return false
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(c, inLoop, true)
				return false
			}
			return !found
		})
	}
	for _, s := range stmts {
		walk(&ast.BlockStmt{List: []ast.Stmt{s}}, false, false)
	}
	return found
}
