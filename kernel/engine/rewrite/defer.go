package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// The interpreter takes a deferred call's arguments when the defer
// statement runs, but as references to where they are stored: a variable
// assigned afterwards, or a temporary the next iteration of a loop
// reuses, changes the value the call gets. recover, on the other hand,
// works only in a function literal or a named function deferred as it
// stands, not in a closure made elsewhere. So a deferred literal or named
// function keeps its place, and each argument instead goes through a box
// of its own, made when the defer statement runs:
//
//	defer func(tag string) { ... recover() ... }(name)
//
// becomes
//
//	defer func(tag string) { ... recover() ... }(*func(v string) *string { return &v }(name))
//
// Dereferencing the box leaves the interpreter holding the box's
// variable, which nothing else stores to.
//
// A deferred literal also takes the loop variables it uses as arguments:
// it runs in the frame it was deferred from, where only the last
// iteration's variables are left by then.

// A deferred method of the program's own, x.M(args), is kept a method
// call for the same reason: recover works in M only when the deferred call
// is M itself. Its receiver goes through a box too:
//
//	defer (*func(v T) *T { return &v }(x)).M(args...)
//
// The interpreter reads a deferred method's receiver when it makes the
// call, though, from where the defer statement left it; a second run of
// the same statement in the same call (a loop, a goto) overwrites that
// place. So a method deferred in a loop still goes through a closure
// (deferStmt), where recover in M does not work.

// deferInPlace rewrites d as above when its function is a literal or a
// function the cell declares, and reports whether it did.
func (rw *rewriter) deferInPlace(d *ast.DeferStmt) bool {
	call := d.Call
	var sig *types.Signature
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.FuncLit:
		sig, _ = rw.info.Types[fun].Type.(*types.Signature)
	case *ast.Ident:
		f, ok := rw.info.Uses[fun].(*types.Func)
		if !ok || f.Pkg() == nil || f.Pkg().Path() != "main" || f.Parent() != f.Pkg().Scope() {
			return false
		}
		if sig, _ = f.Type().(*types.Signature); sig != nil && sig.TypeParams().Len() > 0 {
			return false // generic: instantiated by other means
		}
	case *ast.SelectorExpr:
		return rw.deferMethodInPlace(d)
	default:
		return false
	}
	if sig == nil {
		return false
	}
	n := sig.Params().Len()
	for i, a := range call.Args {
		var t types.Type
		switch {
		case sig.Variadic() && i >= n-1 && !call.Ellipsis.IsValid():
			t = sig.Params().At(n - 1).Type().(*types.Slice).Elem()
		case i < n:
			t = sig.Params().At(i).Type()
		default:
			return false // f(g()) with several results: left as it is
		}
		call.Args[i] = rw.boxed(a, t)
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		rw.bindLoopVars(lit, call)
	}
	return true
}

// deferMethodInPlace rewrites a deferred call of a method the program
// declares, outside loops, as above, and reports whether it did.
func (rw *rewriter) deferMethodInPlace(d *ast.DeferStmt) bool {
	call := d.Call
	if rw.repeatedDefers[d] || call.Ellipsis.IsValid() {
		return false
	}
	recv, method, ok := rw.methodReceiver(call.Fun)
	if !ok || method.Pkg() == nil || method.Pkg().Path() != "main" {
		return false
	}
	sig, _ := method.Type().(*types.Signature)
	rt := rw.info.Types[recv].Type
	if sig == nil || rt == nil || sig.TypeParams().Len() > 0 || hasTypeArgs(rt) {
		return false
	}
	if r := sig.Recv(); r != nil && isPointer(r.Type()) && !isPointer(rt) {
		if !types.IsInterface(rt) {
			rt = types.NewPointer(rt)
			recv = &ast.UnaryExpr{Op: token.AND, X: recv}
		}
	}
	n := sig.Params().Len()
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		var t types.Type
		switch {
		case sig.Variadic() && i >= n-1:
			t = sig.Params().At(n - 1).Type().(*types.Slice).Elem()
		case i < n:
			t = sig.Params().At(i).Type()
		default:
			return false // x.M(g()) with several results
		}
		args[i] = rw.boxed(a, t)
	}
	box := rw.boxed(recv, rt)
	if _, isConst := box.(*ast.StarExpr); !isConst {
		return false
	}
	call.Fun = &ast.SelectorExpr{X: &ast.ParenExpr{X: box}, Sel: ast.NewIdent(method.Name())}
	call.Args = args
	return true
}

// hasTypeArgs reports whether t, or the type it points to, is an
// instance of a generic type.
func hasTypeArgs(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	return ok && n.TypeArgs().Len() > 0
}

// markRepeatedDefers records in rw.repeatedDefers the defer statements
// under root that one call of their function may run more than once: in
// a loop, or in a function with labels.
func (rw *rewriter) markRepeatedDefers(root ast.Node) {
	if rw.repeatedDefers == nil {
		rw.repeatedDefers = map[*ast.DeferStmt]bool{}
	}
	stack := []bool{hasLabels(root)} // per node entered: does its code repeat
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		repeated := stack[len(stack)-1]
		switch n := n.(type) {
		case *ast.FuncLit:
			repeated = hasLabels(n.Body)
		case *ast.FuncDecl:
			repeated = n.Body != nil && hasLabels(n.Body)
		case *ast.ForStmt, *ast.RangeStmt:
			repeated = true
		case *ast.DeferStmt:
			if repeated {
				rw.repeatedDefers[n] = true
			}
		}
		stack = append(stack, repeated)
		return true
	})
}

// hasLabels reports whether body has a labelled statement outside the
// function literals in it.
func hasLabels(body ast.Node) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.LabeledStmt:
			found = true
		}
		return !found
	})
	return found
}

// boxed returns *func(v T) *T { return &v }(a), or a itself when it is a
// constant.
func (rw *rewriter) boxed(a ast.Expr, t types.Type) ast.Expr {
	if tv, ok := rw.info.Types[a]; ok && (tv.Value != nil || tv.IsNil()) {
		return a
	}
	v := ast.NewIdent(rw.name("v"))
	box := &ast.FuncLit{
		Type: &ast.FuncType{
			Params:  &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{v}, Type: rw.typeExpr(t)}}},
			Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.StarExpr{X: rw.typeExpr(t)}}}},
		},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{
			&ast.UnaryExpr{Op: token.AND, X: ast.NewIdent(v.Name)},
		}}}},
	}
	return &ast.StarExpr{X: &ast.CallExpr{Fun: box, Args: []ast.Expr{a}}}
}

// bindLoopVars passes the variables of enclosing loops that the deferred
// literal lit uses to it as boxed arguments of the same names. Only
// variables the loop body does not change are passed: the copy would miss
// a later change, which the deferred call should see.
func (rw *rewriter) bindLoopVars(lit *ast.FuncLit, call *ast.CallExpr) {
	if call.Ellipsis.IsValid() {
		return // a parameter after the variadic one is not possible
	}
	if sig, ok := rw.info.Types[lit].Type.(*types.Signature); ok && sig.Variadic() {
		return
	}
	loops := map[*types.Scope]ast.Node{}
	funcs := map[*types.Scope]bool{}
	for node, scope := range rw.info.Scopes {
		switch node.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loops[scope] = node
		case *ast.FuncType:
			funcs[scope] = true
		}
	}
	declared := map[string]bool{} // names the literal's own parameters take
	for _, f := range lit.Type.Params.List {
		for _, name := range f.Names {
			declared[name.Name] = true
		}
	}
	var vars []*types.Var
	seen := map[*types.Var]bool{}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := rw.info.Uses[id].(*types.Var)
		if !ok || seen[v] || v.IsField() || declared[v.Name()] || (lit.Pos() <= v.Pos() && v.Pos() < lit.End()) {
			return true
		}
		seen[v] = true
		for s := v.Parent(); s != nil && !funcs[s]; s = s.Parent() {
			if loop, ok := loops[s]; ok {
				if !rw.changedIn(loopBody(loop), v, lit) {
					vars = append(vars, v)
				}
				break
			}
		}
		return true
	})
	for _, v := range vars {
		lit.Type.Params.List = append(lit.Type.Params.List, &ast.Field{Names: []*ast.Ident{ast.NewIdent(v.Name())}, Type: rw.typeExpr(v.Type())})
		arg := ast.NewIdent(v.Name())
		rw.info.Uses[arg] = v // so that captureLoopVars sees the use
		call.Args = append(call.Args, rw.boxed(arg, v.Type()))
	}
}

func loopBody(loop ast.Node) *ast.BlockStmt {
	if f, ok := loop.(*ast.ForStmt); ok {
		return f.Body
	}
	return loop.(*ast.RangeStmt).Body
}

// changedIn reports whether body, outside skip, assigns to v or takes its
// address.
func (rw *rewriter) changedIn(body ast.Node, v *types.Var, skip ast.Node) bool {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && rw.info.Uses[id] == v
	}
	changed := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil:
			return false
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				changed = changed || is(l)
			}
		case *ast.IncDecStmt:
			changed = changed || is(n.X)
		case *ast.UnaryExpr:
			changed = changed || (n.Op == token.AND && rw.addressRoot(n.X) == v)
		case *ast.RangeStmt:
			changed = changed || (n.Key != nil && is(n.Key)) || (n.Value != nil && is(n.Value))
		case *ast.SelectorExpr:
			if s, ok := rw.info.Selections[n]; ok && s.Kind() == types.MethodVal {
				if sig, ok := s.Obj().Type().(*types.Signature); ok && sig.Recv() != nil && isPointer(sig.Recv().Type()) && !isPointer(rw.info.Types[n.X].Type) {
					changed = changed || rw.addressRoot(n.X) == v
				}
			}
		}
		return n != skip && !changed
	})
	return changed
}
