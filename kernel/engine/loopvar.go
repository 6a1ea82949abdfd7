package engine

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
)

// captureLoopVars gives each function literal inside a loop its own copy
// of the loop's variables, as Go 1.22 gives each iteration its own. The
// interpreter's closures share the variables of the frame they were
// created in, so without this every closure made in a loop sees the last
// iteration's values:
//
//	func() int { return i }
//
// becomes
//
//	func(i int) func() int { return func() int { return i } }(i)
//
// The copy is taken when the closure is made. A closure that assigns to
// such a variable therefore no longer changes the loop's copy.
func (rw *rewriter) captureLoopVars(root ast.Node) {
	var loops []ast.Node
	handled := map[*ast.FuncLit]bool{}
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		if n == nil || reflect.ValueOf(n).IsNil() {
			return
		}
		// go func() { ... }(): the go statement evaluates its arguments
		// before the goroutine starts, so the copies go in as arguments.
		if g, ok := n.(*ast.GoStmt); ok && len(loops) > 0 {
			if lit, ok := g.Call.Fun.(*ast.FuncLit); ok {
				if vars := rw.capturedVars(lit, loops); len(vars) > 0 {
					for _, v := range vars {
						lit.Type.Params.List = append(lit.Type.Params.List, &ast.Field{Names: []*ast.Ident{ast.NewIdent(v.Name())}, Type: rw.typeExpr(v.Type())})
						g.Call.Args = append(g.Call.Args, ast.NewIdent(v.Name()))
					}
					handled[lit] = true
				}
			}
		}
		loop := false
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n)
			loop = true
		}
		eachChild(n, func(child ast.Node) ast.Node {
			walk(child)
			if lit, ok := child.(*ast.FuncLit); ok && len(loops) > 0 && !handled[lit] {
				if wrapped := rw.wrapClosure(lit, loops); wrapped != nil {
					return wrapped
				}
			}
			return child
		})
		if loop {
			loops = loops[:len(loops)-1]
		}
	}
	walk(root)
}

// wrapClosure returns lit called through a factory that copies the loop
// variables it uses, or nil when it uses none.
func (rw *rewriter) wrapClosure(lit *ast.FuncLit, loops []ast.Node) ast.Expr {
	vars := rw.capturedVars(lit, loops)
	if len(vars) == 0 {
		return nil
	}
	var params []*ast.Field
	var args []ast.Expr
	for _, v := range vars {
		params = append(params, &ast.Field{Names: []*ast.Ident{ast.NewIdent(v.Name())}, Type: rw.typeExpr(v.Type())})
		args = append(args, ast.NewIdent(v.Name()))
	}
	factory := &ast.FuncLit{
		Type: &ast.FuncType{
			Params:  &ast.FieldList{List: params},
			Results: &ast.FieldList{List: []*ast.Field{{Type: lit.Type}}},
		},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{lit}}}},
	}
	return &ast.CallExpr{Fun: factory, Args: args}
}

// capturedVars lists the variables of the enclosing loops that lit uses,
// in order of declaration.
func (rw *rewriter) capturedVars(lit *ast.FuncLit, loops []ast.Node) []*types.Var {
	within := func(pos token.Pos, n ast.Node) bool { return n.Pos() <= pos && pos < n.End() }
	captured := map[*types.Var]bool{}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := rw.info.Uses[id].(*types.Var)
		if !ok || v.IsField() || !v.Pos().IsValid() || within(v.Pos(), lit) {
			return true
		}
		for _, loop := range loops {
			if within(v.Pos(), loop) {
				captured[v] = true
			}
		}
		return true
	})
	// A variable the closure changes stays shared: the loop's code may
	// read the change (a counter the closure increments, say), and a copy
	// would lose it.
	for v := range rw.assignedIn(lit.Body) {
		delete(captured, v)
	}
	vars := make([]*types.Var, 0, len(captured))
	for v := range captured {
		vars = append(vars, v)
	}
	sort.Slice(vars, func(i, j int) bool { return vars[i].Pos() < vars[j].Pos() })
	return vars
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

// eachChild calls f for each child expression and statement of n and puts
// back what f returns, so that a child can be replaced.
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
		case field.Kind() == reflect.Pointer && field.Type().Implements(nodeType) && !field.IsNil():
			// *ast.BlockStmt, *ast.FieldList, *ast.FuncType, ...
			f(field.Interface().(ast.Node))
		case field.Kind() == reflect.Slice && field.Type().Elem().Kind() == reflect.Pointer && field.Type().Elem().Implements(nodeType):
			for j := 0; j < field.Len(); j++ {
				if el := field.Index(j); !el.IsNil() {
					f(el.Interface().(ast.Node))
				}
			}
		}
	}
}
