package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// The interpreter's recover sees a panic only in a function literal or a
// declared function deferred where it stands. A deferred call of anything
// else that may be the program's own code (a function value, a method
// deferred in a loop, a function reflect.MakeFunc made) goes through a
// relay instead (cellrt.Relays): a literal deferred where it stands takes
// the panic and hands it to the call, whose own recover may take it;
// otherwise the relay raises it again.
//
//	defer f(x)
//
// becomes
//
//	defer func(goconc_fn func()) { goconc_rt.Relay(recover(), goconc_fn) }(*func(v func()) *func() { return &v }(made))
//
// where made binds the function and its arguments, evaluated at the defer
// (madeNow).

// The relay's own recover takes the panic from the function's frame, so
// a function with one relayed call relays every deferred call that may
// recover: a declared function deferred where it stands would find the
// frame's panic gone. With more than one deferred call, nestedpanic.go
// passes a panic a relayed call left on to the next one.

// relayed returns d as a deferred relay of made.
func (rw *rewriter) relayed(d *ast.DeferStmt, made ast.Expr) ast.Stmt {
	fn := ast.NewIdent("goconc_fn")
	// The recover is a new identifier, with no use recorded: the calls
	// pass leaves it as it is, so Relay gets the panic as raised.
	take := &ast.CallExpr{Fun: ast.NewIdent("recover")}
	relay := &ast.FuncLit{
		Type: &ast.FuncType{Func: d.Defer, Params: &ast.FieldList{List: []*ast.Field{{
			Names: []*ast.Ident{fn}, Type: &ast.FuncType{Params: &ast.FieldList{}},
		}}}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: rw.rtCall("Relay", take, ast.NewIdent(fn.Name))}}},
	}
	if rw.relays == nil {
		rw.relays = map[*ast.FuncLit]bool{}
	}
	rw.relays[relay] = true
	bound := types.NewSignatureType(nil, nil, nil, nil, nil, false)
	return &ast.DeferStmt{Defer: d.Defer, Call: &ast.CallExpr{Fun: relay, Args: []ast.Expr{rw.boxed(made, bound)}}}
}

// mayRecover reports whether a deferred call of fun may run a recover of
// the program's own: fun is not a builtin, nor a function or method of a
// compiled package.
func (rw *rewriter) mayRecover(fun ast.Expr) bool {
	tv, ok := rw.info.Types[fun]
	if !ok || tv.IsBuiltin() {
		return false
	}
	if _, ok := tv.Type.Underlying().(*types.Signature); !ok {
		return false
	}
	switch fun := ast.Unparen(fun).(type) {
	case *ast.Ident:
		switch obj := rw.info.Uses[fun].(type) {
		case *types.Var:
			return true
		case *types.Func:
			return inMain(obj)
		}
		return false
	case *ast.SelectorExpr:
		if x, ok := fun.X.(*ast.Ident); ok && x.Name == runtimeName {
			return false
		}
		if s, ok := rw.info.Selections[fun]; ok {
			if s.Kind() == types.FieldVal {
				return true // a field holding a function value
			}
			return inMain(s.Obj())
		}
		if obj, ok := rw.info.Uses[fun.Sel].(*types.Var); ok {
			return inMain(obj) // a package's variable
		}
		return false
	}
	return true // a function value an expression computes
}

func inMain(obj types.Object) bool {
	return obj.Pkg() != nil && obj.Pkg().Path() == "main"
}

// relayAside makes relay, a literal relayed made, keep the panic its
// call leaves in pending and panicking (see nestedpanic.go) instead of
// raising it, and a panic of the call itself too, so that the function's
// other deferred calls still run:
//
//	defer func() { if r := goconc_rt.Recovered(recover()); r != nil { pending, panicking = r, true } }()
//	if r := goconc_rt.RelayAside(recover(), goconc_fn); r != nil { pending, panicking = r, true }
func relayAside(relay *ast.FuncLit, pending, panicking string) {
	keep := func(value ast.Expr) *ast.IfStmt {
		return &ast.IfStmt{
			Init: &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("r")}, Tok: token.DEFINE, Rhs: []ast.Expr{value}},
			Cond: &ast.BinaryExpr{X: ast.NewIdent("r"), Op: token.NEQ, Y: ast.NewIdent("nil")},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.AssignStmt{
				Lhs: []ast.Expr{ast.NewIdent(pending), ast.NewIdent(panicking)}, Tok: token.ASSIGN,
				Rhs: []ast.Expr{ast.NewIdent("r"), ast.NewIdent("true")},
			}}},
		}
	}
	call := relay.Body.List[0].(*ast.ExprStmt).X.(*ast.CallExpr)
	call.Fun.(*ast.SelectorExpr).Sel.Name = "RelayAside"
	catch := &ast.DeferStmt{Call: &ast.CallExpr{Fun: &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: []ast.Stmt{keep(recovered())}},
	}}}
	relay.Body.List = []ast.Stmt{catch, keep(call)}
}

// markRelayedDefers records in rw.relayAll the defer statements under
// root, of functions with a call only a relay lets recover, that may
// recover: relayed makes them all relays. A cell's statements are one
// function: root may be a block holding them.
func (rw *rewriter) markRelayedDefers(root ast.Node) {
	if rw.relayAll == nil {
		rw.relayAll = map[*ast.DeferStmt]bool{}
	}
	body := func(b *ast.BlockStmt) {
		var defers []*ast.DeferStmt
		needed := false
		ast.Inspect(b, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.DeferStmt:
				defers = append(defers, n)
				needed = needed || rw.onlyRelayed(n.Call.Fun)
			}
			return true
		})
		if !needed {
			return
		}
		for _, d := range defers {
			if _, lit := ast.Unparen(d.Call.Fun).(*ast.FuncLit); !lit && rw.mayRecover(d.Call.Fun) {
				rw.relayAll[d] = true
			}
		}
	}
	if b, ok := root.(*ast.BlockStmt); ok {
		body(b) // the statements of a chunk
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				body(n.Body)
			}
		case *ast.FuncLit:
			body(n.Body)
		}
		return true
	})
}

// relayedDeferStmts is markRelayedDefers for a chunk of a cell's
// statements, which run as one function.
func (rw *rewriter) relayedDeferStmts(stmts []ast.Stmt) []ast.Stmt {
	rw.markRelayedDefers(&ast.BlockStmt{List: stmts})
	return stmts
}

// onlyRelayed reports whether a deferred call of fun may recover only
// through a relay: fun may run the program's code and is neither a
// literal nor a function the cells declare (deferInPlace).
func (rw *rewriter) onlyRelayed(fun ast.Expr) bool {
	if !rw.mayRecover(fun) {
		return false
	}
	switch fun := ast.Unparen(fun).(type) {
	case *ast.FuncLit:
		return false
	case *ast.Ident:
		_, declared := rw.info.Uses[fun].(*types.Func)
		return !declared
	case *ast.SelectorExpr:
		if s, ok := rw.info.Selections[fun]; ok && s.Kind() != types.FieldVal {
			return false // a method: relayed when in a loop, which relayAll need not see
		}
	}
	return true
}
