package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
)

// The interpreter gives a value of a cell's defined type with a basic
// underlying type the run-time type of that underlying type: in an
// interface, a Cents(250) of "type Cents int" is an int to type switches,
// assertions, == and %T, and any(Cents(1)) == any(1). Struct types are
// kept apart by tags (structtags.go); these cannot be. So where
// such a value of a type without methods is converted to an interface
// (assigned, passed, returned, sent, put in a composite literal or a map
// key, compared with an interface), it goes in a box that keeps its
// type:
//
//	type Cents int
//	var x any = Cents(250)
//
// becomes
//
//	type Cents int
//	type goconc_box_Cents struct{ V Cents `goconcbox:"main.Cents"` }
//	var x any = goconc_rt.Named{Type: "main.Cents", V: goconc_box_Cents{Cents(250)}}
//
// goconc_rt.Named is a compiled type that formats
// and encodes to JSON as the value would (cellrt's boxes.go). Assertions to the
// type and type switches with a case of it look inside the box. Values
// passed straight to fmt's and log's printers and to package reflect
// are not boxed: they print right as they are (and %T of them is
// rewritten, typeverb.go); reflect.TypeOf and ValueOf take boxed values
// out of their boxes. Types with methods are left alone: the
// interpreter keeps their type in its own record of the value.

// boxPrefix starts the names of the box types.
const boxPrefix = "goconc_box_"

// boxedType returns the type name of t when values of t are boxed in
// interfaces: a method-less type a cell declares with a basic underlying
// type, or a slice, array, map, pointer, channel or function type (type
// List []int, type Handler func(int)), which the interpreter loses the
// same way.
func boxedType(t types.Type) (*types.TypeName, bool) {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.TypeArgs().Len() > 0 || n.TypeParams().Len() > 0 || n.NumMethods() > 0 {
		return nil, false
	}
	obj := n.Obj()
	if obj.Pkg() == nil || obj.Pkg().Path() != "main" || obj.Parent() == nil {
		return nil, false
	}
	switch u := n.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsUntyped != 0 || u.Kind() == types.UnsafePointer {
			return nil, false
		}
	case *types.Slice, *types.Array, *types.Map, *types.Pointer, *types.Chan, *types.Signature:
	default:
		return nil, false
	}
	return obj, true
}

// boxedBasic reports whether t is a boxed type with a basic underlying
// type, whose box compiled code takes as well (it formats and encodes as
// the value would).
func boxedBasic(t types.Type) bool {
	if _, ok := boxedType(t); !ok {
		return false
	}
	_, basic := t.Underlying().(*types.Basic)
	return basic
}

// boxTypes returns the declarations of the box types for the types decls
// declare.
func (rw *rewriter) boxTypes(decls []ast.Decl) []string {
	var out []string
	for _, ts := range definedTypes(decls) {
		obj, ok := rw.info.Defs[ts.Name].(*types.TypeName)
		if !ok {
			continue
		}
		if _, ok := boxedType(obj.Type()); !ok {
			continue
		}
		out = append(out, fmt.Sprintf("type %s%s struct{ V %s `%s:%q` }", boxPrefix, obj.Name(), obj.Name(), boxTag, reflectTypeString(obj.Type())))
	}
	return out
}

// localBoxTypes adds to a type declaration inside a function the box
// types of the boxed types it declares, in place.
func (rw *rewriter) localBoxTypes(g *ast.GenDecl) {
	if g.Tok != token.TYPE {
		return
	}
	for _, spec := range g.Specs {
		ts, ok := spec.(*ast.TypeSpec)
		if !ok {
			continue
		}
		obj, ok := rw.info.Defs[ts.Name].(*types.TypeName)
		if !ok {
			continue
		}
		if _, ok := boxedType(obj.Type()); !ok {
			continue
		}
		tag := "`" + boxTag + ":" + strconv.Quote(reflectTypeString(obj.Type())) + "`"
		g.Specs = append(g.Specs, &ast.TypeSpec{
			Name: ast.NewIdent(boxPrefix + obj.Name()),
			Type: &ast.StructType{Fields: &ast.FieldList{List: []*ast.Field{{
				Names: []*ast.Ident{ast.NewIdent("V")},
				Type:  ast.NewIdent(obj.Name()),
				Tag:   &ast.BasicLit{Kind: token.STRING, Value: tag},
			}}}},
		})
	}
	if len(g.Specs) > 1 && !g.Lparen.IsValid() {
		g.Lparen, g.Rparen = g.Pos(), g.End()
	}
}

// usesBoxedTypes reports whether the cell refers to a boxed type at all,
// so that cells without one cost no walk.
func (rw *rewriter) usesBoxedTypes() bool {
	if rw.boxes == 0 {
		rw.boxes = -1
		for _, tv := range rw.info.Types {
			if tv.Type == nil {
				continue
			}
			if _, ok := boxedType(tv.Type); ok || rw.compositeOfBoxed(tv.Type) {
				rw.boxes = 1
				break
			}
		}
	}
	return rw.boxes > 0
}

// namedBasics boxes the values of boxed types converted to interfaces
// under root and unboxes them in assertions and type switches; it
// returns root or what replaces it.
func (rw *rewriter) namedBasics(root ast.Node) ast.Node {
	if !rw.usesBoxedTypes() {
		return root
	}
	var sigs []*types.Signature
	made := map[*ast.BlockStmt]bool{} // blocks made for type switches
	var walk func(n ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		rw.boxSites(n, sigs)
		var sig *types.Signature
		switch n := n.(type) {
		case *ast.FuncDecl:
			if fn, ok := rw.info.Defs[n.Name].(*types.Func); ok {
				sig = fn.Signature()
			}
		case *ast.FuncLit:
			sig, _ = rw.info.TypeOf(n).(*types.Signature)
		}
		if sig != nil {
			sigs = append(sigs, sig)
		}
		eachChild(n, walk)
		if sig != nil {
			sigs = sigs[:len(sigs)-1]
		}
		switch n := n.(type) {
		case *ast.TypeAssertExpr:
			if c := rw.unboxAssert(n, false); c != nil {
				return c
			}
		case *ast.TypeSwitchStmt:
			if b := rw.unboxSwitch(n); b != nil {
				made[b] = true
				return b
			}
		case *ast.LabeledStmt:
			// The label stays on the switch, for break and continue.
			if b, ok := n.Stmt.(*ast.BlockStmt); ok && made[b] {
				last := len(b.List) - 1
				n.Stmt = b.List[last]
				b.List[last] = n
				return b
			}
		}
		return n
	}
	return walk(root)
}

// boxSites boxes the operands n converts to interfaces; sigs are the
// signatures of the functions n is in, innermost last.
func (rw *rewriter) boxSites(n ast.Node, sigs []*types.Signature) {
	switch n := n.(type) {
	case *ast.DeclStmt:
		if g, ok := n.Decl.(*ast.GenDecl); ok {
			rw.localBoxTypes(g)
		}
	case *ast.AssignStmt:
		if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
			if ta, ok := ast.Unparen(n.Rhs[0]).(*ast.TypeAssertExpr); ok {
				if c := rw.unboxAssert(ta, true); c != nil {
					n.Rhs[0] = c
				}
			}
		}
		if (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) && len(n.Lhs) == len(n.Rhs) {
			for i := range n.Rhs {
				n.Rhs[i] = rw.boxTo(n.Rhs[i], rw.info.TypeOf(n.Lhs[i]))
			}
		}
	case *ast.ValueSpec:
		if len(n.Names) == 2 && len(n.Values) == 1 {
			if ta, ok := ast.Unparen(n.Values[0]).(*ast.TypeAssertExpr); ok {
				if c := rw.unboxAssert(ta, true); c != nil {
					n.Values[0] = c
				}
			}
		}
		if n.Type != nil {
			for i := range n.Values {
				n.Values[i] = rw.boxTo(n.Values[i], rw.info.TypeOf(n.Type))
			}
		}
	case *ast.CallExpr:
		rw.boxArgs(n)
	case *ast.ReturnStmt:
		if len(sigs) == 0 {
			return
		}
		res := sigs[len(sigs)-1].Results()
		if res.Len() != len(n.Results) {
			return
		}
		for i := range n.Results {
			n.Results[i] = rw.boxTo(n.Results[i], res.At(i).Type())
		}
	case *ast.SendStmt:
		if ch, ok := typeUnder(rw.info.TypeOf(n.Chan)).(*types.Chan); ok {
			n.Value = rw.boxTo(n.Value, ch.Elem())
		}
	case *ast.CompositeLit:
		rw.boxElements(n)
	case *ast.IndexExpr:
		if m, ok := typeUnder(rw.info.TypeOf(n.X)).(*types.Map); ok {
			n.Index = rw.boxTo(n.Index, m.Key())
		}
	case *ast.BinaryExpr:
		if n.Op == token.EQL || n.Op == token.NEQ {
			n.Y = rw.boxTo(n.Y, rw.info.TypeOf(n.X))
			n.X = rw.boxTo(n.X, rw.info.TypeOf(n.Y))
		}
	case *ast.SwitchStmt:
		if n.Tag == nil {
			return
		}
		t := rw.info.TypeOf(n.Tag)
		for _, c := range n.Body.List {
			cc := c.(*ast.CaseClause)
			for i := range cc.List {
				cc.List[i] = rw.boxTo(cc.List[i], t)
			}
		}
	}
}

// isInterfaceType reports whether t is known and an interface type.
func isInterfaceType(t types.Type) bool { return t != nil && types.IsInterface(t) }

// typeUnder is t's underlying type, or nil.
func typeUnder(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// boxArgs boxes the arguments of a call, a conversion or append that
// go to interfaces.
func (rw *rewriter) boxArgs(call *ast.CallExpr) {
	if tv, ok := rw.info.Types[call.Fun]; ok && tv.IsType() {
		if len(call.Args) == 1 {
			call.Args[0] = rw.boxTo(call.Args[0], tv.Type)
		}
		return
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := rw.info.Uses[id].(*types.Builtin); ok {
			if b.Name() == "panic" && len(call.Args) == 1 {
				call.Args[0] = rw.boxTo(call.Args[0], types.Universe.Lookup("any").Type())
			}
			if b.Name() == "append" && !call.Ellipsis.IsValid() {
				if s, ok := typeUnder(rw.info.TypeOf(call)).(*types.Slice); ok {
					for i := 1; i < len(call.Args); i++ {
						call.Args[i] = rw.boxTo(call.Args[i], s.Elem())
					}
				}
			}
			return
		}
	}
	if _, ok := rw.printerOf(call); ok {
		return
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if fn, ok := rw.info.Uses[sel.Sel].(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "reflect" {
			// reflect sees a boxed value as the interpreter gives it,
			// of the underlying type.
			if (fn.Name() == "TypeOf" || fn.Name() == "ValueOf") && len(call.Args) == 1 && isInterfaceType(rw.info.TypeOf(call.Args[0])) {
				call.Args[0] = rw.rtCall("Unboxed", call.Args[0])
			}
			return
		}
	}
	sig, ok := typeUnder(rw.info.TypeOf(call.Fun)).(*types.Signature)
	if !ok {
		return
	}
	compiled := rw.compiledCallee(call.Fun)
	params := sig.Params()
	for i := range call.Args {
		var t types.Type
		switch {
		case sig.Variadic() && i >= params.Len()-1:
			if call.Ellipsis.IsValid() {
				continue
			}
			if s, ok := params.At(params.Len() - 1).Type().Underlying().(*types.Slice); ok {
				t = s.Elem()
			}
		case i < params.Len():
			t = params.At(i).Type()
		}
		if compiled && !boxedBasic(rw.info.TypeOf(call.Args[i])) {
			continue // a composite: compiled code takes it as it is (compositebox.go)
		}
		call.Args[i] = rw.boxTo(call.Args[i], t)
	}
}

// boxElements boxes the elements, keys and fields of a composite literal
// that are of interface types.
func (rw *rewriter) boxElements(lit *ast.CompositeLit) {
	t := rw.info.TypeOf(lit)
	if p, ok := typeUnder(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := typeUnder(t).(type) {
	case *types.Slice, *types.Array:
		elem := u.(interface{ Elem() types.Type }).Elem()
		for i, e := range lit.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				kv.Value = rw.boxTo(kv.Value, elem)
				continue
			}
			lit.Elts[i] = rw.boxTo(e, elem)
		}
	case *types.Map:
		for _, e := range lit.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				kv.Key = rw.boxTo(kv.Key, u.Key())
				kv.Value = rw.boxTo(kv.Value, u.Elem())
			}
		}
	case *types.Struct:
		for i, e := range lit.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok {
					if f, ok := rw.info.Uses[id].(*types.Var); ok {
						kv.Value = rw.boxTo(kv.Value, f.Type())
					}
				}
				continue
			}
			if i < u.NumFields() {
				lit.Elts[i] = rw.boxTo(e, u.Field(i).Type())
			}
		}
	}
}

// boxTo returns e boxed when it is of a boxed type and target is an
// interface, and e otherwise.
func (rw *rewriter) boxTo(e ast.Expr, target types.Type) ast.Expr {
	if target == nil || !types.IsInterface(target) {
		return e
	}
	if _, ok := types.Unalias(target).(*types.TypeParam); ok {
		return e
	}
	t := rw.info.TypeOf(e)
	box, ok := rw.boxOf(t)
	if !ok {
		return e
	}
	return &ast.CompositeLit{
		Type: &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("Named")},
		Elts: []ast.Expr{
			&ast.KeyValueExpr{Key: ast.NewIdent("Type"), Value: strLit(reflectTypeString(t))},
			&ast.KeyValueExpr{Key: ast.NewIdent("V"), Value: &ast.CompositeLit{Type: ast.NewIdent(box), Elts: []ast.Expr{e}}},
		},
	}
}

// boxedEmptyAssert returns the boxed type ta asserts to, when it asserts
// a value of an empty interface type to one.
func (rw *rewriter) boxedAssertion(ta *ast.TypeAssertExpr) (string, types.Type, types.Type, bool) {
	if ta.Type == nil {
		return "", nil, nil, false
	}
	t := rw.info.TypeOf(ta.Type)
	box, ok := rw.boxOf(t)
	if !ok {
		return "", nil, nil, false
	}
	xt := rw.info.TypeOf(ta.X)
	if xt == nil {
		return "", nil, nil, false
	}
	if it, ok := xt.Underlying().(*types.Interface); !ok || it.NumMethods() > 0 {
		return "", nil, nil, false
	}
	return box, t, xt, true
}

// unboxAssert returns the call that replaces ta, x.(Cents), when it
// asserts to a boxed type, with two results if commaOK:
//
//	func(x any) (Cents, bool) {
//		if n, ok := x.(goconc_rt.Named); ok {
//			if b, ok := n.V.(goconc_box_Cents); ok { return b.V, true }
//		}
//		var zero Cents
//		return zero, false
//	}(x)
//
// With one result, goconc_rt.UnboxAs takes the box's struct out of x or
// panics as Go does.
func (rw *rewriter) unboxAssert(ta *ast.TypeAssertExpr, commaOK bool) ast.Expr {
	box, t, xt, ok := rw.boxedAssertion(ta)
	if !ok {
		return nil
	}
	xs, name := rw.typeString(xt), rw.typeString(t)
	if !commaOK {
		// goconc_rt.UnboxAs(x, "interface {}", "main.Cents").(goconc_box_Cents).V,
		// without a function literal, which costs the interpreter more.
		unbox := rw.rtCall("UnboxAs", ta.X, strLit(reflectTypeString(xt)), strLit(reflectTypeString(t)))
		unbox.Lparen, unbox.Rparen = ta.Pos(), ta.End()
		return &ast.SelectorExpr{X: &ast.TypeAssertExpr{X: unbox, Type: ast.NewIdent(box)}, Sel: ast.NewIdent("V")}
	}
	src := fmt.Sprintf("func(x %s) (%s, bool) { if n, ok := x.(%s.Named); ok { if b, ok := n.V.(%s); ok { return b.V, true } }; var zero %s; return zero, false }",
		xs, name, runtimeName, box, name)
	return &ast.CallExpr{Fun: ast.NewIdent(src), Lparen: ta.Pos(), Args: []ast.Expr{ta.X}, Rparen: ta.End()}
}

// unboxSwitch rewrites a type switch on a value of an empty interface
// type with a case of a boxed type into a block:
//
//	{
//		goconc_x := x
//		goconc_u := goconc_x
//		if n, ok := goconc_x.(goconc_rt.Named); ok { goconc_u = n.V }
//		switch goconc_t := goconc_u.(type) {
//		case goconc_box_Cents: v := goconc_t.V; ...
//		case int: v := goconc_t; ...
//		default: v := goconc_x; ...
//		}
//	}
//
// Cases of one concrete type bind the variable to the switch's; the
// others (several types, interfaces, default) to the value as it was.
func (rw *rewriter) unboxSwitch(s *ast.TypeSwitchStmt) *ast.BlockStmt {
	var bound *ast.Ident
	var ta *ast.TypeAssertExpr
	switch a := s.Assign.(type) {
	case *ast.AssignStmt:
		bound = a.Lhs[0].(*ast.Ident)
		ta, _ = a.Rhs[0].(*ast.TypeAssertExpr)
	case *ast.ExprStmt:
		ta, _ = a.X.(*ast.TypeAssertExpr)
	}
	if ta == nil {
		return nil
	}
	xt := rw.info.TypeOf(ta.X)
	if xt == nil {
		return nil
	}
	if it, ok := xt.Underlying().(*types.Interface); !ok || it.NumMethods() > 0 {
		return nil
	}
	boxes := false
	for _, c := range s.Body.List {
		for _, e := range c.(*ast.CaseClause).List {
			if _, ok := rw.boxOf(rw.info.TypeOf(e)); ok {
				boxes = true
			}
		}
	}
	if !boxes {
		return nil
	}
	x, u, t := rw.name("x"), rw.name("u"), rw.name("t")
	for _, c := range s.Body.List {
		cc := c.(*ast.CaseClause)
		var value string // what the case binds
		single := len(cc.List) == 1 && !isInterfaceType(rw.info.TypeOf(cc.List[0])) && !rw.isNilCase(cc.List[0])
		for i, e := range cc.List {
			if box, ok := rw.boxOf(rw.info.TypeOf(e)); ok {
				cc.List[i] = &ast.Ident{NamePos: e.Pos(), Name: box}
				value = t + ".V"
			}
		}
		switch {
		case !single:
			value = x
		case value == "":
			value = t
		}
		bind := []ast.Stmt{useVar(t)}
		if bound != nil && bound.Name != "_" {
			bind = append(bind,
				&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(bound.Name)}, Tok: token.DEFINE, Rhs: []ast.Expr{ast.NewIdent(value)}},
				useVar(bound.Name))
		}
		cc.Body = append(bind, cc.Body...)
	}
	var list []ast.Stmt
	if s.Init != nil {
		list = append(list, s.Init)
	}
	list = append(list,
		&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(x)}, Tok: token.DEFINE, Rhs: []ast.Expr{ta.X}},
		&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(u)}, Tok: token.DEFINE, Rhs: []ast.Expr{ast.NewIdent(x)}},
		&ast.IfStmt{
			Init: &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("n"), ast.NewIdent("ok")}, Tok: token.DEFINE, Rhs: []ast.Expr{&ast.TypeAssertExpr{X: ast.NewIdent(x), Type: ast.NewIdent(runtimeName + ".Named")}}},
			Cond: ast.NewIdent("ok"),
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(u)}, Tok: token.ASSIGN, Rhs: []ast.Expr{&ast.SelectorExpr{X: ast.NewIdent("n"), Sel: ast.NewIdent("V")}}}}},
		},
		useVar(x),
		&ast.TypeSwitchStmt{
			Switch: s.Switch,
			Assign: &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(t)}, Tok: token.DEFINE, Rhs: []ast.Expr{&ast.TypeAssertExpr{X: ast.NewIdent(u)}}},
			Body:   s.Body,
		},
	)
	return &ast.BlockStmt{Lbrace: s.Pos(), List: list, Rbrace: s.End()}
}

// isNilCase reports whether a case of a type switch is nil.
func (rw *rewriter) isNilCase(e ast.Expr) bool {
	tv, ok := rw.info.Types[e]
	return ok && tv.IsNil()
}
