package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
)

// The interpreter predates range over functions (Go 1.23). A loop over an
// iterator becomes a call of the iterator with the loop body as the yield
// function:
//
//	for k, v := range seq { body }
//
// becomes
//
//	{
//		ctl, done := 0, false
//		seq(func(k K, v V) bool {
//			if done { panic(...) }
//			body'
//			return true
//		})
//		done = true
//		if ctl == -1 { return r0, r1 }
//		if ctl == 1 { break Outer }
//	}
//
// In body', continue is return true and break is return false; a return,
// or a break or continue of an enclosing statement, records what to do
// in ctl (the results in hidden variables), returns false, and is done
// once the iterator has returned. An iterator that calls yield after it
// returned false, or after the loop ended, panics as in Go.
//
// Loops inside the body are rewritten first, so that what they leave for
// the enclosing loop to do is plain Go again.
//
// A defer in the body belongs to the function the loop is in, not to the
// yield function: it runs when that function returns. So the loop
// collects its deferred calls, made where the defer statements are, and
// one deferred call of the enclosing function, deferred where the loop
// starts, runs them in reverse order:
//
//	defers := new([]func())
//	defer func(p *[]func()) { for _, f := range *p { defer f() } }(defers)
//
// and in body', defer f(x) is *defers = append(*defers, func(){ f(x) })
// with f and x evaluated at once. A call deferred this way is not called
// directly by a deferred call, so recover in it returns nil.

// funcResults describes the results of the function a loop is in.
type funcResults struct {
	results *types.Tuple
}

// rangeFuncs rewrites the loops over functions under root, which is a
// declaration, an expression or a statement of a function without
// results. It returns root, or the statement that replaces it.
func (rw *rewriter) rangeFuncs(root ast.Node) ast.Node {
	if s, ok := root.(ast.Stmt); ok {
		holder := &ast.BlockStmt{List: []ast.Stmt{s}}
		rw.rangeFuncsIn(holder, funcResults{})
		return holder.List[0]
	}
	rw.rangeFuncsIn(root, funcResults{})
	return root
}

func (rw *rewriter) rangeFuncsIn(n ast.Node, fn funcResults) {
	switch n := n.(type) {
	case *ast.FuncDecl:
		if f, ok := rw.info.Defs[n.Name].(*types.Func); ok {
			fn = resultsOf(f.Signature())
		}
	case *ast.FuncLit:
		if sig, ok := rw.info.Types[n].Type.(*types.Signature); ok {
			fn = resultsOf(sig)
		}
	}
	eachChild(n, func(child ast.Node) ast.Node {
		switch c := child.(type) {
		case *ast.RangeStmt:
			rw.rangeFuncsIn(c, fn)
			if r := rw.rangeFunc(c, "", fn); r != nil {
				return r
			}
			return child
		case *ast.LabeledStmt:
			// The label goes with the loop it names: break and continue
			// with it end the loop's body.
			if r, ok := c.Stmt.(*ast.RangeStmt); ok {
				rw.rangeFuncsIn(r, fn)
				if out := rw.rangeFunc(r, c.Label.Name, fn); out != nil {
					return out
				}
				return child
			}
		}
		rw.rangeFuncsIn(child, fn)
		return child
	})
}

func resultsOf(sig *types.Signature) funcResults {
	return funcResults{results: sig.Results()}
}

// rangeFunc returns what replaces a loop over a function, or nil when s
// ranges over something else. The label is the loop's, if any.
func (rw *rewriter) rangeFunc(s *ast.RangeStmt, label string, fn funcResults) ast.Stmt {
	tv, ok := rw.info.Types[s.X]
	if !ok {
		return nil
	}
	sig, ok := tv.Type.Underlying().(*types.Signature)
	if !ok || sig.Params().Len() != 1 {
		return nil
	}
	yield, ok := sig.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok {
		return nil
	}

	lf := &loopFunc{
		rw:    rw,
		fn:    fn,
		label: label,
		ctl:   rw.name("ctl"),
		done:  rw.name("done"),
		inner: map[string]bool{},
	}
	ast.Inspect(s.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.LabeledStmt:
			lf.inner[n.Label.Name] = true
		}
		return true
	})

	// The yield function's parameters are the loop's variables.
	var params []*ast.Field
	var prologue []ast.Stmt
	vars := []ast.Expr{s.Key, s.Value}
	for i := 0; i < yield.Params().Len(); i++ {
		name := ast.NewIdent("_")
		if i < len(vars) && vars[i] != nil {
			if id, ok := vars[i].(*ast.Ident); ok && s.Tok == token.DEFINE {
				name = id
			} else if !isBlank(vars[i]) {
				name = ast.NewIdent(rw.name("v"))
				prologue = append(prologue, &ast.AssignStmt{Lhs: []ast.Expr{vars[i]}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent(name.Name)}})
			}
		}
		params = append(params, &ast.Field{Names: []*ast.Ident{name}, Type: rw.typeExpr(yield.Params().At(i).Type())})
	}

	lf.block(s.Body.List, 0, 0)
	defers := rw.collectDefers(s.Body)
	guard := &ast.IfStmt{
		Cond: ast.NewIdent(lf.done),
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: ast.NewIdent("panic"), Args: []ast.Expr{
			&ast.BasicLit{Kind: token.STRING, Value: strconv.Quote("runtime error: range function continued iteration after function for loop body returned false")},
		}}}}},
	}
	body := append([]ast.Stmt{guard}, prologue...)
	body = append(body, s.Body.List...)
	body = append(body, &ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent("true")}})
	yieldLit := &ast.FuncLit{
		Type: &ast.FuncType{
			Func:    s.For,
			Params:  &ast.FieldList{List: params},
			Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("bool")}}},
		},
		Body: &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: body, Rbrace: s.Body.Rbrace},
	}

	out := []ast.Stmt{
		&ast.AssignStmt{
			Lhs: []ast.Expr{ast.NewIdent(lf.ctl), ast.NewIdent(lf.done)},
			Tok: token.DEFINE,
			Rhs: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: "0"}, ast.NewIdent("false")},
		},
	}
	if defers != "" {
		p := rw.name("p")
		f := rw.name("f")
		out = append(out,
			&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(defers)}, Tok: token.DEFINE, Rhs: []ast.Expr{
				&ast.CallExpr{Fun: ast.NewIdent("new"), Args: []ast.Expr{deferList()}},
			}},
			&ast.DeferStmt{Defer: s.For, Call: &ast.CallExpr{
				Fun: &ast.FuncLit{
					Type: &ast.FuncType{Params: &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{ast.NewIdent(p)}, Type: &ast.StarExpr{X: deferList()}}}}},
					Body: &ast.BlockStmt{List: []ast.Stmt{&ast.RangeStmt{
						Key: ast.NewIdent("_"), Value: ast.NewIdent(f), Tok: token.DEFINE,
						X:    &ast.StarExpr{X: ast.NewIdent(p)},
						Body: &ast.BlockStmt{List: []ast.Stmt{&ast.DeferStmt{Call: &ast.CallExpr{Fun: ast.NewIdent(f)}}}},
					}}},
				},
				Args: []ast.Expr{ast.NewIdent(defers)},
			}},
		)
	}
	for i, r := range lf.rets {
		out = append(out, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{
			&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(r)}, Type: rw.typeExpr(fn.results.At(i).Type())},
		}}})
	}
	out = append(out,
		&ast.ExprStmt{X: &ast.CallExpr{Fun: callable(s.X), Args: []ast.Expr{yieldLit}}},
		&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(lf.done)}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent("true")}},
		// Keep ctl used when nothing else reads it.
		&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("_")}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent(lf.ctl)}},
	)
	for i, then := range lf.exits {
		out = append(out, &ast.IfStmt{
			Cond: &ast.BinaryExpr{X: ast.NewIdent(lf.ctl), Op: token.EQL, Y: &ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(i + 1)}},
			Body: &ast.BlockStmt{List: []ast.Stmt{then}},
		})
	}
	return &ast.BlockStmt{Lbrace: s.For, List: out, Rbrace: s.End()}
}

// deferList is []func().
func deferList() ast.Expr {
	return &ast.ArrayType{Elt: &ast.FuncType{Params: &ast.FieldList{}}}
}

// collectDefers replaces each defer statement of a loop body (outside
// the function literals in it) with an append of the call, made now, to
// a list, and returns the list's name, or "" when the body defers
// nothing.
func (rw *rewriter) collectDefers(body *ast.BlockStmt) string {
	name := ""
	replace := func(list []ast.Stmt) {
		for i, st := range list {
			d, ok := st.(*ast.DeferStmt)
			if !ok {
				continue
			}
			if name == "" {
				name = rw.name("defers")
			}
			list[i] = &ast.AssignStmt{
				Lhs: []ast.Expr{&ast.StarExpr{X: ast.NewIdent(name)}},
				Tok: token.ASSIGN,
				Rhs: []ast.Expr{&ast.CallExpr{Fun: ast.NewIdent("append"), Args: []ast.Expr{
					&ast.StarExpr{X: ast.NewIdent(name)}, rw.deferredValue(d.Call),
				}}},
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BlockStmt:
			replace(n.List)
		case *ast.CaseClause:
			replace(n.Body)
		case *ast.CommClause:
			replace(n.Body)
		}
		return true
	})
	return name
}

// deferredValue returns a func() that makes call, its function and
// arguments evaluated now.
func (rw *rewriter) deferredValue(call *ast.CallExpr) ast.Expr {
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		rw.syncCall(call)
		if call.Fun != sel {
			// mu.Unlock() went to the runtime: its argument, the
			// mutex's address, is the same whenever it is evaluated.
			return &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{}}, Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: call}}}}
		}
	}
	if lit, ok := call.Fun.(*ast.FuncLit); ok && len(call.Args) == 0 {
		return lit
	}
	if made := rw.madeNow(call); made != nil {
		return made
	}
	return &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{}}, Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: call}}}}
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// loopFunc is the rewriting of one loop's body.
type loopFunc struct {
	rw    *rewriter
	fn    funcResults
	label string          // the loop's label, or ""
	inner map[string]bool // labels declared inside the body
	ctl   string          // variable: which of exits to take after the loop
	done  string          // variable: the loop has ended
	exits []ast.Stmt      // what ctl == i+1 does after the loop
	rets  []string        // variables holding the results of a return
}

// block rewrites a statement list of the body. loops counts the loops
// (for continue) and breakable statements (for break) the list is inside
// of, within the body.
func (lf *loopFunc) block(list []ast.Stmt, loops, breakables int) {
	for i, s := range list {
		list[i] = lf.stmt(s, loops, breakables)
	}
}

func (lf *loopFunc) stmt(s ast.Stmt, loops, breakables int) ast.Stmt {
	switch s := s.(type) {
	case *ast.BranchStmt:
		return lf.branch(s, loops, breakables)
	case *ast.ReturnStmt:
		return lf.ret(s)
	case *ast.BlockStmt:
		lf.block(s.List, loops, breakables)
	case *ast.LabeledStmt:
		s.Stmt = lf.stmt(s.Stmt, loops, breakables)
	case *ast.IfStmt:
		lf.block(s.Body.List, loops, breakables)
		if s.Else != nil {
			s.Else = lf.stmt(s.Else, loops, breakables)
		}
	case *ast.ForStmt:
		lf.block(s.Body.List, loops+1, breakables+1)
	case *ast.RangeStmt:
		lf.block(s.Body.List, loops+1, breakables+1)
	case *ast.SwitchStmt:
		for _, c := range s.Body.List {
			lf.block(c.(*ast.CaseClause).Body, loops, breakables+1)
		}
	case *ast.TypeSwitchStmt:
		for _, c := range s.Body.List {
			lf.block(c.(*ast.CaseClause).Body, loops, breakables+1)
		}
	case *ast.SelectStmt:
		for _, c := range s.Body.List {
			lf.block(c.(*ast.CommClause).Body, loops, breakables+1)
		}
	}
	return s
}

// stop ends the body's call: returns false, after recording exit i+1
// when i >= 0.
func (lf *loopFunc) stop(exit int, before ...ast.Stmt) ast.Stmt {
	list := before
	if exit >= 0 {
		list = append(list, &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(lf.ctl)}, Tok: token.ASSIGN,
			Rhs: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(exit + 1)}}})
	}
	list = append(list,
		&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(lf.done)}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent("true")}},
		&ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent("false")}})
	return &ast.BlockStmt{List: list}
}

func (lf *loopFunc) branch(s *ast.BranchStmt, loops, breakables int) ast.Stmt {
	if s.Label != nil && lf.inner[s.Label.Name] {
		return s
	}
	own := s.Label == nil || s.Label.Name == lf.label
	switch s.Tok {
	case token.CONTINUE:
		if s.Label == nil && loops > 0 {
			return s
		}
		if own {
			return &ast.ReturnStmt{Return: s.Pos(), Results: []ast.Expr{ast.NewIdent("true")}}
		}
	case token.BREAK:
		if s.Label == nil && breakables > 0 {
			return s
		}
		if own {
			return lf.stop(-1)
		}
	default: // goto, fallthrough: left as written
		return s
	}
	// A break or continue of an enclosing statement, after the loop.
	lf.exits = append(lf.exits, &ast.BranchStmt{Tok: s.Tok, Label: ast.NewIdent(s.Label.Name)})
	return lf.stop(len(lf.exits) - 1)
}

func (lf *loopFunc) ret(s *ast.ReturnStmt) ast.Stmt {
	if len(s.Results) == 0 {
		// return in a function without results, or with named results
		// that hold what it returns.
		lf.exits = append(lf.exits, &ast.ReturnStmt{})
		return lf.stop(len(lf.exits) - 1)
	}
	if lf.rets == nil {
		for i := 0; i < lf.fn.results.Len(); i++ {
			lf.rets = append(lf.rets, lf.rw.name(fmt.Sprintf("r%d_", i)))
		}
	}
	var lhs, results []ast.Expr
	for _, r := range lf.rets {
		lhs = append(lhs, ast.NewIdent(r))
		results = append(results, ast.NewIdent(r))
	}
	lf.exits = append(lf.exits, &ast.ReturnStmt{Results: results})
	return lf.stop(len(lf.exits)-1, &ast.AssignStmt{Lhs: lhs, Tok: token.ASSIGN, Rhs: s.Results})
}

// callable returns fun ready to be called: in parentheses unless it is a
// name, which the interpreter fails to call in parentheses (a nil
// dereference for "(f)(x)", f a declared function).
func callable(fun ast.Expr) ast.Expr {
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		// A type the rewrites spell as one identifier ("*T",
		// "[]T") keeps its parentheses: (*T)(x) is a conversion.
		if token.IsIdentifier(f.Name) {
			return f
		}
	case *ast.SelectorExpr:
		return f
	}
	return &ast.ParenExpr{X: fun}
}
