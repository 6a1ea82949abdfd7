package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// methodValues rewrites the method values and method expressions under
// root that are not called where they stand into function literals.
//
// The interpreter fails on method expressions used as values (T.M,
// (*T).M), and reads a method value's receiver when the value is called
// rather than when it is made. Go evaluates the receiver, and copies a
// value receiver, when the method value is made:
//
//	f := x.M
//
// becomes
//
//	f := func(r T) func(a A) R { return func(a A) R { return r.M(a) } }(x)
//
// with &x for a method with a pointer receiver on an addressable x, and *x
// for one with a value receiver on a pointer x. A method expression
//
//	g := (*T).M
//
// becomes
//
//	g := func(r *T, a A) R { return r.M(a) }
func (rw *rewriter) methodValues(root ast.Node) ast.Node {
	called := map[ast.Expr]bool{}
	ast.Inspect(root, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			called[ast.Unparen(call.Fun)] = true
		}
		return true
	})
	var visit func(n ast.Node) ast.Node
	visit = func(n ast.Node) ast.Node {
		eachChild(n, visit)
		if call, ok := n.(*ast.CallExpr); ok {
			rw.calledMethodExpr(call)
		}
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || called[sel] {
			return n
		}
		s, ok := rw.info.Selections[sel]
		if !ok {
			return n
		}
		switch s.Kind() {
		case types.MethodExpr:
			if lit := rw.methodExpr(sel, s); lit != nil {
				return lit
			}
		case types.MethodVal:
			if call := rw.methodValue(sel, s); call != nil {
				return call
			}
		}
		return n
	}
	return visit(root)
}

// calledMethodExpr rewrites, in place, a call of a method expression,
// which the interpreter calls with one argument too many, as a call of
// the method on the first argument:
//
//	T.M(x, a)  becomes  (x).M(a)
//
// when x is a T, or implements the interface T; otherwise the method
// expression becomes a literal as below, called where it stands.
func (rw *rewriter) calledMethodExpr(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 {
		return
	}
	s, ok := rw.info.Selections[sel]
	if !ok || s.Kind() != types.MethodExpr {
		return
	}
	sig, ok := rw.info.Types[sel].Type.(*types.Signature)
	if !ok || sig.Params().Len() == 0 {
		return
	}
	tv, ok := rw.info.Types[call.Args[0]]
	if !ok || tv.Type == nil || isTuple(tv.Type) {
		return
	}
	want := sig.Params().At(0).Type()
	var recv ast.Expr = &ast.ParenExpr{X: call.Args[0]}
	switch {
	case tv.Value == nil && types.Identical(tv.Type, want):
	case types.IsInterface(want) && !types.IsInterface(tv.Type):
		// I.M(x): x's own method is the one the interface would call;
		// the interpreter fails to call one on a converted literal.
	default:
		// A conversion would lose the methods of a named basic type
		// (size(4).twice()): the literal's parameter has the type.
		if lit := rw.methodExpr(sel, s); lit != nil {
			call.Fun = lit
		}
		return
	}
	call.Fun = &ast.SelectorExpr{X: recv, Sel: ast.NewIdent(s.Obj().Name())}
	call.Args = call.Args[1:]
}

// methodExpr returns the function literal for the method expression sel.
func (rw *rewriter) methodExpr(sel *ast.SelectorExpr, s *types.Selection) ast.Expr {
	sig, ok := rw.info.Types[sel].Type.(*types.Signature)
	if !ok || sig.Params().Len() == 0 {
		return nil
	}
	recv := ast.NewIdent(rw.name("r"))
	params, args := rw.forwardParams(sig, 1)
	params = append([]*ast.Field{{Names: []*ast.Ident{recv}, Type: rw.typeExpr(sig.Params().At(0).Type())}}, params...)
	call := &ast.CallExpr{
		Fun:      &ast.SelectorExpr{X: ast.NewIdent(recv.Name), Sel: ast.NewIdent(s.Obj().Name())},
		Args:     args,
		Ellipsis: ellipsisIf(sig.Variadic()),
	}
	body := forwardBody(sig, call)
	if fn, ok := s.Obj().(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "main" &&
		!types.IsInterface(sig.Params().At(0).Type()) && rw.methodMayRecover(fn) {
		// As for a method value below: a relay counts the method as the
		// deferred function.
		body = rw.methodCallBody(sig, call)
	}
	return &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{List: params}, Results: rw.resultList(sig)},
		Body: body,
	}
}

// methodValue returns the call that makes the method value sel, with its
// receiver evaluated now, or nil to leave sel as it is.
func (rw *rewriter) methodValue(sel *ast.SelectorExpr, s *types.Selection) ast.Expr {
	method, ok := s.Obj().(*types.Func)
	if !ok || method.Pkg() == nil || method.Pkg().Path() != "main" {
		// Methods of compiled types are bound by reflect, at once.
		return nil
	}
	sig, ok := rw.info.Types[sel].Type.(*types.Signature)
	if !ok {
		return nil
	}
	xt, ok := rw.info.Types[sel.X]
	if !ok || !xt.IsValue() {
		return nil
	}
	if _, isIface := xt.Type.Underlying().(*types.Interface); isIface {
		return nil
	}
	recvType, recvExpr := xt.Type, sel.X
	if len(s.Index()) > 1 {
		// A promoted method: Go follows the embedded fields to the
		// receiver when the value is made, and panics there on a nil
		// embedded pointer.
		if t, path, ok := rw.embeddedPath(xt.Type, sel.X, s.Index()); ok {
			recvType, recvExpr = t, path
		}
	}
	_, xIsPtr := recvType.Underlying().(*types.Pointer)
	_, wantPtr := method.Signature().Recv().Type().Underlying().(*types.Pointer)
	switch {
	case wantPtr && !xIsPtr && !(recvExpr == sel.X && rw.embedsPointer(xt.Type, s.Index())):
		recvType, recvExpr = types.NewPointer(recvType), &ast.UnaryExpr{Op: token.AND, X: recvExpr}
	case !wantPtr && xIsPtr && (recvExpr != sel.X || len(s.Index()) == 1):
		recvType, recvExpr = recvType.Underlying().(*types.Pointer).Elem(), &ast.StarExpr{X: recvExpr}
	}
	recv := ast.NewIdent(rw.name("r"))
	params, args := rw.forwardParams(sig, 0)
	bound := &ast.SelectorExpr{X: ast.NewIdent(recv.Name), Sel: ast.NewIdent(method.Name())}
	body := forwardBody(sig, &ast.CallExpr{Fun: bound, Args: args, Ellipsis: ellipsisIf(sig.Variadic())})
	if rw.methodMayRecover(method) {
		// A relay counts the method as the deferred function through
		// MethodCall (cellrt's relay.go).
		body = rw.methodCallBody(sig, &ast.CallExpr{Fun: bound, Args: args, Ellipsis: ellipsisIf(sig.Variadic())})
	}
	inner := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{List: params}, Results: rw.resultList(sig)},
		Body: body,
	}
	params2, _ := rw.forwardParams(sig, 0)
	maker := &ast.FuncLit{
		Type: &ast.FuncType{
			Params:  &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{recv}, Type: rw.typeExpr(recvType)}}},
			Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.FuncType{Params: &ast.FieldList{List: params2}, Results: rw.resultList(sig)}}}},
		},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{inner}}}},
	}
	return &ast.CallExpr{Fun: maker, Args: []ast.Expr{recvExpr}}
}

// methodCallBody is the body of a method value's literal that calls
// the method through goconc_rt.MethodCall, keeping its results; the
// receiver is the literal's own parameter, so the interpreter's late read
// of it reads the value made with the method value:
//
//	var goconc_x1 R; goconc_rt.MethodCall(func() { goconc_x1 = r.M(a) }); return goconc_x1
func (rw *rewriter) methodCallBody(sig *types.Signature, call *ast.CallExpr) *ast.BlockStmt {
	var stmts []ast.Stmt
	var results []ast.Expr
	for i := 0; i < sig.Results().Len(); i++ {
		name := rw.name("x")
		stmts = append(stmts, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{
			&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(name)}, Type: rw.typeExpr(sig.Results().At(i).Type())},
		}}})
		results = append(results, ast.NewIdent(name))
	}
	var inner ast.Stmt = &ast.ExprStmt{X: call}
	if len(results) > 0 {
		inner = &ast.AssignStmt{Lhs: results, Tok: token.ASSIGN, Rhs: []ast.Expr{call}}
	}
	lit := &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{}}, Body: &ast.BlockStmt{List: []ast.Stmt{inner}}}
	stmts = append(stmts, &ast.ExprStmt{X: rw.rtCall("MethodCall", lit)})
	if len(results) > 0 {
		stmts = append(stmts, &ast.ReturnStmt{Results: results})
	}
	return &ast.BlockStmt{List: stmts}
}

// findRecoveringMethods notes the methods decls declare, and whether
// each calls recover itself.
func (rw *rewriter) findRecoveringMethods(decls []ast.Decl) {
	for _, d := range decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Body == nil {
			continue
		}
		if fn, ok := rw.info.Defs[fd.Name].(*types.Func); ok {
			if rw.recovering == nil {
				rw.recovering = map[*types.Func]bool{}
			}
			rw.recovering[fn] = callsRecover(fd.Body)
		}
	}
}

// methodMayRecover reports whether method, of a cell type, may call recover
// itself: it does, or an earlier cell declared it, whose body is not
// known here. A method value of such a method calls it through
// goconc_rt.MethodCall.
func (rw *rewriter) methodMayRecover(method *types.Func) bool {
	recovers, declared := rw.recovering[method]
	return recovers || !declared
}

// embeddedPath returns the selection of the embedded field that the path
// index (a method's, whose last step is the method) leads to from x of
// type t, with the field's type.
func (rw *rewriter) embeddedPath(t types.Type, x ast.Expr, index []int) (types.Type, ast.Expr, bool) {
	path := x
	for _, i := range index[:len(index)-1] {
		st, ok := derefType(t).Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() || !st.Field(i).Embedded() {
			return nil, nil, false
		}
		f := st.Field(i)
		path = &ast.SelectorExpr{X: path, Sel: ast.NewIdent(f.Name())}
		t = f.Type()
	}
	return t, path, true
}

// embedsPointer reports whether the path of embedded fields index leads
// from t through a pointer, so that the method needs no address of t.
func (rw *rewriter) embedsPointer(t types.Type, index []int) bool {
	for _, i := range index[:len(index)-1] {
		st, ok := derefType(t).Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return false
		}
		t = st.Field(i).Type()
		if _, ok := t.Underlying().(*types.Pointer); ok {
			return true
		}
	}
	return false
}

// forwardParams declares sig's parameters from the from'th on, with fresh
// names, and returns them with the arguments that pass them on.
func (rw *rewriter) forwardParams(sig *types.Signature, from int) ([]*ast.Field, []ast.Expr) {
	var params []*ast.Field
	var args []ast.Expr
	n := sig.Params().Len()
	for i := from; i < n; i++ {
		name := rw.name("a")
		var typ ast.Expr
		if t := sig.Params().At(i).Type(); sig.Variadic() && i == n-1 {
			typ = &ast.Ellipsis{Elt: rw.typeExpr(t.(*types.Slice).Elem())}
		} else {
			typ = rw.typeExpr(t)
		}
		params = append(params, &ast.Field{Names: []*ast.Ident{ast.NewIdent(name)}, Type: typ})
		args = append(args, ast.NewIdent(name))
	}
	return params, args
}

func (rw *rewriter) resultList(sig *types.Signature) *ast.FieldList {
	list := &ast.FieldList{}
	for i := 0; i < sig.Results().Len(); i++ {
		list.List = append(list.List, &ast.Field{Type: rw.typeExpr(sig.Results().At(i).Type())})
	}
	return list
}

// forwardBody is { return call } or, without results, { call }.
func forwardBody(sig *types.Signature, call *ast.CallExpr) *ast.BlockStmt {
	if sig.Results().Len() == 0 {
		return &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: call}}}
	}
	return &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{call}}}}
}

func ellipsisIf(variadic bool) token.Pos {
	if variadic {
		return 1 // any valid position marks the call as passing a slice
	}
	return token.NoPos
}
