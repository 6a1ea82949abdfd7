package rewrite

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// The interpreter indexes and slices through reflect, whose panics name
// neither the index nor the length, so a program that recovers a bounds
// error and prints it sees less than Go shows. The cell therefore makes
// the check itself, just before the access, and panics with Go's
// runtime.Error (goconc_rt.BoundsError):
//
//	x := s[i] + 1
//
// becomes
//
//	if i < 0 || i >= len(s) { panic(goconc_rt.BoundsError(0, i, len(s))) }
//	x := s[i] + 1
//
// A check moves before its statement only when nothing the statement
// does before the access can be seen (no call, no receive) and its
// operands may be evaluated twice (variables, fields, arithmetic).
// Elsewhere (a loop condition, the right of &&, after a call) the index
// itself is checked in place, s[func(i, n int) int {...}(i, len(s))],
// which is slower. Accesses that cannot fail are left alone: a constant
// index into an array, and s[i] in a loop that ranges over s or counts i
// up to len(s) without changing either.

// boundsChecks adds the checks to the functions under root.
func (rw *rewriter) boundsChecks(root ast.Node) {
	f := rw.boundsFacts(root)
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				rw.boundsBody(n.Body, f)
			}
			return false
		case *ast.FuncLit:
			rw.boundsBody(n.Body, f)
			return false
		}
		return true
	})
}

// boundsStmts adds the checks to a cell's statements, which run as the
// body of a function.
func (rw *rewriter) boundsStmts(stmts []ast.Stmt) []ast.Stmt {
	block := &ast.BlockStmt{List: stmts}
	rw.boundsBody(block, rw.boundsFacts(block))
	return block.List
}

// boundsBody adds the checks to one function body and, separately, to
// the function literals in it. The variables that computed indices go
// through are declared at the top of the body: the interpreter assigns a
// variable faster than it defines one.
func (rw *rewriter) boundsBody(body *ast.BlockStmt, f *boundsFacts) {
	var temps []ast.Spec
	var lits []*ast.FuncLit
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			lits = append(lits, n)
			return false
		case *ast.BlockStmt:
			n.List = rw.boundsList(n.List, f, &temps)
		case *ast.CaseClause:
			n.Body = rw.boundsList(n.Body, f, &temps)
		case *ast.CommClause:
			n.Body = rw.boundsList(n.Body, f, &temps)
		}
		return true
	})
	for _, lit := range lits {
		rw.boundsBody(lit.Body, f)
	}
	var decls []ast.Stmt
	for _, spec := range temps {
		decls = append(decls, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{spec}}})
	}
	body.List = append(decls, body.List...)
}

// boundsFacts is what loops tell about their index expressions.
type boundsFacts struct {
	inRange map[*ast.IndexExpr]bool // cannot fail
	nonNeg  map[*ast.IndexExpr]bool // index cannot be negative
}

// boundsList adds the checks of each statement of a list before it.
func (rw *rewriter) boundsList(stmts []ast.Stmt, f *boundsFacts, temps *[]ast.Spec) []ast.Stmt {
	var out []ast.Stmt
	for _, s := range stmts {
		w := &boundsWalk{rw: rw, facts: f, top: true, temps: temps}
		w.stmt(s)
		out = append(out, w.pre...)
		out = append(out, s)
	}
	return out
}

// boundsWalk visits the expressions one statement evaluates, in the order
// Go evaluates them.
type boundsWalk struct {
	rw    *rewriter
	facts *boundsFacts
	hoist bool        // a check may still go before the statement
	top   bool        // the statement walked is the one the checks go before
	fixed bool        // no check may go before the statement
	temps *[]ast.Spec // the function's variables for computed indices
	pre   []ast.Stmt  // the checks that go before it
}

func (w *boundsWalk) stmt(s ast.Stmt) {
	w.hoist = !w.fixed
	switch s := s.(type) {
	case *ast.LabeledStmt:
		// A goto would skip checks placed before the label.
		w.fixed, w.top = true, false
		w.stmt(s.Stmt)
	case *ast.ExprStmt:
		w.expr(s.X)
	case *ast.SendStmt:
		w.expr(s.Chan)
		w.expr(s.Value)
	case *ast.IncDecStmt:
		w.expr(s.X)
	case *ast.AssignStmt:
		w.assign(s)
	case *ast.ReturnStmt:
		for _, r := range s.Results {
			w.expr(r)
		}
	case *ast.GoStmt:
		w.deferred(s.Call)
	case *ast.DeferStmt:
		w.deferred(s.Call)
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, spec := range g.Specs {
				for _, v := range spec.(*ast.ValueSpec).Values {
					w.expr(v)
				}
			}
		}
	default:
		w.inner(s)
	}
}

// inner handles the statements that hold others: only the parts
// evaluated first, once, may have their checks placed before them.
func (w *boundsWalk) inner(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.IfStmt:
		if s.Init != nil {
			w.stmtPart(s.Init)
			w.hoist = false
		}
		w.expr(s.Cond)
		if elif, ok := s.Else.(*ast.IfStmt); ok && (elif.Init != nil || w.rw.hasBoundsCheck(elif.Cond)) {
			// The else branch's condition gets its checks as the first
			// statement of a block.
			s.Else = &ast.BlockStmt{List: []ast.Stmt{elif}}
		}
	case *ast.SwitchStmt:
		if s.Init != nil {
			w.stmtPart(s.Init)
			w.hoist = false
		}
		if s.Tag != nil {
			w.expr(s.Tag)
		}
		w.hoist = false
		for _, c := range s.Body.List {
			for _, e := range c.(*ast.CaseClause).List {
				w.expr(e)
			}
		}
	case *ast.TypeSwitchStmt:
		if s.Init != nil {
			w.stmtPart(s.Init)
			w.hoist = false
		}
		w.stmtPart(s.Assign)
	case *ast.ForStmt:
		if s.Init != nil {
			w.stmtPart(s.Init)
		}
		w.hoist = false
		if s.Cond != nil {
			w.expr(s.Cond)
		}
		if s.Post != nil {
			w.stmtPart(s.Post)
		}
	case *ast.RangeStmt:
		w.expr(s.X)
	}
}

// stmtPart walks a simple statement inside another, keeping the hoisting
// state of the walk.
func (w *boundsWalk) stmtPart(s ast.Stmt) {
	hoist, top, fixed := w.hoist, w.top, w.fixed
	w.top = false
	w.fixed = fixed || !hoist // a loop's post statement, say
	w.stmt(s)
	w.hoist = w.hoist && hoist
	w.top, w.fixed = top, fixed
}

// deferred walks the function and arguments a go or defer statement
// evaluates; the call itself happens later.
func (w *boundsWalk) deferred(call *ast.CallExpr) {
	if _, ok := call.Fun.(*ast.FuncLit); !ok {
		w.expr(call.Fun)
	}
	for _, a := range call.Args {
		w.expr(a)
	}
}

// assign follows Go's order: the operands of the left side's index
// expressions, then the right side, then the indexing on the left.
func (w *boundsWalk) assign(s *ast.AssignStmt) {
	var later []ast.Expr
	for _, l := range s.Lhs {
		switch l := ast.Unparen(l).(type) {
		case *ast.IndexExpr:
			if w.rw.indexedKind(l.X) != nil {
				w.expr(l.X)
				w.expr(l.Index)
				later = append(later, l)
				continue
			}
		}
		w.expr(l)
	}
	hoist := w.hoist
	for _, r := range s.Rhs {
		w.expr(r)
	}
	if hoist && !w.hoist && w.top && len(later) > 0 && len(s.Lhs) == len(s.Rhs) && s.Tok != token.DEFINE &&
		s.Tok != token.SHL_ASSIGN && s.Tok != token.SHR_ASSIGN && w.rw.pureTargets(later) {
		// s[i] = f(): Go calls f before it checks i, which the check
		// in place would not. The right side goes first, into
		// variables, and the checks after it.
		for i, r := range s.Rhs {
			t := w.rw.info.Types[s.Lhs[i]].Type
			if t == nil {
				t = types.Default(w.rw.info.Types[r].Type)
			}
			if t == nil {
				return
			}
			tmp := w.rw.name("value")
			w.pre = append(w.pre, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{
				&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(tmp)}, Type: w.rw.typeExpr(t), Values: []ast.Expr{r}},
			}}})
			s.Rhs[i] = ast.NewIdent(tmp)
		}
		w.hoist = true
	}
	for _, l := range later {
		w.check(l.(*ast.IndexExpr))
	}
}

func (w *boundsWalk) expr(e ast.Expr) {
	switch e := e.(type) {
	case nil, *ast.FuncLit, *ast.Ident, *ast.BasicLit:
		// A function literal's body is statements of its own.
	case *ast.ParenExpr:
		w.expr(e.X)
	case *ast.SelectorExpr:
		w.expr(e.X)
	case *ast.StarExpr:
		w.expr(e.X)
	case *ast.UnaryExpr:
		w.expr(e.X)
		if e.Op == token.ARROW {
			w.hoist = false
		}
	case *ast.BinaryExpr:
		w.expr(e.X)
		if e.Op == token.LAND || e.Op == token.LOR {
			hoist := w.hoist
			w.hoist = false
			w.expr(e.Y)
			w.hoist = hoist && !hasCall(e.Y)
			return
		}
		w.expr(e.Y)
	case *ast.KeyValueExpr:
		w.expr(e.Key)
		w.expr(e.Value)
	case *ast.CompositeLit:
		for _, el := range e.Elts {
			w.expr(el)
		}
	case *ast.TypeAssertExpr:
		w.expr(e.X)
		w.hoist = false // it may panic first
	case *ast.CallExpr:
		if tv, ok := w.rw.info.Types[e.Fun]; ok && tv.IsType() {
			for _, a := range e.Args {
				w.expr(a)
			}
			return
		}
		w.expr(e.Fun)
		for _, a := range e.Args {
			w.expr(a)
		}
		if !w.rw.isBuiltin(e.Fun, "len", "cap") {
			w.hoist = false
		}
	case *ast.IndexExpr:
		w.expr(e.X)
		w.expr(e.Index)
		if w.rw.indexedKind(e.X) != nil {
			w.check(e)
		}
	case *ast.SliceExpr:
		w.expr(e.X)
		w.expr(e.Low)
		w.expr(e.High)
		w.expr(e.Max)
		if w.rw.indexedKind(e.X) != nil {
			w.checkSlice(e)
		}
	}
}

// pureTargets reports whether the index expressions assigned to may be
// evaluated twice.
func (rw *rewriter) pureTargets(targets []ast.Expr) bool {
	for _, t := range targets {
		if !rw.pureExpr(t) {
			return false
		}
	}
	return true
}

// hasCall reports whether evaluating e may call a function.
func hasCall(e ast.Node) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			found = true
		case *ast.UnaryExpr:
			found = found || n.(*ast.UnaryExpr).Op == token.ARROW
		}
		return !found
	})
	return found
}

// indexed is what an index or slice expression applies to.
type indexed struct {
	length   int64 // an array's length, or -1
	isSlice  bool  // slicing checks the capacity
	isString bool
}

// indexedKind says what x is when indexing it may go out of range: nil
// for maps, generic functions and values without type information.
func (rw *rewriter) indexedKind(x ast.Expr) *indexed {
	tv, ok := rw.info.Types[x]
	if !ok || !tv.IsValue() {
		return nil
	}
	t := tv.Type.Underlying()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem().Underlying()
		if _, ok := t.(*types.Array); !ok {
			return nil
		}
	}
	switch t := t.(type) {
	case *types.Slice:
		return &indexed{length: -1, isSlice: true}
	case *types.Array:
		return &indexed{length: t.Len()}
	case *types.Basic:
		if t.Info()&types.IsString != 0 {
			return &indexed{length: -1, isString: true}
		}
	}
	return nil
}

func (rw *rewriter) isBuiltin(fun ast.Expr, names ...string) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok {
		return false
	}
	if _, ok := rw.info.Uses[id].(*types.Builtin); !ok {
		return false
	}
	for _, n := range names {
		if id.Name == n {
			return true
		}
	}
	return false
}

// hasBoundsCheck reports whether e holds an access that needs a check.
func (rw *rewriter) hasBoundsCheck(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IndexExpr:
			found = found || rw.indexedKind(n.X) != nil
		case *ast.SliceExpr:
			found = found || rw.indexedKind(n.X) != nil
		}
		return !found
	})
	return found
}

// bound is one comparison of a check: x, of type t, must be below limit
// (at most limit when inclusive), of type limitT, or the panic reports
// code, x and limit. A nil type is int.
type bound struct {
	code      int
	x         ast.Expr
	t         types.Type
	limit     ast.Expr
	limitT    types.Type
	inclusive bool
	nonNeg    bool // x is known not to be negative
}

// typeOf is e's type for a bound: int for constants and the unknown.
func (rw *rewriter) typeOf(e ast.Expr) types.Type {
	if tv, ok := rw.info.Types[e]; ok && tv.Value == nil && tv.Type != nil {
		if _, ok := tv.Type.Underlying().(*types.Basic); ok {
			return tv.Type
		}
	}
	return types.Typ[types.Int]
}

// check adds the check of an index expression.
func (w *boundsWalk) check(e *ast.IndexExpr) {
	rw := w.rw
	k := rw.indexedKind(e.X)
	if w.facts.inRange[e] {
		return
	}
	itv, ok := rw.info.Types[e.Index]
	if !ok {
		return
	}
	if itv.Value != nil && k.length >= 0 {
		return // the compiler checked it
	}
	if itv.Value != nil && k.isString {
		if xtv := rw.info.Types[e.X]; xtv.Value != nil {
			return // both constant: checked by the compiler
		}
	}
	t := rw.typeOf(e.Index)
	nonNeg := w.facts.nonNeg[e] || itv.Value != nil
	if w.hoist && rw.pureExpr(e.Index) && (k.length >= 0 || rw.pureExpr(e.X)) {
		x := cloneExpr(e.Index)
		if _, simple := ast.Unparen(e.Index).(*ast.Ident); !simple && itv.Value == nil {
			// A computed index is computed once, into a variable the
			// check and the access share.
			tmp := rw.name("index")
			*w.temps = append(*w.temps, &ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(tmp)}, Type: rw.typeExpr(t)})
			w.pre = append(w.pre, &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(tmp)}, Tok: token.ASSIGN, Rhs: []ast.Expr{e.Index}})
			e.Index, x = ast.NewIdent(tmp), ast.NewIdent(tmp)
		}
		b := bound{code: boundsIndex, x: x, t: t, limit: rw.lengthOf(e.X, k, false), nonNeg: nonNeg}
		w.pre = append(w.pre, boundsIf([]bound{b}))
		return
	}
	if k.length < 0 && !rw.pureExpr(e.X) {
		return // the length would need x twice; left to the interpreter
	}
	// func(i T, n int) T { check; return i }(index, length)
	b := bound{code: boundsIndex, x: ast.NewIdent("i"), t: t, limit: ast.NewIdent("n"), nonNeg: nonNeg}
	lit := &ast.FuncLit{
		Type: &ast.FuncType{
			Params: &ast.FieldList{List: []*ast.Field{
				{Names: []*ast.Ident{ast.NewIdent("i")}, Type: rw.typeExpr(t)},
				{Names: []*ast.Ident{ast.NewIdent("n")}, Type: ast.NewIdent("int")},
			}},
			Results: &ast.FieldList{List: []*ast.Field{{Type: rw.typeExpr(t)}}},
		},
		Body: &ast.BlockStmt{List: []ast.Stmt{boundsIf([]bound{b}), &ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent("i")}}}},
	}
	e.Index = &ast.CallExpr{Fun: lit, Args: []ast.Expr{e.Index, rw.lengthOf(e.X, k, false)}}
}

// sliceOperands are the values a slice expression's checks compare.
type sliceOperands struct {
	low, high, max    ast.Expr // nil when not given
	lowT, highT, maxT types.Type
	capacity, length  ast.Expr // cap(x) (len for strings and arrays) and len(x)
	isSlice, slice3   bool
}

// checkSlice adds the checks of a slice expression, in Go's order.
func (w *boundsWalk) checkSlice(e *ast.SliceExpr) {
	rw := w.rw
	k := rw.indexedKind(e.X)
	if k.isString && e.Slice3 {
		return // not valid Go
	}
	given := []ast.Expr{}
	for _, x := range []ast.Expr{e.Low, e.High, e.Max} {
		if x == nil {
			continue
		}
		tv, ok := rw.info.Types[x]
		if !ok {
			return
		}
		if tv.Value == nil || k.length < 0 {
			given = append(given, x)
		}
	}
	if len(given) == 0 && (k.length >= 0 || e.Low == nil && e.High == nil) {
		return // constant indices into an array: checked by the compiler
	}
	needX := k.length < 0
	o := sliceOperands{
		capacity: rw.lengthOf(e.X, k, k.isSlice),
		length:   rw.lengthOf(e.X, k, false),
		isSlice:  k.isSlice,
		slice3:   e.Slice3,
	}
	set := func(x ast.Expr, dst *ast.Expr, t *types.Type) {
		if x != nil {
			*dst, *t = x, rw.typeOf(x)
		}
	}
	set(e.Low, &o.low, &o.lowT)
	set(e.High, &o.high, &o.highT)
	set(e.Max, &o.max, &o.maxT)
	pure := !needX || rw.pureExpr(e.X)
	for _, x := range []ast.Expr{e.Low, e.High, e.Max} {
		pure = pure && (x == nil || rw.pureExpr(x))
	}
	if w.hoist && pure {
		c := o
		for _, x := range []*ast.Expr{&c.low, &c.high, &c.max} {
			if *x != nil {
				*x = cloneExpr(*x)
			}
		}
		w.pre = append(w.pre, boundsIf(sliceBounds(c)))
		return
	}
	// In place: the last index given becomes a call that checks all of
	// them and returns it; the indices before it are evaluated twice.
	var last *ast.Expr
	switch {
	case e.Max != nil:
		last = &e.Max
	case e.High != nil:
		last = &e.High
	case e.Low != nil:
		last = &e.Low
	default:
		return
	}
	if needX && !rw.pureExpr(e.X) {
		return
	}
	for _, x := range []*ast.Expr{&e.Low, &e.High} {
		if *x != nil && x != last && !rw.pureExpr(*x) {
			return
		}
	}
	// func(c, n int, x0 L, x1 H, x2 M) M { checks; return x2 }(...)
	p := o
	params := []*ast.Field{
		{Names: []*ast.Ident{ast.NewIdent("c"), ast.NewIdent("n")}, Type: ast.NewIdent("int")},
	}
	args := []ast.Expr{o.capacity, o.length}
	p.capacity, p.length = ast.NewIdent("c"), ast.NewIdent("n")
	var result types.Type
	for i, op := range []struct {
		src *ast.Expr
		dst *ast.Expr
		t   types.Type
	}{{&e.Low, &p.low, o.lowT}, {&e.High, &p.high, o.highT}, {&e.Max, &p.max, o.maxT}} {
		if *op.src == nil {
			continue
		}
		name := fmt.Sprintf("x%d", i)
		params = append(params, &ast.Field{Names: []*ast.Ident{ast.NewIdent(name)}, Type: rw.typeExpr(op.t)})
		if op.src == last {
			args = append(args, *op.src)
			result = op.t
		} else {
			args = append(args, cloneExpr(*op.src))
		}
		*op.dst = ast.NewIdent(name)
	}
	var resultName string
	switch last {
	case &e.Max:
		resultName = "x2"
	case &e.High:
		resultName = "x1"
	default:
		resultName = "x0"
	}
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{List: params}, Results: &ast.FieldList{List: []*ast.Field{{Type: rw.typeExpr(result)}}}},
		Body: &ast.BlockStmt{List: []ast.Stmt{boundsIf(sliceBounds(p)), &ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent(resultName)}}}},
	}
	*last = &ast.CallExpr{Fun: lit, Args: args}
}

// sliceBounds lists the comparisons Go makes for a slice expression, in
// its order.
func sliceBounds(o sliceOperands) []bound {
	withLen := func(slice3 bool) int {
		switch {
		case o.isSlice && slice3:
			return boundsSlice3Acap
		case o.isSlice:
			return boundsSliceAcap
		case slice3:
			return boundsSlice3Alen
		}
		return boundsSliceAlen
	}
	var out []bound
	if o.slice3 {
		out = append(out,
			bound{code: withLen(true), x: o.max, t: o.maxT, limit: o.capacity, inclusive: true},
			bound{code: boundsSlice3B, x: o.high, t: o.highT, limit: cloneExpr(o.max), limitT: o.maxT, inclusive: true})
		if o.low != nil {
			out = append(out, bound{code: boundsSlice3C, x: o.low, t: o.lowT, limit: cloneExpr(o.high), limitT: o.highT, inclusive: true})
		}
		return out
	}
	high, highT := o.length, types.Type(nil)
	if o.high != nil {
		out = append(out, bound{code: withLen(false), x: o.high, t: o.highT, limit: o.capacity, inclusive: true})
		high, highT = cloneExpr(o.high), o.highT
	}
	if o.low != nil {
		out = append(out, bound{code: boundsSliceB, x: o.low, t: o.lowT, limit: high, limitT: highT, inclusive: true})
	}
	return out
}

// lengthOf is len(x), or cap(x) when capacity is set, or an array's
// constant length.
func (rw *rewriter) lengthOf(x ast.Expr, k *indexed, capacity bool) ast.Expr {
	if k.length >= 0 {
		return &ast.BasicLit{Kind: token.INT, Value: fmt.Sprint(k.length)}
	}
	fn := "len"
	if capacity {
		fn = "cap"
	}
	return &ast.CallExpr{Fun: ast.NewIdent(fn), Args: []ast.Expr{cloneExpr(x)}}
}

func isPlainInt(t types.Type) bool {
	return t == nil || types.Identical(t, types.Typ[types.Int]) || types.Identical(t, types.Typ[types.UntypedInt])
}

func isUnsigned(t types.Type) bool {
	b, ok := t.(*types.Basic)
	if t != nil {
		b, ok = t.Underlying().(*types.Basic)
	}
	return ok && b.Info()&types.IsUnsigned != 0
}

// outOfRange is the condition under which b fails. Plain ints compare as
// they are; other integer types through int64, or uint64 when unsigned
// (the limit is then known not to be negative).
func outOfRange(b bound) ast.Expr {
	x, limit := b.x, b.limit
	op := token.GEQ
	if b.inclusive {
		op = token.GTR
	}
	conv := func(name string, e ast.Expr) ast.Expr {
		return &ast.CallExpr{Fun: ast.NewIdent(name), Args: []ast.Expr{e}}
	}
	switch {
	case isPlainInt(b.t) && isPlainInt(b.limitT):
	case isUnsigned(b.t):
		return &ast.BinaryExpr{X: conv("uint64", x), Op: op, Y: conv("uint64", limit)}
	default:
		x, limit = conv("int64", x), conv("int64", limit)
	}
	cmp := &ast.BinaryExpr{X: x, Op: op, Y: limit}
	if b.nonNeg || isUnsigned(b.t) {
		return cmp
	}
	neg := &ast.BinaryExpr{X: cloneExpr(x), Op: token.LSS, Y: &ast.BasicLit{Kind: token.INT, Value: "0"}}
	return &ast.BinaryExpr{X: neg, Op: token.LOR, Y: cmp}
}

// boundsIf is the statement that makes the comparisons in order.
func boundsIf(bounds []bound) ast.Stmt {
	var first, last *ast.IfStmt
	for _, b := range bounds {
		s := &ast.IfStmt{Cond: outOfRange(b), Body: &ast.BlockStmt{List: []ast.Stmt{boundsPanic(b)}}}
		if first == nil {
			first = s
		} else {
			last.Else = s
		}
		last = s
	}
	return first
}

// boundsPanic raises Go's runtime error for a failed bound.
func boundsPanic(b bound) ast.Stmt {
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: ast.NewIdent("panic"), Args: []ast.Expr{
		&ast.CallExpr{
			Fun:  &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("BoundsError")},
			Args: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: fmt.Sprint(b.code)}, cloneExpr(b.x), cloneExpr(b.limit)},
		},
	}}}
}

// pureExpr reports whether e may be evaluated twice with the same result
// and no effect: variables, fields, constants, arithmetic, len and cap,
// conversions.
func (rw *rewriter) pureExpr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return rw.pureExpr(e.X)
	case *ast.SelectorExpr:
		if s, ok := rw.info.Selections[e]; ok {
			return s.Kind() == types.FieldVal && rw.pureExpr(e.X)
		}
		_, isPkg := ast.Unparen(e.X).(*ast.Ident)
		return isPkg // a package's variable or constant
	case *ast.StarExpr:
		return rw.pureExpr(e.X)
	case *ast.UnaryExpr:
		return e.Op != token.ARROW && rw.pureExpr(e.X)
	case *ast.BinaryExpr:
		return rw.pureExpr(e.X) && rw.pureExpr(e.Y)
	case *ast.IndexExpr:
		return rw.pureExpr(e.X) && rw.pureExpr(e.Index)
	case *ast.CallExpr:
		tv, ok := rw.info.Types[e.Fun]
		if !(ok && tv.IsType()) && !rw.isBuiltin(e.Fun, "len", "cap") {
			return false
		}
		for _, a := range e.Args {
			if !rw.pureExpr(a) {
				return false
			}
		}
		return true
	}
	return false
}

// cloneExpr copies an expression pureExpr accepts, without positions, so
// that it can be printed a second time.
func cloneExpr(e ast.Expr) ast.Expr {
	switch e := e.(type) {
	case *ast.Ident:
		return ast.NewIdent(e.Name)
	case *ast.BasicLit:
		return &ast.BasicLit{Kind: e.Kind, Value: e.Value}
	case *ast.ParenExpr:
		return &ast.ParenExpr{X: cloneExpr(e.X)}
	case *ast.SelectorExpr:
		return &ast.SelectorExpr{X: cloneExpr(e.X), Sel: ast.NewIdent(e.Sel.Name)}
	case *ast.StarExpr:
		return &ast.StarExpr{X: cloneExpr(e.X)}
	case *ast.UnaryExpr:
		return &ast.UnaryExpr{Op: e.Op, X: cloneExpr(e.X)}
	case *ast.BinaryExpr:
		return &ast.BinaryExpr{X: cloneExpr(e.X), Op: e.Op, Y: cloneExpr(e.Y)}
	case *ast.IndexExpr:
		return &ast.IndexExpr{X: cloneExpr(e.X), Index: cloneExpr(e.Index)}
	case *ast.CallExpr:
		args := make([]ast.Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = cloneExpr(a)
		}
		return &ast.CallExpr{Fun: cloneExpr(e.Fun), Args: args}
	case *ast.ArrayType:
		return &ast.ArrayType{Len: cloneExpr(e.Len), Elt: cloneExpr(e.Elt)}
	case *ast.MapType:
		return &ast.MapType{Key: cloneExpr(e.Key), Value: cloneExpr(e.Value)}
	case *ast.ChanType:
		return &ast.ChanType{Dir: e.Dir, Value: cloneExpr(e.Value)}
	case *ast.Ellipsis:
		return &ast.Ellipsis{Elt: cloneExpr(e.Elt)}
	}
	return e // types the cell spells some other way: shared
}

// boundsFacts finds the index expressions under root that loops keep in
// range: in
//
//	for i := range s { ... s[i] ... }
//	for i := 0; i < len(s); i++ { ... s[i] ... }
//
// s[i] cannot fail when the body changes neither i nor s, and s is a
// variable of the enclosing function (a call could change a package's).
// An index counted up from zero is also known not to be negative.
func (rw *rewriter) boundsFacts(root ast.Node) *boundsFacts {
	f := &boundsFacts{inRange: map[*ast.IndexExpr]bool{}, nonNeg: map[*ast.IndexExpr]bool{}}
	ast.Inspect(root, func(n ast.Node) bool {
		var index *types.Var
		var over ast.Expr // the expression whose length bounds the index
		var body *ast.BlockStmt
		switch n := n.(type) {
		case *ast.RangeStmt:
			id, ok := n.Key.(*ast.Ident)
			if !ok || n.Tok != token.DEFINE {
				return true
			}
			index, _ = rw.info.Defs[id].(*types.Var)
			if k := rw.indexedKind(n.X); k != nil && !k.isString {
				over = n.X
			}
			body = n.Body
		case *ast.ForStmt:
			index, over = rw.countingLoop(n)
			body = n.Body
		default:
			return true
		}
		if index == nil || rw.changedIn(body, index, nil) {
			return true
		}
		overVar := rw.lengthKeeper(over, body)
		ast.Inspect(body, func(m ast.Node) bool {
			ix, ok := m.(*ast.IndexExpr)
			if !ok {
				return true
			}
			id, ok := ast.Unparen(ix.Index).(*ast.Ident)
			if !ok || rw.info.Uses[id] != index {
				return true
			}
			f.nonNeg[ix] = true
			if overVar != nil && rw.sameVariable(ix.X, over) {
				f.inRange[ix] = true
			}
			return true
		})
		return true
	})
	return f
}

// countingLoop recognises for i := c; i < len(s); i++ with a constant
// c >= 0; over is nil when the condition is not i < len(s).
func (rw *rewriter) countingLoop(n *ast.ForStmt) (*types.Var, ast.Expr) {
	init, ok := n.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return nil, nil
	}
	id, ok := init.Lhs[0].(*ast.Ident)
	if !ok {
		return nil, nil
	}
	v, _ := rw.info.Defs[id].(*types.Var)
	if v == nil || !types.Identical(v.Type(), types.Typ[types.Int]) {
		return nil, nil
	}
	tv, ok := rw.info.Types[init.Rhs[0]]
	if !ok || tv.Value == nil || constant.Sign(tv.Value) < 0 {
		return nil, nil
	}
	post, ok := n.Post.(*ast.IncDecStmt)
	if !ok || post.Tok != token.INC {
		return nil, nil
	}
	if pid, ok := ast.Unparen(post.X).(*ast.Ident); !ok || rw.info.Uses[pid] != v {
		return nil, nil
	}
	cond, ok := n.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.LSS {
		return v, nil
	}
	if cid, ok := ast.Unparen(cond.X).(*ast.Ident); !ok || rw.info.Uses[cid] != v {
		return v, nil
	}
	call, ok := ast.Unparen(cond.Y).(*ast.CallExpr)
	if !ok || !rw.isBuiltin(call.Fun, "len") || len(call.Args) != 1 {
		return v, nil
	}
	if k := rw.indexedKind(call.Args[0]); k == nil || k.isString {
		return v, nil
	}
	return v, call.Args[0]
}

// lengthKeeper returns the variable over names when indexing it in body
// keeps its length: an array, or a local slice variable body does not
// change.
func (rw *rewriter) lengthKeeper(over ast.Expr, body ast.Node) *types.Var {
	id, ok := ast.Unparen(over).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := rw.info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	if _, isArray := v.Type().Underlying().(*types.Array); isArray {
		return v
	}
	if v.Parent() == nil || v.Pkg() == nil || rw.changedIn(body, v, nil) {
		return nil
	}
	if v.Parent() == v.Pkg().Scope() && rw.callsCellCode(body) {
		return nil // a cell's variable: a function of the cell may change it
	}
	return v
}

// callsCellCode reports whether body may call a function of the cell:
// anything but builtins, conversions and compiled functions and methods.
func (rw *rewriter) callsCellCode(body ast.Node) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if tv, ok := rw.info.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
			return true
		}
		var obj types.Object
		switch fun := ast.Unparen(call.Fun).(type) {
		case *ast.Ident:
			obj = rw.info.Uses[fun]
		case *ast.SelectorExpr:
			obj = rw.info.Uses[fun.Sel]
		}
		if f, ok := obj.(*types.Func); !ok || f.Pkg() == nil || f.Pkg().Path() == "main" {
			found = true
		}
		return !found
	})
	return found
}

// sameVariable reports whether x names the same variable as over.
func (rw *rewriter) sameVariable(x, over ast.Expr) bool {
	a, ok1 := ast.Unparen(x).(*ast.Ident)
	b, ok2 := ast.Unparen(over).(*ast.Ident)
	return ok1 && ok2 && rw.info.Uses[a] != nil && rw.info.Uses[a] == rw.info.Uses[b]
}
