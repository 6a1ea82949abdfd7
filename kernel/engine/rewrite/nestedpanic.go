package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// When a deferred call panics, Go goes on running the function's other
// deferred calls, and a recover in one of them returns the new panic;
// the interpreter instead abandons the remaining deferred calls. So in a
// function with more than one deferred call, each deferred call that
// does not itself recover runs under a recover of its own, which keeps
// its panic aside:
//
//	defer cleanup()
//
// becomes
//
//	defer func() {
//		defer func() {
//			if r := goconc_rt.KeptAside(recover()); r != nil { pending, panicking = r, true }
//		}()
//		cleanup()
//	}()
//
// A recover in a later deferred function literal returns the panic kept
// aside (and still stops the one under way), and a deferred call made
// first raises it again when no one recovered it, telling the engine,
// whose trace then shows the frames the panic left when it was kept
// aside rather than those of the deferred call raising it:
//
//	var pending any; var panicking bool
//	defer func() { if panicking { panicking = false; goconc_rt.Reraising(); panic(pending) } }()
//
// A deferred call of a function whose body is not a literal at hand is
// wrapped only when it cannot recover itself: a recover needs to be
// called by the deferred function directly.

// nestedPanics rewrites the function bodies under root.
func (rw *rewriter) nestedPanics(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				rw.nestedPanicBody(n.Body)
			}
		case *ast.FuncLit:
			rw.nestedPanicBody(n.Body)
		}
		return true
	})
}

// nestedPanicStmts rewrites the function bodies in a list of statements,
// and the list itself as a function body: a cell's statements run as one.
func (rw *rewriter) nestedPanicStmts(stmts []ast.Stmt) []ast.Stmt {
	block := &ast.BlockStmt{List: stmts}
	rw.nestedPanics(block)
	rw.nestedPanicBody(block)
	return block.List
}

// nestedPanicBody rewrites one function body, not the literals in it.
func (rw *rewriter) nestedPanicBody(body *ast.BlockStmt) {
	var defers []*ast.DeferStmt
	inLoop := false
	var walk func(n ast.Node, loop bool)
	walk = func(n ast.Node, loop bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.DeferStmt:
				defers = append(defers, m)
				inLoop = inLoop || loop
			case *ast.ForStmt:
				walk(m.Body, true)
				return false
			case *ast.RangeStmt:
				walk(m.Body, true)
				return false
			}
			return true
		})
	}
	walk(body, false)
	if len(defers) < 2 && !inLoop {
		return
	}
	pending, panicking := rw.name("pending"), rw.name("panicking")
	wrapped := 0
	var recovering, keeping []*ast.FuncLit
	for _, d := range defers {
		if lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok && rw.relays[lit] {
			relayAside(lit, pending, panicking)
			recovering = append(recovering, lit)
			wrapped++
			continue
		}
		if lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok && callsRecover(lit.Body) {
			// A panic it raises after its recover (recover, then panic
			// again) is kept aside by the literal itself, with a deferred
			// call of its own: its recover stays where it was written.
			recovering = append(recovering, lit)
			keeping = append(keeping, lit)
			wrapped++
			continue
		}
		if !rw.cannotRecover(d.Call.Fun) {
			continue
		}
		call, params, args, ok := rw.deferredParts(d.Call)
		if !ok {
			continue
		}
		d.Call = &ast.CallExpr{Fun: &ast.FuncLit{
			Type: &ast.FuncType{Params: &ast.FieldList{List: params}},
			Body: &ast.BlockStmt{List: []ast.Stmt{keepAsideDefer(pending, panicking), &ast.ExprStmt{X: call}}},
		}, Args: args}
		wrapped++
	}
	if wrapped == 0 {
		// No panic is kept aside: the recovers stay as written, and the
		// variables they would read are not declared.
		return
	}
	for _, lit := range recovering {
		rw.pendingRecovers(lit.Body, pending, panicking)
	}
	for _, lit := range keeping {
		lit.Body.List = append([]ast.Stmt{keepAsideDefer(pending, panicking)}, lit.Body.List...)
	}
	reraise := &ast.DeferStmt{Call: &ast.CallExpr{Fun: &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.IfStmt{
			Cond: ast.NewIdent(panicking),
			Body: &ast.BlockStmt{List: []ast.Stmt{
				&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(panicking)}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent("false")}},
				&ast.ExprStmt{X: rw.rtCall("Reraising")},
				&ast.ExprStmt{X: &ast.CallExpr{Fun: ast.NewIdent("panic"), Args: []ast.Expr{ast.NewIdent(pending)}}},
			}},
		}}},
	}}}
	vars := &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{
		&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(pending)}, Type: ast.NewIdent("any")},
		&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(panicking)}, Type: ast.NewIdent("bool")},
	}}}
	body.List = append([]ast.Stmt{vars, reraise}, body.List...)
}

// keepAsideDefer is the deferred call that keeps aside the panic of the
// function deferring it:
//
//	defer func() {
//		if r := goconc_rt.KeptAside(recover()); r != nil { pending, panicking = r, true }
//	}()
func keepAsideDefer(pending, panicking string) ast.Stmt {
	return &ast.DeferStmt{Call: &ast.CallExpr{Fun: &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.IfStmt{
			Init: &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("r")}, Tok: token.DEFINE, Rhs: []ast.Expr{keptAside()}},
			Cond: &ast.BinaryExpr{X: ast.NewIdent("r"), Op: token.NEQ, Y: ast.NewIdent("nil")},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.AssignStmt{
				Lhs: []ast.Expr{ast.NewIdent(pending), ast.NewIdent(panicking)}, Tok: token.ASSIGN,
				Rhs: []ast.Expr{ast.NewIdent("r"), ast.NewIdent("true")},
			}}},
		}}},
	}}}
}

// deferredParts splits a deferred call for its wrapper: the call the
// wrapper makes, and the parameters and arguments through which what the
// defer statement evaluates reaches it. Only calls whose function the
// wrapper may evaluate later are split: literals, and functions named by
// identifiers (the closures the rewrites made among them); a literal's
// arguments become the wrapper's.
func (rw *rewriter) deferredParts(call *ast.CallExpr) (*ast.CallExpr, []*ast.Field, []ast.Expr, bool) {
	if call.Ellipsis.IsValid() {
		return nil, nil, nil, false
	}
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.FuncLit:
		var params []*ast.Field
		var inner []ast.Expr
		n := 0
		for _, f := range fun.Type.Params.List {
			if _, variadic := f.Type.(*ast.Ellipsis); variadic {
				return nil, nil, nil, false
			}
			count := max(len(f.Names), 1)
			for range count {
				name := ast.NewIdent(fmt.Sprintf("goconc_arg%d", n))
				params = append(params, &ast.Field{Names: []*ast.Ident{name}, Type: f.Type})
				inner = append(inner, ast.NewIdent(name.Name))
				n++
			}
		}
		if n != len(call.Args) {
			return nil, nil, nil, false
		}
		return &ast.CallExpr{Fun: fun, Args: inner}, params, call.Args, true
	case *ast.Ident:
		// The function is passed boxed: a closure made in a loop
		// lives in a variable the next iteration reuses.
		if len(call.Args) == 0 {
			sig := types.NewSignatureType(nil, nil, nil, nil, nil, false)
			params := []*ast.Field{{Names: []*ast.Ident{ast.NewIdent("goconc_fn")}, Type: rw.typeExpr(sig)}}
			return &ast.CallExpr{Fun: ast.NewIdent("goconc_fn")}, params, []ast.Expr{rw.boxed(fun, sig)}, true
		}
	case *ast.SelectorExpr:
		// goconc_rt.Unlock(&mu): the address is the same when evaluated
		// later.
		if x, ok := fun.X.(*ast.Ident); ok && x.Name == runtimeName {
			for _, a := range call.Args {
				if u, ok := a.(*ast.UnaryExpr); ok && u.Op == token.AND {
					a = u.X
				}
				if _, ok := a.(*ast.Ident); !ok {
					return nil, nil, nil, false
				}
			}
			return call, nil, nil, true
		}
	}
	return nil, nil, nil, false
}

// recovered is goconc_rt.Recovered(recover()): the interpreter fails to
// store some recovered values in a variable unless they went through
// compiled code.
func recovered() ast.Expr {
	return &ast.CallExpr{
		Fun:  &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("Recovered")},
		Args: []ast.Expr{&ast.CallExpr{Fun: ast.NewIdent("recover")}},
	}
}

// keptAside is goconc_rt.KeptAside(recover()): a recover that keeps a
// deferred call's panic aside, to be raised again, ends none of the
// panics it interrupted, which Go's report names before it.
func keptAside() ast.Expr {
	return &ast.CallExpr{
		Fun:  &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("KeptAside")},
		Args: []ast.Expr{&ast.CallExpr{Fun: ast.NewIdent("recover")}},
	}
}

// isRecoverCall reports whether n is a call of the builtin recover, as
// written or as put inside goconc_rt.Recovered.
func (rw *rewriter) isRecoverCall(n ast.Node) bool {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Name != "recover" {
		return false
	}
	obj := rw.info.Uses[id]
	_, builtin := obj.(*types.Builtin)
	return obj == nil || builtin
}

// callsRecover reports whether body calls recover itself, outside the
// function literals in it.
func callsRecover(body ast.Node) bool {
	return callsOutsideLiterals(body, func(call *ast.CallExpr) bool {
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return ok && id.Name == "recover" && len(call.Args) == 0
	})
}

// pendingRecovers makes each recover() in body return the panic kept
// aside, when there is one: recover() becomes
//
//	func(r any) any { if panicking { panicking = false; return pending }; return r }(goconc_rt.Recovered(recover()))
//
// whose recover is still called by the deferred function itself.
func (rw *rewriter) pendingRecovers(body ast.Node, pending, panicking string) {
	var calls []*ast.CallExpr
	// noted holds the recover calls already made goconc_rt.Recovered's
	// arguments (recoverCall): the value the literal returns goes through
	// that call, which notes it, and must not be noted twice.
	noted := map[*ast.CallExpr]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok && isRtCall(call, "Recovered") && len(call.Args) == 1 {
			if inner, ok := call.Args[0].(*ast.CallExpr); ok && rw.isRecoverCall(inner) {
				noted[inner] = true
			}
		}
		if rw.isRecoverCall(n) {
			calls = append(calls, n.(*ast.CallExpr))
		}
		return true
	})
	for _, call := range calls {
		inner := recovered()
		if noted[call] {
			inner = &ast.CallExpr{Fun: ast.NewIdent("recover")}
		}
		call.Fun = &ast.FuncLit{
			Type: &ast.FuncType{
				Params:  &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{ast.NewIdent("r")}, Type: ast.NewIdent("any")}}},
				Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("any")}}},
			},
			Body: &ast.BlockStmt{List: []ast.Stmt{
				&ast.IfStmt{Cond: ast.NewIdent(panicking), Body: &ast.BlockStmt{List: []ast.Stmt{
					&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(panicking)}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent("false")}},
					&ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent(pending)}},
				}}},
				&ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent("r")}},
			}},
		}
		call.Args = []ast.Expr{inner}
	}
}

// cannotRecover reports whether a deferred call of fun cannot itself
// call recover to any effect: a literal without recover, a cell function
// whose declaration has none, a compiled function, or anything the
// interpreter calls through a closure (where recover has no effect).
func (rw *rewriter) cannotRecover(fun ast.Expr) bool {
	switch fun := ast.Unparen(fun).(type) {
	case *ast.FuncLit:
		return !callsRecover(fun.Body)
	case *ast.Ident:
		switch obj := rw.info.Uses[fun].(type) {
		case nil:
			return true // a closure the rewrites made
		case *types.Func:
			if obj.Pkg() == nil || obj.Pkg().Path() != "main" {
				return true
			}
			return false // its body may recover
		case *types.Var:
			return true
		}
		return false
	case *ast.SelectorExpr:
		if x, ok := fun.X.(*ast.Ident); ok && x.Name == runtimeName {
			return true
		}
		if s, ok := rw.info.Selections[fun]; ok {
			return s.Obj().Pkg() == nil || s.Obj().Pkg().Path() != "main"
		}
		_, ok := rw.info.Uses[fun.Sel].(*types.Func)
		return ok // a package's function
	}
	return false
}
