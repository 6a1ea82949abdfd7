package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
)

// rewriter changes type-checked code into equivalent code the interpreter
// runs correctly: range over an integer becomes a three-clause loop, and
// the min, max and clear builtins become function literals.
type rewriter struct {
	fset    *token.FileSet
	cell    int    // the cell's number in the session, for reports
	file    string // the name of the cell's source for the interpreter (sourceFile)
	info    *types.Info
	qualify types.Qualifier
	n       int             // names made so far
	fmtConv *fmtConversions // conversions of values fmt prints, if any
	std     *stdTemplates   // source of the standard library's generic functions, once read
	pkgVars int             // whether packageVar has work: 0 not known yet, 1 yes, -1 no
	boxes   int             // whether namedBasics has work: 0 not known yet, 1 yes, -1 no

	repeatedDefers map[*ast.DeferStmt]bool // defers a call may run more than once (markRepeatedDefers)
	relays         map[*ast.FuncLit]bool   // the deferred literals relayed makes
	composites     map[string]string       // box types of composite types, by name, as declared (compositebox.go)
	relayAll       map[*ast.DeferStmt]bool // defers relayed whatever they call (markRelayedDefers)
	recovering     map[*types.Func]bool    // the cell's methods that call recover (methodvalues.go)
	grown          map[*ast.CallExpr]bool  // makes appended whole (makesize.go)
	goWraps        map[*ast.GoStmt]int     // the numbers of Go's wrappers of go statements (gowraps.go)
}

// visit is an ast.Inspect function. Statements are replaced through the
// lists that hold them; calls are changed in place.
func (rw *rewriter) visit(n ast.Node) bool {
	rw.foldMinMax(n)
	rw.declaredTags(n)
	if rw.usesPackageVars() {
		if u, ok := n.(*ast.UnaryExpr); !ok || u.Op != token.AND {
			eachChild(n, func(c ast.Node) ast.Node {
				if e, ok := c.(ast.Expr); ok {
					return rw.packageVar(e)
				}
				return c
			})
		}
	}
	switch n := n.(type) {
	case *ast.BlockStmt:
		n.List = rw.list(n.List)
	case *ast.CaseClause:
		n.Body = rw.list(n.Body)
	case *ast.CommClause:
		n.Body = rw.list(n.Body)
	case *ast.CallExpr:
		if _, ok := n.Fun.(*ast.ParenExpr); ok {
			n.Fun = callable(n.Fun)
		}
		rw.typeOfCalls(n)
		rw.builtin(n)
		rw.unsafeCall(n)
		rw.printCall(n)
		rw.recoverCall(n)
		rw.errorsCall(n)
		rw.syncCall(n)
		rw.fmtCall(n)
		rw.callerCall(n)
		rw.fieldVerbs(n)
		rw.typeVerbs(n)
		rw.encoderCall(n)
		rw.typeOfString(n)
	case *ast.BinaryExpr:
		if n.Op == token.SHL || n.Op == token.SHR {
			n.Y = rw.shiftCount(n.Y)
		}
		rw.typeOfComparison(n)
	case *ast.AssignStmt:
		if (n.Tok == token.SHL_ASSIGN || n.Tok == token.SHR_ASSIGN) && len(n.Rhs) == 1 {
			n.Rhs[0] = rw.shiftCount(n.Rhs[0])
		}
	case *ast.SelectorExpr:
		rw.frameType(n)
	case *ast.GoStmt:
		rw.goStmt(n)
	case *ast.IfStmt:
		if elif, ok := n.Else.(*ast.IfStmt); ok {
			if b := rw.recvInit(&elif.Init, elif); b != nil {
				n.Else = b
			}
		}
	}
	return true
}

// packageVar turns a variable of a compiled package, pkg.V, of a basic
// type into *&pkg.V. The interpreter takes such a variable for a constant:
// it refuses to assign it ("cannot assign to 524288" for
// runtime.MemProfileRate = 0) and reads the value it had when the code was
// compiled. Through its address it assigns and reads the variable.
func (rw *rewriter) packageVar(lhs ast.Expr) ast.Expr {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok {
		return lhs
	}
	x, ok := sel.X.(*ast.Ident)
	if !ok {
		return lhs
	}
	if _, ok := rw.info.Uses[x].(*types.PkgName); !ok {
		return lhs
	}
	v, ok := rw.info.Uses[sel.Sel].(*types.Var)
	if !ok || !isCompiledPackageVar(v) {
		return lhs
	}
	addr := &ast.UnaryExpr{OpPos: sel.Pos(), Op: token.AND, X: sel}
	star := &ast.StarExpr{Star: sel.Pos(), X: addr}
	rw.info.Types[addr] = types.TypeAndValue{Type: types.NewPointer(v.Type())}
	rw.info.Types[star] = types.TypeAndValue{Type: v.Type()}
	return star
}

// usesPackageVars reports whether the code rewritten uses a variable of
// a compiled package of a basic type, which packageVar rewrites.
func (rw *rewriter) usesPackageVars() bool {
	if rw.pkgVars == 0 {
		rw.pkgVars = -1
		for _, obj := range rw.info.Uses {
			if v, ok := obj.(*types.Var); ok && isCompiledPackageVar(v) {
				rw.pkgVars = 1
				break
			}
		}
	}
	return rw.pkgVars > 0
}

// isCompiledPackageVar reports whether v is a package-level variable of
// a basic type of a package other than the cells'.
func isCompiledPackageVar(v *types.Var) bool {
	if v.Pkg() == nil || v.Pkg().Path() == "main" || v.Parent() != v.Pkg().Scope() {
		return false
	}
	_, basic := v.Type().Underlying().(*types.Basic)
	return basic
}

// recvInit moves a comma-ok receive out of a statement's init, where the
// interpreter reports ok as true even on a closed channel:
//
//	if v, ok := <-ch; cond { ... }
//
// becomes
//
//	{ r, ok2 := goconc_rt.Recv(ch, where); v, ok := r.(T), ok2; if cond { ... } }
//
// The block keeps v and ok to the statement, as its init did.
func (rw *rewriter) recvInit(init *ast.Stmt, s ast.Stmt) *ast.BlockStmt {
	a, ok := (*init).(*ast.AssignStmt)
	if !ok {
		return nil
	}
	spliced := rw.recvAssign(a)
	if spliced == nil {
		return nil
	}
	*init = nil
	return &ast.BlockStmt{List: append(spliced, s)}
}

// list rewrites a statement list; one statement may become several.
func (rw *rewriter) list(stmts []ast.Stmt) []ast.Stmt {
	out := make([]ast.Stmt, 0, len(stmts))
	for _, s := range stmts {
		if marked := rw.panicStmt(s); marked != nil {
			out = append(out, marked...)
			continue
		}
		if a, ok := s.(*ast.AssignStmt); ok {
			if spliced := rw.recvAssign(a); spliced != nil {
				out = append(out, spliced...)
				continue
			}
		}
		out = append(out, rw.stmt(s))
	}
	return out
}

func (rw *rewriter) stmt(s ast.Stmt) ast.Stmt {
	switch s := s.(type) {
	case *ast.GoStmt:
		if start := rw.start(s); start != nil {
			return start
		}
	case *ast.LabeledStmt:
		s.Stmt = rw.stmt(s.Stmt)
	case *ast.RangeStmt:
		rw.rangeArrayPointer(s)
		rw.rangeAssign(s)
		rw.rangeStringKeys(s)
		if f := rw.rangeStringRunes(s); f != nil {
			return f
		}
		if f := rw.rangeInt(s); f != nil {
			return f
		}
		if f := rw.rangeChan(s); f != nil {
			return f
		}
		if f := rw.rangeChanValues(s); f != nil {
			return f
		}
	case *ast.SendStmt:
		if r := rw.sendStmt(s); r != nil {
			return r
		}
	case *ast.ExprStmt:
		// <-ch for its effect: no value to assert.
		if u, ok := ast.Unparen(s.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			if _, ok := rw.chanElem(u.X); ok {
				return &ast.ExprStmt{X: rw.rtCall("Recv1", u.X, rw.where(u.Pos()))}
			}
		}
	case *ast.SelectStmt:
		if len(s.Body.List) > 0 {
			return rw.selectStmt(s)
		}
		// select {} blocks for good: in the runtime, which sees it.
		return &ast.ExprStmt{X: rw.rtCall("Select", ast.NewIdent("nil"), ast.NewIdent("false"), rw.where(s.Pos()))}
	case *ast.IfStmt:
		if b := rw.recvInit(&s.Init, s); b != nil {
			return b
		}
	case *ast.SwitchStmt:
		rw.interfaceSwitch(s)
		if b := rw.recvInit(&s.Init, s); b != nil {
			return b
		}
	case *ast.TypeSwitchStmt:
		if b := rw.recvInit(&s.Init, s); b != nil {
			return b
		}
	case *ast.DeferStmt:
		if d := rw.deferStmt(s); d != nil {
			return d
		}
	case *ast.AssignStmt:
		if s.Tok == token.ASSIGN && len(s.Lhs) == len(s.Rhs) {
			rw.blankDerefs(s.Lhs, s.Rhs)
		}
		if b := rw.closureAssign(s); b != nil {
			return b
		}
		if b := rw.parallelAssign(s); b != nil {
			return b
		}
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, spec := range g.Specs {
				if vs := spec.(*ast.ValueSpec); len(vs.Names) == len(vs.Values) {
					lhs := make([]ast.Expr, len(vs.Names))
					for i, name := range vs.Names {
						lhs[i] = name
					}
					rw.blankDerefs(lhs, vs.Values)
				}
			}
		}
	}
	return s
}

// blankDerefs makes each *p assigned to the blank identifier dereference
// p: the interpreter skips the load there, so a nil p did not panic as in
// Go. Put in an array literal, *p is loaded:
//
//	_ = *p
//
// becomes
//
//	_ = [1]any{*p}
func (rw *rewriter) blankDerefs(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		if id, ok := l.(*ast.Ident); !ok || id.Name != "_" {
			continue
		}
		star, ok := ast.Unparen(rhs[i]).(*ast.StarExpr)
		if !ok {
			continue
		}
		if tv, ok := rw.info.Types[star.X]; !ok || !tv.IsValue() {
			continue
		}
		rhs[i] = &ast.CompositeLit{
			Type: &ast.ArrayType{Len: &ast.BasicLit{Kind: token.INT, Value: "1"}, Elt: ast.NewIdent("any")},
			Elts: []ast.Expr{rhs[i]},
		}
	}
}

// closureAssign splits an assignment of several variables where a value
// is a function literal: the interpreter makes such a closure capture the
// variables it uses by value, so in
//
//	q, g = 1, func() int { return q }
//
// g returned 0. The values go to variables of the assigned variables'
// types first, one assignment each, then to the variables, as Go
// evaluates every value before assigning any:
//
//	{ var v0 int = 1; var v1 func() int = func() int { return q }; q = v0; g = v1 }
func (rw *rewriter) closureAssign(a *ast.AssignStmt) ast.Stmt {
	if a.Tok != token.ASSIGN || len(a.Lhs) < 2 || len(a.Lhs) != len(a.Rhs) {
		return nil
	}
	hasLit := false
	for _, r := range a.Rhs {
		ast.Inspect(r, func(n ast.Node) bool {
			_, ok := n.(*ast.FuncLit)
			hasLit = hasLit || ok
			return !hasLit
		})
	}
	if !hasLit {
		return nil
	}
	var temps, assigns []ast.Stmt
	for i, l := range a.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return nil // an index or field: its operands are evaluated first
		}
		if id.Name == "_" {
			temps = append(temps, &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("_")}, Tok: token.ASSIGN, Rhs: []ast.Expr{a.Rhs[i]}})
			continue
		}
		t := rw.info.TypeOf(id)
		if t == nil {
			return nil
		}
		v := rw.name("v")
		temps = append(temps, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{
			&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(v)}, Type: rw.typeExpr(t), Values: []ast.Expr{a.Rhs[i]}},
		}}})
		assigns = append(assigns, &ast.AssignStmt{Lhs: []ast.Expr{id}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent(v)}})
	}
	return &ast.BlockStmt{Lbrace: a.Pos(), List: append(temps, assigns...)}
}

// deferStmt evaluates a deferred call's function and arguments where the
// defer statement is, as Go does; the interpreter evaluates them when the
// function returns. The values go through a factory whose result is the
// call to make:
//
//	defer f(a, b)
//
// becomes
//
//	{ d := func(f F, a0 A, a1 B) func() { return func() { f(a0, a1) } }(f, a, b); defer d() }
//
// A deferred function literal becomes the factory's inner function, so
// that recover still works in it.
func (rw *rewriter) deferStmt(d *ast.DeferStmt) ast.Stmt {
	call := d.Call
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		rw.syncCall(call)
		if call.Fun != sel {
			// defer mu.Unlock() went to the runtime; its argument is
			// the mutex's address, the same whenever it is evaluated.
			return nil
		}
	}
	if rw.deferPrint(call) {
		return nil
	}
	if !rw.relayAll[d] && rw.deferInPlace(d) {
		return nil
	}
	made := rw.madeNow(call)
	if made == nil {
		return nil
	}
	if rw.mayRecover(call.Fun) {
		return rw.relayed(d, made)
	}
	name := ast.NewIdent(rw.name("deferred"))
	return &ast.BlockStmt{List: []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{name}, Tok: token.DEFINE, Rhs: []ast.Expr{made}},
		&ast.DeferStmt{Defer: d.Defer, Call: &ast.CallExpr{Fun: ast.NewIdent(name.Name)}},
	}}
}

// deferPrint rewrites a deferred print or println, in place, as a deferred
// call of the run-time support's printer (printCall), each argument boxed
// as in deferInPlace, and reports whether it did. Through a closure the
// printer would no longer see which arguments are interfaces.
func (rw *rewriter) deferPrint(call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || (id.Name != "print" && id.Name != "println") || call.Ellipsis.IsValid() {
		return false
	}
	if _, ok := rw.info.Uses[id].(*types.Builtin); !ok {
		return false
	}
	for i, a := range call.Args {
		t := rw.info.TypeOf(a)
		if t == nil {
			return false
		}
		if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			t = types.Default(t)
		}
		if boxed := rw.boxed(a, t); boxed != a {
			rw.info.Types[boxed] = types.TypeAndValue{Type: t} // for printCall
			call.Args[i] = boxed
		}
	}
	rw.printCall(call)
	return true
}

// madeNow returns an expression that evaluates call's function and
// arguments where it stands and makes a func() that calls the one with
// the others, or nil when call has nothing to evaluate early or is not a
// shape it knows.
func (rw *rewriter) madeNow(call *ast.CallExpr) ast.Expr {
	var factory *ast.FuncLit
	var args []ast.Expr
	if lit, ok := call.Fun.(*ast.FuncLit); ok {
		if len(call.Args) == 0 {
			return nil // nothing to evaluate early
		}
		factory = &ast.FuncLit{
			Type: &ast.FuncType{Params: lit.Type.Params, Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.FuncType{Params: &ast.FieldList{}}}}}},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{&ast.FuncLit{
				Type: &ast.FuncType{Params: &ast.FieldList{}},
				Body: lit.Body,
			}}}}},
		}
		args = call.Args
		if call.Ellipsis.IsValid() {
			return nil
		}
	} else {
		var params []*ast.Field
		var inner []ast.Expr
		fun := call.Fun
		tv, ok := rw.info.Types[call.Fun]
		if !ok {
			return nil
		}
		sig, isFunc := tv.Type.Underlying().(*types.Signature)
		if tv.IsBuiltin() {
			// close(ch), panic(v): a builtin is no value to pass; its
			// arguments are still evaluated now.
			isFunc = false
		}
		if recv, method, ok := rw.methodReceiver(call.Fun); ok {
			// x.M(args): the receiver is what is evaluated now; the
			// interpreter mistypes method values passed as functions.
			params = append(params, &ast.Field{Names: []*ast.Ident{ast.NewIdent("r")}, Type: rw.typeExpr(rw.info.Types[recv].Type)})
			if _, isPtr := rw.info.Types[recv].Type.(*types.Pointer); !isPtr && method.Signature().Recv() != nil {
				if _, wantPtr := method.Signature().Recv().Type().(*types.Pointer); wantPtr {
					params[len(params)-1].Type = rw.typeExpr(types.NewPointer(rw.info.Types[recv].Type))
					recv = &ast.UnaryExpr{Op: token.AND, X: recv}
				}
			}
			args = append(args, recv)
			fun = &ast.SelectorExpr{X: ast.NewIdent("r"), Sel: ast.NewIdent(method.Name())}
		} else if isFunc {
			params = append(params, &ast.Field{Names: []*ast.Ident{ast.NewIdent("f")}, Type: rw.typeExpr(tv.Type)})
			args = append(args, call.Fun)
			fun = ast.NewIdent("f")
		} else if !tv.IsBuiltin() {
			return nil
		}
		for i, a := range call.Args {
			name := fmt.Sprintf("a%d", i)
			var t types.Type
			switch n := sigParams(sig); {
			case sig == nil:
				at, ok := rw.info.Types[a]
				if !ok {
					return nil
				}
				t = at.Type
				if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
					t = types.Default(t)
				}
			case sig.Variadic() && i >= n-1 && !call.Ellipsis.IsValid():
				t = sig.Params().At(n - 1).Type().(*types.Slice).Elem()
			case i < n:
				t = sig.Params().At(i).Type()
			default:
				return nil
			}
			params = append(params, &ast.Field{Names: []*ast.Ident{ast.NewIdent(name)}, Type: rw.typeExpr(t)})
			args = append(args, a)
			inner = append(inner, ast.NewIdent(name))
		}
		factory = &ast.FuncLit{
			Type: &ast.FuncType{Params: &ast.FieldList{List: params}, Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.FuncType{Params: &ast.FieldList{}}}}}},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{&ast.FuncLit{
				Type: &ast.FuncType{Params: &ast.FieldList{}},
				Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: fun, Args: inner, Ellipsis: call.Ellipsis}}}},
			}}}}},
		}
	}
	return &ast.CallExpr{Fun: factory, Args: args}
}

func sigParams(sig *types.Signature) int {
	if sig == nil {
		return 0
	}
	return sig.Params().Len()
}

// selectStmt turns a select into a switch on the result of the runtime's
// Select. The interpreter shares one select's cases among all goroutines
// that run it, so a goroutine could receive from another's channel; the
// runtime builds them afresh each time. break and continue mean the same
// in the switch as in the select.
func (rw *rewriter) selectStmt(s *ast.SelectStmt) ast.Stmt {
	idx, val, ok := ast.NewIdent(rw.name("i")), ast.NewIdent(rw.name("v")), ast.NewIdent(rw.name("ok"))
	var cases []ast.Expr
	var clauses []ast.Stmt
	hasDefault := false
	for _, c := range s.Body.List {
		cc := c.(*ast.CommClause)
		body := cc.Body
		var label ast.Expr
		switch comm := cc.Comm.(type) {
		case nil:
			hasDefault = true
			clauses = append(clauses, &ast.CaseClause{Body: body})
			continue
		case *ast.SendStmt:
			elem := rw.info.Types[comm.Chan].Type.Underlying().(*types.Chan).Elem()
			cases = append(cases, rw.selectCase(2, comm.Chan, rw.sendValue(comm.Value, elem), byPointer(elem)))
		case *ast.ExprStmt: // <-ch
			cases = append(cases, rw.selectCase(1, recvChan(comm.X), nil, false))
		case *ast.AssignStmt: // v := <-ch, v, ok = <-ch, ...
			ch := recvChan(comm.Rhs[0])
			elem := rw.info.Types[ch].Type.Underlying().(*types.Chan).Elem()
			iface := byPointer(elem)
			cases = append(cases, rw.selectCase(1, ch, nil, iface))
			got := ast.NewIdent(rw.name("r"))
			declare := &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{
				&ast.ValueSpec{Names: []*ast.Ident{got}, Type: rw.typeExpr(elem)}}}}
			// var r T; if v != nil { r = v.(T) }: a nil value (of a
			// closed channel of pointers, say) is the zero value, and
			// asserting it would fail. A channel of interfaces yields a
			// pointer to the value, never nil: r = *v.(*T).
			var convert ast.Stmt = &ast.IfStmt{
				Cond: &ast.BinaryExpr{X: ast.NewIdent(val.Name), Op: token.NEQ, Y: ast.NewIdent("nil")},
				Body: &ast.BlockStmt{List: []ast.Stmt{&ast.AssignStmt{
					Lhs: []ast.Expr{ast.NewIdent(got.Name)}, Tok: token.ASSIGN,
					Rhs: []ast.Expr{rw.received(ast.NewIdent(val.Name), elem)},
				}}},
			}
			if iface {
				convert = &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(got.Name)}, Tok: token.ASSIGN,
					Rhs: []ast.Expr{rw.received(ast.NewIdent(val.Name), elem)}}
			}
			rhs := []ast.Expr{ast.NewIdent(got.Name)}
			if len(comm.Lhs) == 2 {
				rhs = append(rhs, ast.NewIdent(ok.Name))
			}
			assign := &ast.AssignStmt{Lhs: comm.Lhs, TokPos: comm.TokPos, Tok: comm.Tok, Rhs: rhs}
			body = append([]ast.Stmt{declare, convert, assign}, body...)
		}
		label = &ast.BasicLit{Kind: token.INT, Value: fmt.Sprint(len(cases) - 1)}
		clauses = append(clauses, &ast.CaseClause{List: []ast.Expr{label}, Body: body})
	}
	call := &ast.CallExpr{
		Fun: &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("Select")},
		Args: []ast.Expr{
			&ast.CompositeLit{Type: &ast.ArrayType{Elt: &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("SelectCase")}}, Elts: cases},
			ast.NewIdent(fmt.Sprint(hasDefault)),
			rw.where(s.Pos()),
		},
	}
	return &ast.SwitchStmt{
		Switch: s.Select,
		Init:   &ast.AssignStmt{Lhs: []ast.Expr{idx, val, ok}, Tok: token.DEFINE, Rhs: []ast.Expr{call}},
		Tag:    ast.NewIdent(idx.Name),
		Body: &ast.BlockStmt{List: append(clauses,
			// Keep every result used, whatever the cases do with them.
			&ast.CaseClause{List: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: "-2"}}, Body: []ast.Stmt{
				&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("_"), ast.NewIdent("_")}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent(val.Name), ast.NewIdent(ok.Name)}},
			}})},
	}
}

func (rw *rewriter) selectCase(dir int, ch, send ast.Expr, ptr bool) ast.Expr {
	elts := []ast.Expr{
		&ast.KeyValueExpr{Key: ast.NewIdent("Dir"), Value: &ast.BasicLit{Kind: token.INT, Value: fmt.Sprint(dir)}},
		&ast.KeyValueExpr{Key: ast.NewIdent("Chan"), Value: ch},
	}
	if send != nil {
		elts = append(elts, &ast.KeyValueExpr{Key: ast.NewIdent("Send"), Value: send})
	}
	if ptr {
		elts = append(elts, &ast.KeyValueExpr{Key: ast.NewIdent("Ptr"), Value: ast.NewIdent("true")})
	}
	return &ast.CompositeLit{Elts: elts}
}

// recvChan returns ch from the receive expression <-ch.
func recvChan(e ast.Expr) ast.Expr {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return e
}

// goStmt makes a goroutine's panic end the cell instead of the process:
// the goroutine's function runs under a deferred recover. It also counts
// the goroutine as running, so that an interrupt can tell whether every
// goroutine stopped. The guard calls Exit before its recover (which
// the recover pass makes goconc_rt.Recovered): the runtime, no longer
// counting the goroutine, does not take that recover for the program's,
// and the panic holds the goroutines it woke until the cell stops.
// Every go statement starts from goconc_rt.Start instead (start), but for
// a literal with results that the checker gave no type: goStmt is the
// last resort for that one. A go statement of any other function needs
// the types start uses, and without them is left as it is.
func (rw *rewriter) goStmt(g *ast.GoStmt) {
	defer rw.numberGoroutine(g)
	lit, ok := g.Call.Fun.(*ast.FuncLit)
	if !ok {
		return
	}
	enter := &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("Enter")},
		Args: []ast.Expr{rw.where(g.Pos()), ast.NewIdent(goroutineParam)}}}
	guard := &ast.DeferStmt{Call: &ast.CallExpr{Fun: &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: []ast.Stmt{
			&ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("Exit")}}},
			&ast.IfStmt{
				Init: &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("r")}, Tok: token.DEFINE, Rhs: []ast.Expr{&ast.CallExpr{Fun: ast.NewIdent("recover")}}},
				Cond: &ast.BinaryExpr{X: ast.NewIdent("r"), Op: token.NEQ, Y: ast.NewIdent("nil")},
				Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{
					Fun: &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("GoroutinePanic")},
					Args: []ast.Expr{&ast.CallExpr{
						Fun:  &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("WithStack")},
						Args: []ast.Expr{ast.NewIdent("r"), ast.NewIdent(goroutineParam)},
					}},
				}}}},
			},
		}},
	}}}
	if deferredPanics(lit.Body) {
		// A panic in a deferred call makes the interpreter skip the
		// function's other deferred calls, the guard among them
		// (nestedpanic.go keeps aside only the panics of calls that
		// do not recover): the body runs in a function of its own,
		// out of which any panic reaches the guard.
		lit.Body.List = []ast.Stmt{enter, guard, &ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.FuncLit{
			Type: &ast.FuncType{Func: lit.Body.Lbrace, Params: &ast.FieldList{}},
			Body: &ast.BlockStmt{Lbrace: lit.Body.Lbrace, List: lit.Body.List, Rbrace: lit.Body.Rbrace},
		}}}}
		return
	}
	lit.Body.List = append([]ast.Stmt{enter, guard}, lit.Body.List...)
}

// start makes the goroutine of g, when g calls a function literal
// without results, start from compiled code, which guards it as goStmt
// does: Go's own defer and recover cost far less than the interpreter's
// closures.
//
//	go func() {...}()  becomes  goconc_rt.Start(goconc_rt.Spawn("", "cell 2, line 5", "", ""), "cell 2, line 5", func() {...})
//
// The literal is evaluated by the statement, in the goroutine that runs
// it, as a go statement evaluates its function; its frame is the
// goroutine's outermost in a panic's report, as in Go's. Spawn's
// creator and started function are filled in as numberGoroutine's are
// (see spawn). The parameters of a
// literal that has some move to a factory without position, which the
// statement calls with the arguments (framelines.go names the literal
// as Go does, ignoring the factory):
//
//	go func(n int) {...}(x)  becomes  goconc_rt.Start(..., func(n int) func() { return func() {...} }(x))
func (rw *rewriter) start(g *ast.GoStmt) ast.Stmt {
	lit, ok := g.Call.Fun.(*ast.FuncLit)
	if !ok {
		return rw.startCall(g)
	}
	if lit.Type.Results != nil && len(lit.Type.Results.List) > 0 {
		return rw.startCall(g) // its results dropped by the closure
	}
	var fn ast.Expr = lit
	if len(lit.Type.Params.List) > 0 {
		params := lit.Type.Params
		lit.Type = &ast.FuncType{Func: lit.Type.Func, Params: &ast.FieldList{}}
		factory := &ast.FuncLit{
			Type: &ast.FuncType{Params: params, Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.FuncType{Params: &ast.FieldList{}}}}}},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{lit}}}},
		}
		fn = &ast.CallExpr{Fun: factory, Args: g.Call.Args, Ellipsis: g.Call.Ellipsis}
	}
	return &ast.ExprStmt{X: rw.rtCall("Start", rw.spawn(g, ""), rw.where(g.Pos()), fn)}
}

// startCall is start for a go statement of any other function: a
// declared function, a function value, a literal with results, a method
// of a concrete type's own (the statement evaluates the receiver, x, &x
// or *x as Go's method value would, and the closure calls the method on
// it: a method value would add a frame of the function holding the
// statement to a panic's report), or a builtin. The statement evaluates
// the function and its arguments, as Go's does, and hands them to a
// factory without position whose closure makes the call in the new
// goroutine. The factory gives each goroutine its own copies of the
// arguments. The started function's frame is reported by the
// interpreter as the panic leaves it; the factory and its closure have
// no frame in the report. A builtin is called by name in the closure,
// at the go statement's position; the goroutine is named after the
// wrapper Go runs it in (gowraps.go), whose frame stands for the
// closure's in a panic's report. A method promoted from an embedded
// field gets the field as its receiver, a method of an interface the
// interface value (startedReceiver); for a method promoted through an
// unexported field of a compiled package, the closure calls the method
// on x or &x (unnamedPathReceiver).
//
//	go worker(i, ch)  becomes  goconc_rt.Start(goconc_rt.Spawn("", "cell 2, line 5", "main.worker", ""), "cell 2, line 5",
//		func(f func(int, chan int), a0 int, a1 chan int) func() { return func() { f(a0, a1) } }(worker, i, ch))
//	go j.run(x)       becomes  goconc_rt.Start(..., func(r *job, a0 int) func() { return func() { r.run(a0) } }(j, x))
func (rw *rewriter) startCall(g *ast.GoStmt) ast.Stmt {
	fun := ast.Unparen(g.Call.Fun)
	builtin := false
	if id, ok := fun.(*ast.Ident); ok {
		if _, ok := rw.info.Uses[id].(*types.Builtin); ok {
			// go close(ch), go panic(v): the builtin, which is no
			// value, is called by name; its signature is the call's.
			builtin = true
		}
	}
	tv, ok := rw.info.Types[g.Call.Fun]
	if !ok || tv.Type == nil || (!builtin && !tv.IsValue()) {
		return nil
	}
	sig, ok := tv.Type.Underlying().(*types.Signature)
	if !ok {
		return nil
	}
	var fn ast.Expr = ast.NewIdent("f")
	params := []*ast.Field{{Names: []*ast.Ident{fn.(*ast.Ident)}, Type: rw.typeExpr(sig)}}
	args := append([]ast.Expr{g.Call.Fun}, g.Call.Args...)
	recv, recvType, method := rw.startedReceiver(fun)
	switch {
	case builtin:
		fn, params, args = ast.NewIdent(fun.(*ast.Ident).Name), nil, g.Call.Args
	case method != nil:
		// go x.m(a): the statement evaluates the receiver, which the
		// closure calls the method on. A method value would add a frame
		// of the function holding the go statement to a panic's report.
		fn = &ast.SelectorExpr{X: ast.NewIdent("r"), Sel: ast.NewIdent(method.Name())}
		params = []*ast.Field{{Names: []*ast.Ident{ast.NewIdent("r")}, Type: rw.typeExpr(recvType)}}
		args = append([]ast.Expr{recv}, g.Call.Args...)
	}
	var callArgs []ast.Expr
	if len(g.Call.Args) == 1 && !builtin {
		if tuple, ok := rw.info.TypeOf(g.Call.Args[0]).(*types.Tuple); ok {
			return rw.startTuple(g, fn, params, args[:1], rw.nilReceiverCheck(g, recvType), tuple)
		}
	}
	for i := range g.Call.Args {
		t, ok := argType(sig, i, g.Call.Ellipsis.IsValid())
		if !ok {
			return nil
		}
		name := fmt.Sprintf("a%d", i)
		params = append(params, &ast.Field{Names: []*ast.Ident{ast.NewIdent(name)}, Type: rw.typeExpr(t)})
		arg := ast.NewIdent(name)
		if builtin {
			// The passes that change builtins' calls (print, clear)
			// read their arguments' types.
			rw.info.Types[arg] = types.TypeAndValue{Type: t}
		}
		callArgs = append(callArgs, arg)
	}
	inner := &ast.CallExpr{Fun: fn, Args: callArgs, Ellipsis: g.Call.Ellipsis}
	if builtin {
		// The call keeps the builtin's identifier, which the passes know,
		// and the go statement's position, the line of a panic of
		// close(ch) or panic(v) in Go's report.
		inner.Fun, inner.Lparen, inner.Rparen = g.Call.Fun, g.Call.Lparen, g.Call.Rparen
		rw.info.Types[inner] = rw.info.Types[g.Call]
	}
	closure := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: inner}}},
	}
	factory := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{List: params}, Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.FuncType{Params: &ast.FieldList{}}}}}},
		Body: &ast.BlockStmt{List: append(rw.nilReceiverCheck(g, recvType), &ast.ReturnStmt{Results: []ast.Expr{closure}})},
	}
	call := &ast.CallExpr{Fun: factory, Args: args}
	spawn := rw.spawn(g, rw.startedName(fun))
	if n, ok := rw.goWraps[g]; ok && builtin {
		// The wrapper Go runs the builtin in is the function the
		// goroutine starts, named after the function that holds the
		// statement by the frame lines pass.
		spawn = rw.rtCall("Spawn", strLit(""), rw.where(g.Pos()), strLit(goWrapName(n)), strLit(""))
	}
	return &ast.ExprStmt{X: rw.rtCall("Start", spawn, rw.where(g.Pos()), call)}
}

// spawn is the goconc_rt.Spawn call that numbers the goroutine of go
// statement g: Spawn(creator, site, started, wrapper). The creator, the
// function holding g, is left empty for the frame lines pass to name;
// started is the named function g calls ("" for a literal, which that
// pass names too); wrapper, when Go runs the call through one, is the
// end of the wrapper's name (".gowrap1"), which that pass puts after the
// name of the function holding g ("main.main.gowrap1").
func (rw *rewriter) spawn(g *ast.GoStmt, started string) *ast.CallExpr {
	wrapper := ""
	if n, ok := rw.goWraps[g]; ok && started != "" {
		wrapper = goWrapName(n)
	}
	return rw.rtCall("Spawn", strLit(""), rw.where(g.Pos()), strLit(started), strLit(wrapper))
}

// goWrapName is the end of the name of Go's wrapper number n of a go
// statement, which follows the name of the function holding it.
func goWrapName(n int) string { return ".gowrap" + strconv.Itoa(n) }

// argType is the type a go statement's argument i takes in a call of a
// function of signature sig: its parameter's, or, past the last but one
// parameter of a variadic function called without "...", the element's
// of the last. The type also gives untyped constants and nil theirs.
// There is none for an argument past the parameters, as in f(g()) with g
// of several results, which startTuple handles.
func argType(sig *types.Signature, i int, ellipsis bool) (types.Type, bool) {
	n := sig.Params().Len()
	switch {
	case sig.Variadic() && i >= n-1 && !ellipsis:
		return sig.Params().At(n - 1).Type().(*types.Slice).Elem(), true
	case i < n:
		return sig.Params().At(i).Type(), true
	}
	return nil, false
}

// startedReceiver returns, for fun a method value x.m, the receiver the
// method gets, as the go statement evaluates it, its type, and the
// method. The receiver is x, &x or *x for a method of x's own type; for a
// method promoted from an embedded field, the field, x.f or x.f.g, taken
// as Go's method value takes it (its address, or the value it points
// to); for a method of an interface, the interface value, on which the
// closure makes a dynamic call.
func (rw *rewriter) startedReceiver(fun ast.Expr) (ast.Expr, types.Type, *types.Func) {
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return nil, nil, nil
	}
	s, ok := rw.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return nil, nil, nil
	}
	method, ok := s.Obj().(*types.Func)
	if !ok {
		return nil, nil, nil
	}
	recv, t := sel.X, s.Recv()
	for _, i := range s.Index()[:len(s.Index())-1] {
		st, ok := derefType(t).Underlying().(*types.Struct)
		if !ok {
			return nil, nil, nil
		}
		f := st.Field(i)
		if !f.Exported() && (f.Pkg() == nil || f.Pkg().Path() != "main") {
			return rw.unnamedPathReceiver(sel, s, method)
		}
		recv = &ast.SelectorExpr{X: recv, Sel: &ast.Ident{NamePos: sel.Sel.Pos(), Name: f.Name()}}
		t = f.Type()
		rw.info.Types[recv] = types.TypeAndValue{Type: t}
	}
	if types.IsInterface(t) {
		return recv, t, method
	}
	_, wantPtr := method.Type().(*types.Signature).Recv().Type().(*types.Pointer)
	ptr, isPtr := t.Underlying().(*types.Pointer)
	switch {
	case wantPtr && !isPtr:
		return &ast.UnaryExpr{OpPos: sel.X.Pos(), Op: token.AND, X: recv}, types.NewPointer(t), method
	case !wantPtr && isPtr:
		return &ast.StarExpr{Star: sel.X.Pos(), X: recv}, ptr.Elem(), method
	}
	return recv, t, method
}

// unnamedPathReceiver is startedReceiver's receiver for a method
// promoted through an unexported field of a compiled package, which the
// cells cannot name (the interpreter takes such a method value for a
// method expression): x itself, whose method the closure calls, or &x
// when the method takes a pointer that no field on the way holds, as Go
// would take the address of x's field.
func (rw *rewriter) unnamedPathReceiver(sel *ast.SelectorExpr, s *types.Selection, method *types.Func) (ast.Expr, types.Type, *types.Func) {
	_, wantPtr := method.Type().(*types.Signature).Recv().Type().(*types.Pointer)
	if !wantPtr || s.Indirect() {
		return sel.X, s.Recv(), method
	}
	return &ast.UnaryExpr{OpPos: sel.X.Pos(), Op: token.AND, X: sel.X}, types.NewPointer(s.Recv()), method
}

// nilReceiverCheck is, for a receiver of interface type, the check a go
// statement makes, in the calling goroutine once its arguments are
// evaluated, that the interface holds a value: Go evaluates the method
// value there, and a nil interface panics in the goroutine that runs the
// statement, never in the new one. The check runs in the factory, which
// adds no frame to the report; its panic is at the go statement's line.
func (rw *rewriter) nilReceiverCheck(g *ast.GoStmt, recvType types.Type) []ast.Stmt {
	if recvType == nil || !types.IsInterface(recvType) {
		return nil
	}
	return []ast.Stmt{&ast.IfStmt{
		Cond: &ast.BinaryExpr{X: ast.NewIdent("r"), Op: token.EQL, Y: ast.NewIdent("nil")},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: &ast.Ident{NamePos: g.Pos(), Name: "panic"}, Args: []ast.Expr{
			rw.rtCall("RuntimeError", &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote("runtime error: invalid memory address or nil pointer dereference")}),
		}}}}},
	}}
}

// isMethodValue reports whether fun is a method value x.m.
func (rw *rewriter) isMethodValue(fun ast.Expr) bool {
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := rw.info.Selections[sel]
	return ok && s.Kind() == types.MethodVal
}

// startTuple is startCall for go f(g()), g with several results, which
// Go passes to f whole: the factory takes f (or, for a method, its
// receiver), then g's results. fn is what the closure calls, params and
// args the factory's first parameter and its argument.
//
//	go f(g())  becomes  goconc_rt.Start(..., func(f F) func(A, B) func() {
//		return func(a0 A, a1 B) func() { return func() { f(a0, a1) } } }(f)(g()))
//	go x.m(g())  becomes  goconc_rt.Start(..., func(r R) func(A, B) func() {
//		return func(a0 A, a1 B) func() { return func() { r.m(a0, a1) } } }(x)(g()))
func (rw *rewriter) startTuple(g *ast.GoStmt, fn ast.Expr, params []*ast.Field, args []ast.Expr, check []ast.Stmt, tuple *types.Tuple) ast.Stmt {
	closureType := func() *ast.FuncType { return &ast.FuncType{Params: &ast.FieldList{}} }
	var results, resultTypes []*ast.Field
	var callArgs []ast.Expr
	for i := 0; i < tuple.Len(); i++ {
		name := fmt.Sprintf("a%d", i)
		results = append(results, &ast.Field{Names: []*ast.Ident{ast.NewIdent(name)}, Type: rw.typeExpr(tuple.At(i).Type())})
		resultTypes = append(resultTypes, &ast.Field{Type: rw.typeExpr(tuple.At(i).Type())})
		callArgs = append(callArgs, ast.NewIdent(name))
	}
	closure := &ast.FuncLit{
		Type: closureType(),
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: fn, Args: callArgs}}}},
	}
	takeArgs := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{List: results}, Results: &ast.FieldList{List: []*ast.Field{{Type: closureType()}}}},
		Body: &ast.BlockStmt{List: append(check, &ast.ReturnStmt{Results: []ast.Expr{closure}})},
	}
	takeFunc := &ast.FuncLit{
		Type: &ast.FuncType{
			Params: &ast.FieldList{List: params},
			Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.FuncType{
				Params:  &ast.FieldList{List: resultTypes},
				Results: &ast.FieldList{List: []*ast.Field{{Type: closureType()}}},
			}}}},
		},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{takeArgs}}}},
	}
	call := &ast.CallExpr{Fun: &ast.CallExpr{Fun: takeFunc, Args: args}, Args: g.Call.Args}
	return &ast.ExprStmt{X: rw.rtCall("Start", rw.spawn(g, rw.startedName(ast.Unparen(g.Call.Fun))), rw.where(g.Pos()), call)}
}

// startedName is the name Go gives fun, the function a go statement
// starts, when it is a function or a method (not of an interface) of
// the cells; "" otherwise.
func (rw *rewriter) startedName(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.Ident:
		if fn, ok := rw.info.Uses[f].(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "main" {
			return "main." + fn.Name()
		}
	case *ast.SelectorExpr:
		if s, ok := rw.info.Selections[f]; ok && s.Kind() == types.MethodVal && !types.IsInterface(s.Recv()) &&
			s.Obj().Pkg() != nil && s.Obj().Pkg().Path() == "main" {
			return "main." + f.Sel.Name
		}
	}
	return ""
}

// goroutineParam is the parameter through which a goroutine the cells
// start gets its number and origin (cellrt.Goroutine) from its go
// statement.
const goroutineParam = "goconc_g"

// numberGoroutine gives the literal goStmt made g start the number Go
// would give the goroutine, from goconc_rt.Spawn run with the go
// statement's other arguments. Spawn's first argument, the function that
// holds the go statement, is filled in by the frame lines pass, which
// names functions as Go does.
//
//	go func(a0 int) {...}(x)  becomes  go func(goconc_g *goconc_rt.Goroutine, a0 int) {...}(goconc_rt.Spawn("", "cell 2, line 5", "", ""), x)
func (rw *rewriter) numberGoroutine(g *ast.GoStmt) {
	lit, ok := g.Call.Fun.(*ast.FuncLit)
	if !ok || len(lit.Body.List) == 0 || !isRtStmt(lit.Body.List[0], "Enter") {
		return
	}
	param := &ast.Field{Names: []*ast.Ident{ast.NewIdent(goroutineParam)},
		Type: &ast.StarExpr{X: &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("Goroutine")}}}
	if lit.Type.Params == nil {
		lit.Type.Params = &ast.FieldList{}
	}
	lit.Type.Params.List = append([]*ast.Field{param}, lit.Type.Params.List...)
	// The function it starts: a literal's name is given by the frame
	// lines pass too.
	started := ""
	if len(g.Call.Args) > 0 {
		started = rw.startedName(ast.Unparen(g.Call.Args[0]))
	}
	g.Call.Args = append([]ast.Expr{rw.spawn(g, started)}, g.Call.Args...)
}

func (rw *rewriter) name(what string) string {
	rw.n++
	return fmt.Sprintf("goconc_%s%d", what, rw.n)
}

func (rw *rewriter) typeExpr(t types.Type) ast.Expr {
	return ast.NewIdent(rw.typeString(t))
}

// rangeArrayPointer turns "for i := range p", p a pointer to an array
// [N]T, into "for i := range N": Go takes the length from the type and,
// with no value variable, does not evaluate p, so a nil p ranges too; the
// interpreter dereferences it and panics.
func (rw *rewriter) rangeArrayPointer(s *ast.RangeStmt) {
	if s.Value != nil {
		if id, ok := s.Value.(*ast.Ident); !ok || id.Name != "_" {
			return
		}
	}
	t := rw.info.TypeOf(s.X)
	if t == nil {
		return
	}
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return
	}
	a, ok := p.Elem().Underlying().(*types.Array)
	if !ok || hasCallOrReceive(s.X) {
		return // len(x) is not constant: x is evaluated
	}
	n := &ast.BasicLit{ValuePos: s.X.Pos(), Kind: token.INT, Value: fmt.Sprint(a.Len())}
	rw.info.Types[n] = types.TypeAndValue{Type: types.Typ[types.Int]}
	s.X, s.Value = n, nil
}

// hasCallOrReceive reports whether e calls a function or receives from
// a channel.
func hasCallOrReceive(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			found = true
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW
		}
		return !found
	})
	return found
}

// rangeInt turns "for i := range n" into "for i, end := T(0), n; i < end; i++",
// which evaluates n once, as range does. When the body changes i, or i
// escapes into a closure or through its address, the loop counts with a
// hidden variable and i is defined from it at the top of each iteration:
// changing i must not change the count, and each iteration has its own i.
func (rw *rewriter) rangeInt(s *ast.RangeStmt) ast.Stmt {
	tv, ok := rw.info.Types[s.X]
	if !ok {
		return nil
	}
	b, ok := tv.Type.Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsInteger == 0 || s.Value != nil {
		return nil
	}
	typ := tv.Type
	if b.Info()&types.IsUntyped != 0 {
		typ = types.Typ[types.Int]
	}
	counter := ast.NewIdent(rw.name("i"))
	body := s.Body
	if id, ok := s.Key.(*ast.Ident); ok && id.Name != "_" && s.Tok == token.DEFINE {
		v, _ := rw.info.Defs[id].(*types.Var)
		own := map[*types.Var]bool{v: true}
		if v != nil && (rw.assignedIn(s.Body)[v] || len(rw.escaping(own, s.Body)) > 0) {
			body = &ast.BlockStmt{Lbrace: s.Body.Lbrace, Rbrace: s.Body.Rbrace, List: []ast.Stmt{
				&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(id.Name)}, Tok: token.DEFINE, Rhs: []ast.Expr{ast.NewIdent(counter.Name)}},
				&ast.BlockStmt{List: s.Body.List},
			}}
		} else {
			counter = ast.NewIdent(id.Name)
		}
	} else if s.Key != nil && s.Tok == token.ASSIGN {
		body = &ast.BlockStmt{Lbrace: s.Body.Lbrace, Rbrace: s.Body.Rbrace, List: append([]ast.Stmt{
			&ast.AssignStmt{Lhs: []ast.Expr{s.Key}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent(counter.Name)}},
		}, s.Body.List...)}
	}
	end := ast.NewIdent(rw.name("end"))
	zero := &ast.CallExpr{Fun: &ast.ParenExpr{X: rw.typeExpr(typ)}, Args: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: "0"}}}
	limit := &ast.CallExpr{Fun: &ast.ParenExpr{X: rw.typeExpr(typ)}, Args: []ast.Expr{s.X}}
	return &ast.ForStmt{
		For:  s.For,
		Init: &ast.AssignStmt{Lhs: []ast.Expr{counter, end}, Tok: token.DEFINE, Rhs: []ast.Expr{zero, limit}},
		Cond: &ast.BinaryExpr{X: ast.NewIdent(counter.Name), Op: token.LSS, Y: ast.NewIdent(end.Name)},
		Post: &ast.IncDecStmt{X: ast.NewIdent(counter.Name), Tok: token.INC},
		Body: body,
	}
}

// builtin rewrites a call of min, max or clear in place into a call of a
// function literal that does the same; new, len, cap and make get
// equivalents the interpreter runs as Go does.
func (rw *rewriter) builtin(call *ast.CallExpr) {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return
	}
	if _, ok := rw.info.Uses[id].(*types.Builtin); !ok {
		return
	}
	switch id.Name {
	case "min", "max":
		rw.minMax(call, id.Name)
	case "clear":
		rw.clear(call)
	case "new":
		rw.newValue(call)
	case "len", "cap":
		rw.constantLen(call)
	case "append":
		rw.appendedMakes(call)
	case "make":
		rw.makeSizes(call)
	}
}

// constantLen turns len(p) and cap(p), p a pointer to an array [N]T, into
// int(N): Go takes the length from the type and never dereferences p, so
// a nil p has one; the interpreter dereferences it and panics.
func (rw *rewriter) constantLen(call *ast.CallExpr) {
	tv, ok := rw.info.Types[call]
	if !ok || tv.Value == nil || len(call.Args) != 1 {
		return
	}
	t := rw.info.TypeOf(call.Args[0])
	if t == nil {
		return
	}
	if _, ok := t.Underlying().(*types.Pointer); !ok {
		return
	}
	lit := &ast.BasicLit{ValuePos: call.Args[0].Pos(), Kind: token.INT, Value: tv.Value.ExactString()}
	call.Fun, call.Args = ast.NewIdent("int"), []ast.Expr{lit}
}

// clear: a map is cleared by cellrt.ClearMap; a slice's elements are set
// to zero.
func (rw *rewriter) clear(call *ast.CallExpr) {
	if len(call.Args) != 1 {
		return
	}
	tv, ok := rw.info.Types[call.Args[0]]
	if !ok {
		return
	}
	var body ast.Stmt
	switch u := tv.Type.Underlying().(type) {
	case *types.Map:
		// Through reflect, which removes the keys no delete can: NaN
		// is not equal to itself.
		call.Fun = &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("ClearMap")}
		return
	case *types.Slice:
		body = &ast.BlockStmt{List: []ast.Stmt{
			&ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent("zero")}, Type: rw.typeExpr(u.Elem())}}}},
			&ast.RangeStmt{Key: ast.NewIdent("i"), Tok: token.DEFINE, X: ast.NewIdent("c"), Body: &ast.BlockStmt{List: []ast.Stmt{
				&ast.AssignStmt{Lhs: []ast.Expr{&ast.IndexExpr{X: ast.NewIdent("c"), Index: ast.NewIdent("i")}}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent("zero")}},
			}}},
		}}
	default:
		return
	}
	call.Fun = &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{ast.NewIdent("c")}, Type: rw.typeExpr(tv.Type)}}}},
		Body: &ast.BlockStmt{List: []ast.Stmt{body}},
	}
}

func isTuple(t types.Type) bool {
	_, ok := t.(*types.Tuple)
	return ok
}

// methodReceiver returns x and the method when fun is a method value x.M.
func (rw *rewriter) methodReceiver(fun ast.Expr) (ast.Expr, *types.Func, bool) {
	sel, ok := ast.Unparen(fun).(*ast.SelectorExpr)
	if !ok {
		return nil, nil, false
	}
	s, ok := rw.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || len(s.Index()) != 1 {
		return nil, nil, false
	}
	if _, ok := rw.info.Types[sel.X]; !ok {
		return nil, nil, false
	}
	return sel.X, s.Obj().(*types.Func), true
}

// rangeAssign rewrites a range that assigns to variables declared outside
// the loop, which the interpreter gets wrong: over an array it leaves the
// index one past the last (for i = range [2]int{} left i at 2, not 1);
// over a slice, map, string or channel it leaves the variables as they
// were before the loop:
//
//	for i, v = range a { body }
//
// becomes
//
//	for k, e := range a { i, v = k, e; body }
func (rw *rewriter) rangeAssign(s *ast.RangeStmt) {
	if s.Tok != token.ASSIGN || s.Key == nil {
		return
	}
	t := rw.info.TypeOf(s.X)
	if t == nil {
		return
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Array, *types.Slice, *types.Map, *types.Chan:
	case *types.Basic:
		if u.Info()&types.IsString == 0 {
			return
		}
	default:
		return
	}
	lhs := []ast.Expr{s.Key}
	k := ast.NewIdent(rw.name("k"))
	vars := []ast.Expr{k}
	rhs := []ast.Expr{ast.NewIdent(k.Name)}
	if s.Value != nil {
		e := ast.NewIdent(rw.name("e"))
		lhs = append(lhs, s.Value)
		vars = append(vars, e)
		rhs = append(rhs, ast.NewIdent(e.Name))
	}
	assign := &ast.AssignStmt{Lhs: lhs, Tok: token.ASSIGN, Rhs: rhs}
	s.Key, s.Tok = vars[0], token.DEFINE
	if len(vars) > 1 {
		s.Value = vars[1]
	}
	s.Body.List = append([]ast.Stmt{assign}, s.Body.List...)
}

// shiftCount returns a shift's count, y, made to panic when negative:
// goconc_rt.ShiftCount(int64(y)) when y is a variable of a signed type.
func (rw *rewriter) shiftCount(y ast.Expr) ast.Expr {
	tv, ok := rw.info.Types[y]
	if !ok || tv.Value != nil || tv.Type == nil {
		return y
	}
	b, ok := tv.Type.Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsInteger == 0 || b.Info()&types.IsUnsigned != 0 {
		return y
	}
	return rw.rtCall("ShiftCount", &ast.CallExpr{Fun: ast.NewIdent("int64"), Args: []ast.Expr{y}})
}

// definedTypes lists the type specs among decls that define types, not
// aliases.
func definedTypes(decls []ast.Decl) []*ast.TypeSpec {
	var specs []*ast.TypeSpec
	for _, d := range decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, spec := range g.Specs {
			if ts := spec.(*ast.TypeSpec); !ts.Assign.IsValid() {
				specs = append(specs, ts)
			}
		}
	}
	return specs
}

// deferredPanics reports whether a function body defers a literal that
// recovers and panics (not counting the literals inside it).
func deferredPanics(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit)
			if ok && callsRecover(lit.Body) && containsPanic(lit.Body) {
				found = true
			}
		}
		return !found
	})
	return found
}

// containsPanic reports whether a function body has a panic statement.
func containsPanic(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if s, ok := n.(ast.Stmt); ok && isPanicStmt(s) {
			found = true
		}
		return !found
	})
	return found
}
