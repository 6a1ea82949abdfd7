package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
)

// Go gives each iteration of a loop its own loop variables. The
// interpreter declares them once per loop, so closures made in the loop
// and pointers taken to its variables all share one variable. It does
// make a new variable each time a definition in the loop body runs. So a
// loop whose variables escape, into a closure or through their address,
// defines them again at the top of its body from hidden ones:
//
//	for i := 0; i < n; i++ { body }
//
// becomes
//
//	for h := 0; h < n; h++ { i := h; { body }; h = i }
//
// The copy back, also made before each continue of the loop, carries the
// changes the body makes into the next iteration, whose variable starts
// from the last one's value, as in Go. The body is a block of its own
// because it may declare the loop's names again. A range loop needs no
// copy back: its next values come from the range.
//
//	for k, v := range x { body }
//
// becomes
//
//	for hk, hv := range x { k, v := hk, hv; { body } }
//
// A closure, though, reads the variables of the frame it was made in when
// it runs, not when it was made; and a closure called where it is written
// (go func() { ... }()) runs in that frame itself. So a function literal
// in a loop that uses variables declared in the loop takes pointers to
// them, made when the literal is evaluated, through a factory:
//
//	func() int { return i }
//
// becomes
//
//	func(p *int) func() int { return func() int { return *p } }(&i)
//
// and the function of a go statement takes the pointers as arguments.
// The closure and the body then share the iteration's variable both ways.

// captureLoopVars gives the loops under root whose variables escape a
// variable per iteration, and the function literals in loops pointers to
// the variables of the loops' iterations.
func (rw *rewriter) captureLoopVars(root ast.Node) {
	var loops []ast.Node
	handled := map[*ast.FuncLit]bool{}
	var walk func(n ast.Node, label string)
	walk = func(n ast.Node, label string) {
		loop := false
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n)
			loop = true
		case *ast.GoStmt:
			// go func() { ... }(): the go statement evaluates the
			// arguments before the goroutine starts.
			if lit, ok := n.Call.Fun.(*ast.FuncLit); ok && len(loops) > 0 {
				handled[lit] = true
				walk(lit, "")
				names, ptrs, params := rw.loopPointers(lit, loops)
				if len(names) > 0 {
					rw.derefVars(lit.Body, names)
					lit.Type.Params.List = append(lit.Type.Params.List, params...)
					n.Call.Args = append(n.Call.Args, ptrs...)
				}
			}
		}
		eachChild(n, func(child ast.Node) ast.Node {
			childLabel := ""
			if l, ok := n.(*ast.LabeledStmt); ok && child == l.Stmt {
				childLabel = l.Label.Name
			}
			if lit, ok := child.(*ast.FuncLit); ok && handled[lit] {
				return child
			}
			walk(child, childLabel)
			if len(loops) == 0 {
				return child
			}
			switch c := child.(type) {
			case *ast.FuncLit:
				if call, ok := n.(*ast.CallExpr); ok && call.Fun == child {
					// Called where it stands: it runs now, or, deferred,
					// takes its loop variables as arguments (deferInPlace).
					return child
				}
				if wrapped := rw.loopClosure(c, loops); wrapped != nil {
					return wrapped
				}
			case *ast.DeferStmt:
				if d := rw.loopDefer(c, loops); d != nil {
					return d
				}
			case *ast.AssignStmt:
				if d := rw.commaOkDefine(c, loops[len(loops)-1]); d != nil {
					return d
				}
			}
			return child
		})
		if loop {
			loops = loops[:len(loops)-1]
			switch n := n.(type) {
			case *ast.ForStmt:
				rw.forLoopVars(n, label)
			case *ast.RangeStmt:
				rw.rangeLoopVars(n)
			}
		}
	}
	walk(root, "")
}

// loopPointers lists the variables declared in the loops that lit uses,
// in order of declaration: the names of the pointers to them, the
// pointers as arguments and the parameters that receive them.
func (rw *rewriter) loopPointers(lit *ast.FuncLit, loops []ast.Node) (names map[*types.Var]string, ptrs []ast.Expr, params []*ast.Field) {
	vars := rw.loopVarsIn(lit, loops)
	if len(vars) == 0 {
		return nil, nil, nil
	}
	names = map[*types.Var]string{}
	for _, v := range vars {
		names[v] = rw.name(v.Name())
		id := ast.NewIdent(v.Name())
		rw.info.Uses[id] = v // an enclosing literal may rename it in turn
		ptrs = append(ptrs, &ast.UnaryExpr{Op: token.AND, X: id})
		params = append(params, &ast.Field{Names: []*ast.Ident{ast.NewIdent(names[v])}, Type: rw.typeExpr(types.NewPointer(v.Type()))})
	}
	return names, ptrs, params
}

// loopClosure returns lit made through a factory that takes pointers to
// the loop variables it uses, or nil when it uses none.
func (rw *rewriter) loopClosure(lit *ast.FuncLit, loops []ast.Node) ast.Expr {
	names, ptrs, params := rw.loopPointers(lit, loops)
	if len(names) == 0 {
		return nil
	}
	rw.derefVars(lit.Body, names)
	factory := &ast.FuncLit{
		Type: &ast.FuncType{
			Params:  &ast.FieldList{List: params},
			Results: &ast.FieldList{List: []*ast.Field{{Type: lit.Type}}},
		},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{lit}}}},
	}
	return &ast.CallExpr{Fun: factory, Args: ptrs}
}

// loopDefer makes a deferred function literal that uses loop variables a
// closure first, stored in a variable of its own, since the interpreter
// looks up the deferred function when it runs it:
//
//	{ d := func(p *int) func() { return func() { ... *p ... } }(&i); defer d() }
//
// A literal that calls recover is left as it is: the interpreter's
// recover works only in a literal deferred directly.
func (rw *rewriter) loopDefer(d *ast.DeferStmt, loops []ast.Node) ast.Stmt {
	lit, ok := d.Call.Fun.(*ast.FuncLit)
	if !ok || len(d.Call.Args) > 0 || rw.callsRecover(lit.Body) {
		return nil
	}
	closure := rw.loopClosure(lit, loops)
	if closure == nil {
		return nil
	}
	name := rw.name("deferred")
	return &ast.BlockStmt{List: []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(name)}, Tok: token.DEFINE, Rhs: []ast.Expr{closure}},
		&ast.DeferStmt{Defer: d.Defer, Call: &ast.CallExpr{Fun: ast.NewIdent(name)}},
	}}
}

// commaOkDefine makes the variables of a comma-ok definition in a loop
// new ones in each iteration when they escape. The interpreter stores the
// results of v, ok := m[k] and v, ok := x.(T) in the variables it had,
// where other definitions make new ones; the results of a call it does
// store in new variables:
//
//	v, ok := func() (V, bool) { v, ok := m[k]; return v, ok }()
func (rw *rewriter) commaOkDefine(a *ast.AssignStmt, loop ast.Node) ast.Stmt {
	if a.Tok != token.DEFINE || len(a.Lhs) != 2 || len(a.Rhs) != 1 {
		return nil
	}
	switch x := ast.Unparen(a.Rhs[0]).(type) {
	case *ast.TypeAssertExpr:
	case *ast.IndexExpr:
		if tv, ok := rw.info.Types[x.X]; !ok || !isMap(tv.Type) {
			return nil
		}
	default:
		return nil
	}
	tuple, ok := rw.info.Types[a.Rhs[0]].Type.(*types.Tuple)
	if !ok || tuple.Len() != 2 {
		return nil
	}
	defined := map[*types.Var]bool{}
	for _, l := range a.Lhs {
		if v, ok := rw.info.Defs[l.(*ast.Ident)].(*types.Var); ok {
			defined[v] = true
		}
	}
	if len(rw.escaping(defined, loop)) == 0 {
		return nil
	}
	results := &ast.FieldList{}
	for i := range tuple.Len() {
		results.List = append(results.List, &ast.Field{Type: rw.typeExpr(tuple.At(i).Type())})
	}
	value, got := ast.NewIdent(rw.name("v")), ast.NewIdent(rw.name("ok"))
	a.Rhs[0] = &ast.CallExpr{Fun: &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}, Results: results},
		Body: &ast.BlockStmt{List: []ast.Stmt{
			&ast.AssignStmt{Lhs: []ast.Expr{value, got}, Tok: token.DEFINE, Rhs: []ast.Expr{a.Rhs[0]}},
			&ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent(value.Name), ast.NewIdent(got.Name)}},
		}},
	}}
	return nil // changed in place
}

func isMap(t types.Type) bool {
	_, ok := t.Underlying().(*types.Map)
	return ok
}

// callsRecover reports whether body calls recover, outside nested
// function literals.
func (rw *rewriter) callsRecover(body ast.Node) bool {
	return callsOutsideLiterals(body, func(call *ast.CallExpr) bool {
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok || id.Name != "recover" {
			return false
		}
		_, builtin := rw.info.Uses[id].(*types.Builtin)
		return builtin
	})
}

// loopVarsIn returns the variables declared in the loops, outside lit,
// that lit uses, in order of declaration.
func (rw *rewriter) loopVarsIn(lit *ast.FuncLit, loops []ast.Node) []*types.Var {
	within := func(pos token.Pos, n ast.Node) bool { return n.Pos() <= pos && pos < n.End() }
	seen := map[*types.Var]bool{}
	var vars []*types.Var
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := rw.info.Uses[id].(*types.Var)
		if !ok || seen[v] || v.IsField() || !v.Pos().IsValid() || within(v.Pos(), lit) {
			return true
		}
		for _, loop := range loops {
			if within(v.Pos(), loop) {
				seen[v] = true
				vars = append(vars, v)
				break
			}
		}
		return true
	})
	sort.Slice(vars, func(i, j int) bool { return vars[i].Pos() < vars[j].Pos() })
	return vars
}

// derefVars replaces, under n, each use of a variable in names with
// (*p), p being the name given.
func (rw *rewriter) derefVars(n ast.Node, names map[*types.Var]string) {
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		eachChild(n, func(child ast.Node) ast.Node {
			if id, ok := child.(*ast.Ident); ok {
				if v, ok := rw.info.Uses[id].(*types.Var); ok && names[v] != "" {
					return &ast.ParenExpr{X: &ast.StarExpr{X: ast.NewIdent(names[v])}}
				}
				return child
			}
			walk(child)
			return child
		})
	}
	walk(n)
}

// forLoopVars rewrites a three-clause loop whose variables escape. label
// is the loop's label, or "".
func (rw *rewriter) forLoopVars(loop *ast.ForStmt, label string) {
	init, ok := loop.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE {
		return
	}
	defined := map[*types.Var]bool{}
	for _, l := range init.Lhs {
		if v, ok := rw.info.Defs[l.(*ast.Ident)].(*types.Var); ok {
			defined[v] = true
		}
	}
	escaped := rw.escaping(defined, loop.Cond, loop.Post, loop.Body)
	if len(escaped) == 0 {
		return
	}
	// A closure in the condition or the post statement would need the
	// variable of the iteration about to start; such loops keep the
	// interpreter's one variable.
	if hasFuncLit(loop.Cond) || hasFuncLit(loop.Post) {
		return
	}
	continues := continuesOf(loop.Body, label)
	scope := rw.info.Scopes[loop]
	for _, c := range continues {
		for v := range escaped {
			if !sees(scope, c.Pos(), v) {
				return // shadowed where the copy back would go
			}
		}
	}

	hidden := map[*types.Var]string{}
	var vars, hiddenVars []ast.Expr
	for i, l := range init.Lhs {
		v, ok := rw.info.Defs[l.(*ast.Ident)].(*types.Var)
		if !ok || !escaped[v] {
			continue
		}
		hidden[v] = rw.name(v.Name())
		init.Lhs[i] = ast.NewIdent(hidden[v])
		vars = append(vars, ast.NewIdent(v.Name()))
		hiddenVars = append(hiddenVars, ast.NewIdent(hidden[v]))
	}
	rw.renameVars(loop.Cond, hidden)
	rw.renameVars(loop.Post, hidden)
	copyBack := func() ast.Stmt {
		return &ast.AssignStmt{Lhs: cloneIdents(hiddenVars), Tok: token.ASSIGN, Rhs: cloneIdents(vars)}
	}
	replaceContinues(loop.Body, continues, copyBack)
	loop.Body.List = []ast.Stmt{
		&ast.AssignStmt{Lhs: cloneIdents(vars), Tok: token.DEFINE, Rhs: cloneIdents(hiddenVars)},
		&ast.BlockStmt{List: loop.Body.List},
		copyBack(),
	}
}

// rangeLoopVars rewrites a range loop whose variables escape.
func (rw *rewriter) rangeLoopVars(loop *ast.RangeStmt) {
	if loop.Tok != token.DEFINE {
		return
	}
	defined := map[*types.Var]bool{}
	for _, e := range []ast.Expr{loop.Key, loop.Value} {
		if id, ok := e.(*ast.Ident); ok {
			if v, ok := rw.info.Defs[id].(*types.Var); ok {
				defined[v] = true
			}
		}
	}
	escaped := rw.escaping(defined, loop.Body)
	if len(escaped) == 0 {
		return
	}
	var vars, hiddenVars []ast.Expr
	for _, e := range []*ast.Expr{&loop.Key, &loop.Value} {
		id, ok := (*e).(*ast.Ident)
		if !ok {
			continue
		}
		if v, ok := rw.info.Defs[id].(*types.Var); ok && escaped[v] {
			h := rw.name(v.Name())
			*e = ast.NewIdent(h)
			vars = append(vars, ast.NewIdent(v.Name()))
			hiddenVars = append(hiddenVars, ast.NewIdent(h))
		}
	}
	loop.Body.List = []ast.Stmt{
		&ast.AssignStmt{Lhs: vars, Tok: token.DEFINE, Rhs: hiddenVars},
		&ast.BlockStmt{List: loop.Body.List},
	}
}

// escaping returns those of vars that the nodes use inside a function
// literal or whose address they take, explicitly or by calling a method
// with a pointer receiver.
func (rw *rewriter) escaping(vars map[*types.Var]bool, nodes ...ast.Node) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	if len(vars) == 0 {
		return out
	}
	addressed := func(e ast.Expr) {
		if v := rw.addressRoot(e); v != nil && vars[v] {
			out[v] = true
		}
	}
	var inspect func(n ast.Node, inLit bool)
	inspect = func(n ast.Node, inLit bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				if !inLit {
					inspect(n.Body, true)
					return false
				}
			case *ast.Ident:
				if v, ok := rw.info.Uses[n].(*types.Var); ok && inLit && vars[v] {
					out[v] = true
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					addressed(n.X)
				}
			case *ast.SliceExpr:
				if tv, ok := rw.info.Types[n.X]; !ok || isArray(tv.Type) {
					addressed(n.X)
				}
			case *ast.SelectorExpr:
				if s, ok := rw.info.Selections[n]; ok && s.Kind() != types.FieldVal {
					sig, ok := s.Obj().Type().(*types.Signature)
					tv, typed := rw.info.Types[n.X]
					if ok && sig.Recv() != nil && isPointer(sig.Recv().Type()) && !(typed && isPointer(tv.Type)) {
						addressed(n.X)
					}
				}
			}
			return true
		})
	}
	for _, n := range nodes {
		if n != nil && !reflect.ValueOf(n).IsNil() {
			inspect(n, false)
		}
	}
	return out
}

// addressRoot returns the variable whose storage &e points into: x for
// x, x.f and x[i] of an array x; nil when e is reached through a pointer,
// slice or map.
func (rw *rewriter) addressRoot(e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := rw.info.Uses[x].(*types.Var)
			return v
		case *ast.SelectorExpr:
			if s, ok := rw.info.Selections[x]; ok && s.Indirect() {
				return nil
			}
			if tv, ok := rw.info.Types[x.X]; ok && isPointer(tv.Type) {
				return nil
			}
			e = x.X
		case *ast.IndexExpr:
			if tv, ok := rw.info.Types[x.X]; ok && !isArray(tv.Type) {
				return nil
			}
			e = x.X
		default:
			return nil
		}
	}
}

func isArray(t types.Type) bool {
	_, ok := t.Underlying().(*types.Array)
	return ok
}

func isPointer(t types.Type) bool {
	if t == nil { // an expression an earlier rewrite made has no recorded type
		return false
	}
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

func hasFuncLit(n ast.Node) bool {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			found = true
		}
		return !found
	})
	return found
}

// sees reports whether the name of v at pos, inside scope, means v.
func sees(scope *types.Scope, pos token.Pos, v *types.Var) bool {
	if scope == nil || !pos.IsValid() {
		return false
	}
	inner := scope.Innermost(pos)
	if inner == nil {
		return false
	}
	_, obj := inner.LookupParent(v.Name(), pos)
	return obj == v
}

// renameVars renames, in place, the uses of the variables in names.
func (rw *rewriter) renameVars(n ast.Node, names map[*types.Var]string) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := rw.info.Uses[id].(*types.Var); ok && names[v] != "" {
				id.Name = names[v]
			}
		}
		return true
	})
}

// continuesOf returns the continue statements in body that continue the
// loop body belongs to, whose label is label ("" for none).
func continuesOf(body ast.Node, label string) []*ast.BranchStmt {
	var out []*ast.BranchStmt
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		eachChild(n, func(child ast.Node) ast.Node {
			switch c := child.(type) {
			case *ast.FuncLit:
				// A continue cannot leave a function.
			case *ast.BranchStmt:
				if c.Tok == token.CONTINUE && (c.Label == nil && !nested || c.Label != nil && label != "" && c.Label.Name == label) {
					out = append(out, c)
				}
			case *ast.ForStmt, *ast.RangeStmt:
				walk(child, true)
			default:
				walk(child, nested)
			}
			return child
		})
	}
	walk(body, false)
	return out
}

// replaceContinues puts before each of the continue statements under n
// the statement first makes.
func replaceContinues(n ast.Node, continues []*ast.BranchStmt, first func() ast.Stmt) {
	if len(continues) == 0 {
		return
	}
	wanted := map[*ast.BranchStmt]bool{}
	for _, c := range continues {
		wanted[c] = true
	}
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		eachChild(n, func(child ast.Node) ast.Node {
			if c, ok := child.(*ast.BranchStmt); ok && wanted[c] {
				return &ast.BlockStmt{List: []ast.Stmt{first(), c}}
			}
			walk(child)
			return child
		})
	}
	walk(n)
}

func cloneIdents(ids []ast.Expr) []ast.Expr {
	out := make([]ast.Expr, len(ids))
	for i, id := range ids {
		out[i] = ast.NewIdent(id.(*ast.Ident).Name)
	}
	return out
}

// assignedIn returns the variables that body assigns to, increments or
// takes the address of.
func (rw *rewriter) assignedIn(body ast.Node) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	mark := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := rw.info.Uses[id].(*types.Var); ok {
				out[v] = true
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				mark(l)
			}
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				mark(n.X)
			}
		}
		return true
	})
	return out
}

var (
	exprType  = reflect.TypeFor[ast.Expr]()
	stmtType  = reflect.TypeFor[ast.Stmt]()
	nodeType  = reflect.TypeFor[ast.Node]()
	exprSlice = reflect.TypeFor[[]ast.Expr]()
	stmtSlice = reflect.TypeFor[[]ast.Stmt]()
)

// eachChild calls f for each child node of n and puts back what f
// returns, so that a child expression or statement can be replaced.
func eachChild(n ast.Node, f func(ast.Node) ast.Node) {
	v := reflect.ValueOf(n)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return
	}
	s := v.Elem()
	for i := 0; i < s.NumField(); i++ {
		field := s.Field(i)
		switch {
		case field.Type() == exprType || field.Type() == stmtType:
			if field.IsNil() {
				continue
			}
			child := field.Interface().(ast.Node)
			if out := f(child); out != child {
				field.Set(reflect.ValueOf(out))
			}
		case field.Type() == exprSlice || field.Type() == stmtSlice:
			for j := 0; j < field.Len(); j++ {
				el := field.Index(j)
				if el.IsNil() {
					continue
				}
				child := el.Interface().(ast.Node)
				if out := f(child); out != child {
					el.Set(reflect.ValueOf(out))
				}
			}
		case (field.Kind() == reflect.Pointer || field.Kind() == reflect.Interface) && field.Type().Implements(nodeType) && !field.IsNil():
			// *ast.BlockStmt, *ast.FieldList, *ast.FuncType, ast.Decl,
			// ast.Spec, ...
			f(field.Interface().(ast.Node))
		case field.Kind() == reflect.Slice && field.Type().Elem().Implements(nodeType):
			for j := 0; j < field.Len(); j++ {
				if el := field.Index(j); !el.IsNil() {
					f(el.Interface().(ast.Node))
				}
			}
		}
	}
}
