package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Assignments of several values. Where one of the values of
//
//	x, y = a+1, f()
//
// is a call, a receive or a composite literal, the interpreter has that
// value written straight into its variable and then skips the statement's
// assignment of the others: x keeps its old value. The same holds for
// x, p := 1, point{} and var x, p = 1, point{}. And since the write is
// straight, x, y = f(y), g(x) gives g the new x. Such values are first
// given variables of their own, and the statement assigns those:
//
//	goconc_v1 := f()
//	x, y = a+1, goconc_v1
//
// The other values stay where they were, read after the calls, as the Go
// compiler reads them. A statement that is the init of an if, for or
// switch takes its new variables in a block around the statement; the
// post statement of a for loop becomes a call of a function literal that
// takes them as arguments (splitPost). A statement whose left side calls or receives is left as it
// is: its calls would run after those of the right side. Package-level
// declarations are split one variable each (InitOrder.Sort).

// splitParallelAssigns rewrites the assignments and declarations of
// several values under root.
func (rw *rewriter) splitParallelAssigns(root ast.Node) ast.Node {
	var visit func(n ast.Node) ast.Node
	visit = func(n ast.Node) ast.Node {
		if l, ok := n.(*ast.LabeledStmt); ok {
			// A label stays on its statement, inside the block of
			// new variables: continue and break name a loop's label.
			eachChild(l.Stmt, visit)
			if pre := rw.hoistInit(l.Stmt); pre != nil {
				return &ast.BlockStmt{Lbrace: l.Pos(), List: append(pre, l)}
			}
			return l
		}
		eachChild(n, visit)
		switch n := n.(type) {
		case *ast.BlockStmt:
			n.List = rw.splitInList(n.List)
		case *ast.CaseClause:
			n.Body = rw.splitInList(n.Body)
		case *ast.CommClause:
			n.Body = rw.splitInList(n.Body)
		case *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.ForStmt:
			if f, ok := n.(*ast.ForStmt); ok {
				rw.splitPost(f)
			}
			if pre := rw.hoistInit(n.(ast.Stmt)); pre != nil {
				return &ast.BlockStmt{Lbrace: n.Pos(), List: append(pre, n.(ast.Stmt))}
			}
		}
		return n
	}
	return visit(root)
}

// splitChunk rewrites a chunk of the cell's statements.
func (rw *rewriter) splitChunk(stmts []ast.Stmt) []ast.Stmt {
	for i, s := range stmts {
		stmts[i] = rw.splitParallelAssigns(s).(ast.Stmt)
	}
	return rw.splitInList(stmts)
}

// splitInList gives the values of the assignments and variable
// declarations in list variables of their own, declared before them.
func (rw *rewriter) splitInList(list []ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	for i, s := range list {
		var label *ast.LabeledStmt
		inner := s
		if l, ok := s.(*ast.LabeledStmt); ok {
			label, inner = l, l.Stmt
		}
		var expanded []ast.Stmt
		switch st := inner.(type) {
		case *ast.AssignStmt:
			if pre, a := rw.splitAssign(st); pre != nil {
				expanded = append(pre, a)
			}
		case *ast.DeclStmt:
			expanded = rw.splitVarDecl(st)
		}
		if expanded == nil {
			if out != nil {
				out = append(out, s)
			}
			continue
		}
		if out == nil {
			out = append(make([]ast.Stmt, 0, len(list)+len(expanded)), list[:i]...)
		}
		if label != nil {
			// A goto to the label runs the new declarations too.
			expanded[0] = &ast.LabeledStmt{Label: label.Label, Colon: label.Colon, Stmt: expanded[0]}
		}
		out = append(out, expanded...)
	}
	if out == nil {
		return list
	}
	return out
}

// splitAssign returns the definitions of the variables that take the
// calls, receives and composite literals among a's values, and an
// assignment like a that assigns those variables instead, or nil.
func (rw *rewriter) splitAssign(a *ast.AssignStmt) ([]ast.Stmt, *ast.AssignStmt) {
	if (a.Tok != token.ASSIGN && a.Tok != token.DEFINE) || len(a.Lhs) < 2 || len(a.Lhs) != len(a.Rhs) {
		return nil, nil
	}
	for _, l := range a.Lhs {
		if hasCallOrReceive(l) {
			return nil, nil
		}
	}
	pre, rhs := rw.holdValues(a.Rhs, a.TokPos)
	if pre == nil {
		return nil, nil
	}
	out := *a
	out.Rhs = rhs
	return pre, &out
}

// splitVarDecl returns the statements that declare the variables of d
// one specification at a time, each after the variables its values
// need, or nil if d needs none.
func (rw *rewriter) splitVarDecl(d *ast.DeclStmt) []ast.Stmt {
	g, ok := d.Decl.(*ast.GenDecl)
	if !ok || g.Tok != token.VAR {
		return nil
	}
	var out []ast.Stmt
	changed := false
	for _, s := range g.Specs {
		spec := s.(*ast.ValueSpec)
		var pre []ast.Stmt
		values := spec.Values
		if len(spec.Names) >= 2 && len(spec.Names) == len(spec.Values) {
			pre, values = rw.holdValues(spec.Values, spec.Pos())
		}
		if pre != nil {
			changed = true
			one := *spec
			one.Values = values
			spec = &one
		}
		out = append(out, pre...)
		out = append(out, &ast.DeclStmt{Decl: &ast.GenDecl{TokPos: g.TokPos, Tok: token.VAR, Specs: []ast.Spec{spec}}})
	}
	if !changed {
		return nil
	}
	return out
}

// holdValues returns the definitions of variables that take the values
// among values that the interpreter writes straight into their
// destinations, and values with those variables in their place; or nil
// when no value needs one.
func (rw *rewriter) holdValues(values []ast.Expr, pos token.Pos) ([]ast.Stmt, []ast.Expr) {
	var pre []ast.Stmt
	var out []ast.Expr
	for i, v := range values {
		if !rw.writtenStraight(v) {
			continue
		}
		if out == nil {
			out = append([]ast.Expr(nil), values...)
		}
		held := &ast.Ident{NamePos: v.Pos(), Name: rw.name("v")}
		pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{held}, TokPos: pos, Tok: token.DEFINE, Rhs: []ast.Expr{v}})
		out[i] = ast.NewIdent(held.Name)
	}
	return pre, out
}

// writtenStraight reports whether the interpreter writes the value of e
// straight into the variable it is assigned to: a call that is no
// untyped constant, a receive or a composite literal.
func (rw *rewriter) writtenStraight(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if tv, ok := rw.info.Types[e]; ok {
			if b, isBasic := tv.Type.(*types.Basic); isBasic && b.Info()&types.IsUntyped != 0 {
				return false // complex(1, 2) takes its type from the variable
			}
		}
		return true
	case *ast.CompositeLit:
		return true
	case *ast.UnaryExpr:
		return e.Op == token.ARROW
	}
	return false
}

// hoistInit returns the definitions that the init statement of s, an if,
// switch or for statement, needs before s, changing the init to use
// them; or nil.
func (rw *rewriter) hoistInit(s ast.Stmt) []ast.Stmt {
	var init *ast.Stmt
	switch s := s.(type) {
	case *ast.IfStmt:
		init = &s.Init
	case *ast.SwitchStmt:
		init = &s.Init
	case *ast.TypeSwitchStmt:
		init = &s.Init
	case *ast.ForStmt:
		init = &s.Init
	default:
		return nil
	}
	a, ok := (*init).(*ast.AssignStmt)
	if !ok {
		return nil
	}
	pre, out := rw.splitAssign(a)
	if pre == nil {
		return nil
	}
	*init = out
	return pre
}

// splitPost makes the post statement of f, where it assigns several
// values, a call of a function literal that assigns them. The values
// given variables of their own are the literal's arguments, evaluated by
// the function the loop is in before the literal runs: a panic in one of
// those calls leaves that function's frame, as in Go, and not a literal's
// Go does not have (i, j = i+1, half(j) becomes func(goconc_v1 int) { i, j
// = i+1, goconc_v1 }(half(j))). Where a value's type is not known, the
// literal defines the variables itself.
func (rw *rewriter) splitPost(f *ast.ForStmt) {
	a, ok := f.Post.(*ast.AssignStmt)
	if !ok || callsRecover(a) {
		return
	}
	pre, out := rw.splitAssign(a)
	if pre == nil {
		return
	}
	params, args, ok := rw.heldParams(pre)
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Func: a.Pos(), Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{Lbrace: a.Pos(), List: []ast.Stmt{out}, Rbrace: a.End()},
	}
	if ok {
		lit.Type.Params.List = params
	} else {
		lit.Body.List = append(pre, out)
		args = nil
	}
	f.Post = &ast.ExprStmt{X: &ast.CallExpr{Fun: lit, Lparen: a.End(), Args: args, Rparen: a.End()}}
}

// heldParams turns the definitions holdValues made into the parameters
// of a literal and the arguments of its call, or reports false when the
// type of a value is not known.
func (rw *rewriter) heldParams(pre []ast.Stmt) ([]*ast.Field, []ast.Expr, bool) {
	var params []*ast.Field
	var args []ast.Expr
	for _, s := range pre {
		def := s.(*ast.AssignStmt)
		v := def.Rhs[0]
		tv, ok := rw.info.Types[v]
		if !ok || tv.Type == nil {
			return nil, nil, false
		}
		if b, basic := tv.Type.(*types.Basic); basic && b.Info()&types.IsUntyped != 0 {
			return nil, nil, false
		}
		if _, tuple := tv.Type.(*types.Tuple); tuple {
			return nil, nil, false
		}
		params = append(params, &ast.Field{Names: []*ast.Ident{ast.NewIdent(def.Lhs[0].(*ast.Ident).Name)}, Type: rw.typeExpr(tv.Type)})
		args = append(args, v)
	}
	return params, args, true
}
