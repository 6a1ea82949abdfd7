package rewrite

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"goconc/kernel/symbols"
)

// The interpreter asserts a value to an interface the cell declares only
// when the value carries the interpreter's own record of its type, which
// a value stored straight into an interface{} lacks, and which no value
// of a compiled type (time.Duration, *os.PathError, a runtime error) ever
// has: x.(Named) and x.(interface{ Error() string }) are false, or panic.
// Assertions to concrete types work, and so does converting a value of
// a concrete type to the interface. So an assertion to a cell's
// interface becomes a type switch over the concrete types that implement
// it, which go/types lists:
//
//	v, ok := x.(Shape)
//
// becomes
//
//	v, ok := func(x any) (Shape, bool) {
//		switch v := x.(type) {
//		case Square:
//			return v, true
//		case time.Duration: // when it has Shape's methods
//			return v, true
//		}
//		return nil, false
//	}(x)
//
// The candidates are the cell's types (declared at package level or
// visible where the assertion is), the exported types of the imported
// packages, the runtime's error type, and compiled interfaces that
// include the methods (error, fmt.Stringer), which also catch values of
// unexported compiled types. A value of a type outside these (a compiled
// type of a package no cell imports) is not found.

// mostCandidates bounds the cases of one assertion.
const mostCandidates = 400

// runtimeErrorType names the runtime's error type in cells.
const runtimeErrorType = "RuntimeError"

// goRuntimeErrorType names runtime.Error in cells.
const goRuntimeErrorType = "GoRuntimeError"

// assertions rewrites the assertions to cell interfaces under root,
// which is not itself one of them.
func (rw *rewriter) assertions(root ast.Node) {
	var found, betweenInterfaces, fromEmpty, exact, underlying []*ast.TypeAssertExpr
	var switches []*ast.TypeSwitchStmt
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.TypeSwitchStmt:
			if rw.switchNeedsRewrite(n) {
				switches = append(switches, n)
			} else {
				rw.bindTypeSwitch(n)
			}
		case *ast.TypeAssertExpr:
			if n.Type != nil && rw.typeParam(n.Type) {
				// The interpreter asserts to the type argument of each
				// instance, which none of the rewrites below knows.
				break
			}
			if n.Type != nil && rw.cellInterface(n.Type) != nil {
				found = append(found, n)
			} else if n.Type != nil && rw.bareProneAssertion(n) {
				exact = append(exact, n)
			} else if n.Type != nil && len(rw.shadowingTypes(rw.info.TypeOf(n.X), rw.info.TypeOf(n.Type), n.Pos())) > 0 {
				underlying = append(underlying, n)
			} else if n.Type != nil && rw.cellError(n.Type) {
				n.X = &ast.CallExpr{Fun: ast.NewIdent(concreteFunc), Args: []ast.Expr{n.X}}
			} else if n.Type != nil && rw.interfaceToInterface(n) {
				betweenInterfaces = append(betweenInterfaces, n)
			} else if n.Type != nil && rw.emptyToInterface(n) {
				fromEmpty = append(fromEmpty, n)
			}
		}
		return true
	})
	for _, ta := range found {
		rw.rewriteAssertion(root, ta)
	}
	for _, ta := range exact {
		replaceExpr(root, ta, rw.exactAssertion(ta, rw.commaOK(root, ta)))
	}
	for _, ta := range underlying {
		xt, t := rw.info.TypeOf(ta.X), rw.info.TypeOf(ta.Type)
		call := rw.underlyingAssertion(ta.X, xt, t, rw.shadowingTypes(xt, t, ta.Pos()), rw.commaOK(root, ta))
		call.Lparen, call.Rparen = ta.Pos(), ta.End()
		replaceExpr(root, ta, call)
	}
	for _, ta := range betweenInterfaces {
		if !rw.commaOK(root, ta) {
			continue
		}
		// The type switch over the candidates finds the cells' types
		// too; where they are too many, a nil guard at least keeps a
		// nil value from crashing.
		if call := rw.assertCall(ta.X, rw.info.Types[ta.Type].Type, ta.Pos(), true); call != nil {
			replaceExpr(root, ta, call)
		} else {
			replaceExpr(root, ta, nilGuardedAssertion(ta))
		}
	}
	for _, ta := range fromEmpty {
		// The type switch over the candidates finds the cells' types
		// too, which the interpreter's assertion misses.
		commaOK := rw.commaOK(root, ta)
		target := rw.info.Types[ta.Type].Type.Underlying().(*types.Interface)
		if target.NumMethods() == 0 {
			replaceExpr(root, ta, rw.nilCheckedAssertion(ta, commaOK))
		} else if call := rw.assertCall(ta.X, rw.info.Types[ta.Type].Type, ta.Pos(), commaOK); call != nil {
			replaceExpr(root, ta, call)
		} else {
			replaceExpr(root, ta, rw.nilCheckedAssertion(ta, commaOK))
		}
	}
	for _, s := range switches {
		rw.rewriteTypeSwitch(root, s)
	}
}

// typeParam reports whether t names a type parameter, x.(T) in a
// generic function: go/types calls it an interface (its constraint's),
// but each instance asserts to its own type argument.
func (rw *rewriter) typeParam(t ast.Expr) bool {
	_, ok := rw.info.TypeOf(t).(*types.TypeParam)
	return ok
}

// emptyToInterface reports whether ta asserts a value of an empty
// interface type (any(s), recover()) to an interface: the interpreter
// dereferences nil there when the value is nil, where Go gives false or
// panics with an interface conversion error.
func (rw *rewriter) emptyToInterface(ta *ast.TypeAssertExpr) bool {
	n, ok := rw.operandMethods(ta)
	return ok && n == 0
}

// operandMethods reports whether ta asserts a value of an interface type
// to an interface, and how many methods the value's type has.
func (rw *rewriter) operandMethods(ta *ast.TypeAssertExpr) (int, bool) {
	target, ok := rw.info.Types[ta.Type]
	if !ok || !target.IsType() || !types.IsInterface(target.Type) {
		return 0, false
	}
	x, ok := rw.info.Types[ta.X]
	if !ok || x.Type == nil {
		return 0, false
	}
	iface, ok := x.Type.Underlying().(*types.Interface)
	if !ok {
		return 0, false
	}
	return iface.NumMethods(), true
}

// nilCheckedAssertion builds, for x.(I) with x of an empty interface type,
//
//	func(goconc_x any) (I, bool) {
//		if goconc_x == nil {
//			return nil, false
//		}
//		goconc_v, goconc_ok := goconc_x.(I)
//		return goconc_v, goconc_ok
//	}(x)
//
// or, with one result, a function that panics as Go does on nil; to an
// empty interface, a non-nil x is the result as it is. x is the argument,
// evaluated by the caller: recover() stays in the deferred function that
// calls it.
func (rw *rewriter) nilCheckedAssertion(ta *ast.TypeAssertExpr, commaOK bool) ast.Expr {
	x, v, ok := ast.NewIdent("goconc_x"), ast.NewIdent("goconc_v"), ast.NewIdent("goconc_ok")
	isNil := &ast.BinaryExpr{X: x, Op: token.EQL, Y: ast.NewIdent("nil")}
	target := rw.info.Types[ta.Type].Type
	// Every non-nil value is of an empty interface type, which the
	// interpreter's assertion does not know.
	empty := target.Underlying().(*types.Interface).NumMethods() == 0
	var assert ast.Expr = &ast.TypeAssertExpr{X: x, Type: ta.Type, Lparen: ta.Lparen, Rparen: ta.Rparen}
	if empty {
		assert = x
	}
	results := []*ast.Field{{Type: ta.Type}}
	var body []ast.Stmt
	if commaOK {
		results = append(results, &ast.Field{Type: ast.NewIdent("bool")})
		found := []ast.Stmt{
			&ast.AssignStmt{Lhs: []ast.Expr{v, ok}, Tok: token.DEFINE, Rhs: []ast.Expr{assert}},
			&ast.ReturnStmt{Results: []ast.Expr{v, ok}},
		}
		if empty {
			found = []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{x, ast.NewIdent("true")}}}
		}
		body = append([]ast.Stmt{
			&ast.IfStmt{Cond: isNil, Body: &ast.BlockStmt{List: []ast.Stmt{
				&ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent("nil"), ast.NewIdent("false")}},
			}}},
		}, found...)
	} else {
		body = []ast.Stmt{
			&ast.IfStmt{Cond: isNil, Body: &ast.BlockStmt{List: []ast.Stmt{
				&ast.ExprStmt{X: &ast.CallExpr{Fun: ast.NewIdent("panic"), Args: []ast.Expr{
					rw.rtCall("AssertionError", ast.NewIdent("nil"), strLit(""), strLit(runtimeTypeString(target)), strLit("")),
				}}},
			}}},
			&ast.ReturnStmt{Results: []ast.Expr{assert}},
		}
	}
	fn := &ast.FuncLit{
		Type: &ast.FuncType{
			Params:  &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{x}, Type: ast.NewIdent("any")}}},
			Results: &ast.FieldList{List: results},
		},
		Body: &ast.BlockStmt{List: body},
	}
	return &ast.CallExpr{Fun: fn, Args: []ast.Expr{ta.X}}
}

// A value of a basic type in an empty interface passes the interpreter's
// assertion to a cell's type with methods and that underlying type:
//
//	type Celsius float64
//	func (c Celsius) String() string { ... }
//	var f any = 21.5
//	c, ok := f.(Celsius)
//
// gave 21.5 and true, and f.(Celsius) did not panic. A type switch that
// binds no variable tells the two apart (by the interpreter's record of
// the value's type, which a bare float64 lacks), so the assertion asks
// one first:
//
//	func(x any) (Celsius, bool) {
//		switch goconc_concrete(x).(type) {
//		case Celsius:
//			v, _ := goconc_concrete(x).(Celsius)
//			return v, true
//		}
//		var zero Celsius
//		return zero, false
//	}(f)
//
// With one result it panics with Go's message (cellrt.ConversionError).

// bareProneAssertion reports whether ta asserts a value of an empty
// interface type, or of a cell's interface type, to a cell's type with
// methods and a basic underlying type, or another that isBareProne. An
// interface with methods takes a value of another type with the same
// underlying type and methods too: s.(U) was true for s holding a T,
// both string types with String.
func (rw *rewriter) bareProneAssertion(ta *ast.TypeAssertExpr) bool {
	t := rw.info.TypeOf(ta.Type)
	if t == nil || !isBareProne(t) {
		return false
	}
	xt := rw.info.TypeOf(ta.X)
	if xt == nil {
		return false
	}
	i, ok := xt.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	if n, named := types.Unalias(xt).(*types.Named); named && i.NumMethods() > 0 {
		return cellInterface(n)
	}
	return i.NumMethods() == 0
}

// The other way round, a value of such a type passes the interpreter's
// assertion to its underlying type: var g any = Celsius(3); g.(float64)
// gave 3 and true. An assertion of a value of an empty interface to a
// basic or function type, or a pointer to one, that visible cell types
// with methods have underneath asks first whether the value is of one
// of those types:
//
//	func(x any) (float64, bool) {
//		switch goconc_concrete(x).(type) {
//		case Celsius:
//			var zero float64
//			return zero, false
//		}
//		v, ok := x.(float64)
//		return v, ok
//	}(g)

// shadowingTypes returns the names of the visible cell types with
// methods (isBareProne), or pointers to them, whose values the
// interpreter's assertion of a value of type xt to t, at pos, takes for
// values of t.
func (rw *rewriter) shadowingTypes(xt, t types.Type, pos token.Pos) []shadowingType {
	if t == nil || xt == nil {
		return nil
	}
	if i, ok := xt.Underlying().(*types.Interface); !ok || i.NumMethods() > 0 {
		return nil
	}
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = p.Elem(), true
	}
	switch t.(type) {
	case *types.Basic, *types.Signature, *types.Slice, *types.Map:
	default:
		return nil
	}
	scope := rw.scopeAt(pos)
	if scope == nil {
		return nil
	}
	var names []shadowingType
	for _, tn := range rw.visibleTypes(scope, pos) {
		if !isBareProne(tn.Type()) || !types.Identical(tn.Type().Underlying(), t) {
			continue
		}
		if ptr {
			names = append(names, shadowingType{"*" + tn.Name(), reflectTypeString(types.NewPointer(tn.Type()))})
		} else {
			names = append(names, shadowingType{tn.Name(), reflectTypeString(tn.Type())})
		}
		if len(names) >= mostCandidates {
			break
		}
	}
	return names
}

// A shadowingType is a type as the cell names it and as Go's messages
// name it.
type shadowingType struct{ name, goName string }

// underlyingAssertion returns the call that asserts x, of type xt, to
// t, as above, with the names shadowingTypes gave.
func (rw *rewriter) underlyingAssertion(x ast.Expr, xt, t types.Type, names []shadowingType, commaOK bool) *ast.CallExpr {
	name, xs := rw.typeString(t), rw.typeString(xt)
	xn, v, ok := rw.name("x"), rw.name("v"), rw.name("ok")
	asked := concreteFunc + "(" + xn + ")"
	if _, ptr := t.(*types.Pointer); ptr {
		// goconc_concrete gives a pointer whose type's methods have
		// value receivers back bare (cellrt's Concrete).
		asked = xn
	}
	var src string
	if commaOK {
		var cases []string
		for _, n := range names {
			cases = append(cases, n.name)
		}
		src = fmt.Sprintf("func(%s %s) (%s, bool) { switch %s.(type) { case %s: var zero %s; return zero, false }; %s, %s := %s.(%s); return %s, %s }",
			xn, xs, name, asked, strings.Join(cases, ", "), name, v, ok, xn, name, v, ok)
	} else {
		var cases strings.Builder
		for _, n := range names {
			fmt.Fprintf(&cases, " case %s: panic(%s.RuntimeError(%q));", n.name, runtimeName,
				fmt.Sprintf("interface conversion: %s is %s, not %s", reflectTypeString(xt), n.goName, reflectTypeString(t)))
		}
		src = fmt.Sprintf("func(%s %s) %s { switch %s.(type) {%s }; return %s.(%s) }",
			xn, xs, name, asked, cases.String(), xn, name)
	}
	call := &ast.CallExpr{Fun: ast.NewIdent(src), Args: []ast.Expr{x}}
	rw.info.Types[call] = types.TypeAndValue{Type: t}
	return call
}

// basicCellType reports whether name, at pos, is a cell's type with
// methods that isBareProne.
func (rw *rewriter) basicCellType(name string, pos token.Pos) bool {
	scope := rw.scopeAt(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(name, pos)
	tn, ok := obj.(*types.TypeName)
	return ok && isBareProne(tn.Type())
}

// isBareProne reports whether t is a cell's type with methods whose
// values the interpreter's assertion confuses with those of its
// underlying type, and a switch binding nothing does not: a basic,
// function, slice or map type (type Handler func(int) int, type Names
// []string: any([]string{}).(Names) was true). Struct types are told
// apart by their tags (structtags.go).
func isBareProne(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || !isCellType(n) || n.TypeParams().Len() > 0 || types.NewMethodSet(t).Len() == 0 {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Basic, *types.Signature, *types.Slice, *types.Map:
		return true
	}
	return false
}

// exactAssertion returns the call that replaces ta, as above.
func (rw *rewriter) exactAssertion(ta *ast.TypeAssertExpr, commaOK bool) ast.Expr {
	t, xt := rw.info.TypeOf(ta.Type), rw.info.TypeOf(ta.X)
	name, xs := rw.typeString(t), rw.typeString(xt)
	x, v := rw.name("x"), rw.name("v")
	matched := fmt.Sprintf("switch %s(%s).(type) { case %s: %s, _ := %s(%s).(%s)", concreteFunc, x, name, v, concreteFunc, x, name)
	var src string
	if commaOK {
		src = fmt.Sprintf("func(%s %s) (%s, bool) { %s; return %s, true }; var zero %s; return zero, false }",
			x, xs, name, matched, v, name)
	} else if typeName := rw.typeNameFunc(ta.Pos()); typeName != "" {
		// The message names the value's type as %T does: a value of a
		// cell's type reaches ConversionError as its underlying value.
		src = fmt.Sprintf("func(%[1]s %[2]s) %[3]s { %[4]s; return %[5]s }; held := %[6]s(%[1]s); if held == \"<nil>\" { held = \"nil\" }; panic(%[7]s.RuntimeError(%[8]q + held + %[9]q)) }",
			x, xs, name, matched, v, typeName, runtimeName,
			"interface conversion: "+reflectTypeString(xt)+" is ", ", not "+reflectTypeString(t))
	} else {
		src = fmt.Sprintf("func(%s %s) %s { %s; return %s }; panic(%s.ConversionError(%s, %q, %q)) }",
			x, xs, name, matched, v, runtimeName, x, reflectTypeString(xt), reflectTypeString(t))
	}
	call := &ast.CallExpr{Fun: ast.NewIdent(src), Lparen: ta.Pos(), Args: []ast.Expr{ta.X}, Rparen: ta.End()}
	rw.info.Types[call] = types.TypeAndValue{Type: t}
	return call
}

// interfaceToInterface reports whether ta asserts a value of a non-empty
// interface type to another interface: the interpreter dereferences nil
// there when the value is a nil interface, where Go gives false, and
// finds no methods but Error on a cell's error.
func (rw *rewriter) interfaceToInterface(ta *ast.TypeAssertExpr) bool {
	n, ok := rw.operandMethods(ta)
	return ok && n > 0
}

// nilGuardedAssertion builds, for a comma-ok x.(I),
//
//	func() (I, bool) {
//		if x := x; x != nil {
//			v, ok := goconc_concrete(x).(I)
//			return v, ok
//		}
//		return nil, false
//	}()
//
// which evaluates x once, and asserts the cell's own value where x holds
// a cell's error in its wrapper (cellrt's errors.go). Only a value of a non-empty interface type
// comes here, never recover()'s, which must stay in the deferred
// function that calls it.
func nilGuardedAssertion(ta *ast.TypeAssertExpr) ast.Expr {
	x, v, ok := ast.NewIdent("goconc_x"), ast.NewIdent("goconc_v"), ast.NewIdent("goconc_ok")
	body := []ast.Stmt{
		&ast.IfStmt{
			Init: &ast.AssignStmt{Lhs: []ast.Expr{x}, Tok: token.DEFINE, Rhs: []ast.Expr{ta.X}},
			Cond: &ast.BinaryExpr{X: x, Op: token.NEQ, Y: ast.NewIdent("nil")},
			Body: &ast.BlockStmt{List: []ast.Stmt{
				&ast.AssignStmt{Lhs: []ast.Expr{v, ok}, Tok: token.DEFINE,
					Rhs: []ast.Expr{&ast.TypeAssertExpr{X: &ast.CallExpr{Fun: ast.NewIdent(concreteFunc), Args: []ast.Expr{x}}, Type: ta.Type, Lparen: ta.Lparen, Rparen: ta.Rparen}}},
				&ast.ReturnStmt{Results: []ast.Expr{v, ok}},
			}},
		},
		&ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent("nil"), ast.NewIdent("false")}},
	}
	fn := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{
			{Type: ta.Type}, {Type: ast.NewIdent("bool")},
		}}},
		Body: &ast.BlockStmt{List: body},
	}
	return &ast.CallExpr{Fun: fn}
}

// assertionStmts rewrites the assertions in a list of statements.
func (rw *rewriter) assertionStmts(stmts []ast.Stmt) []ast.Stmt {
	block := &ast.BlockStmt{List: stmts}
	rw.assertions(block)
	return block.List
}

// cellInterface returns the interface a type expression denotes when the
// interpreter treats it as its own: a non-empty interface declared in the
// cell, named or literal.
func (rw *rewriter) cellInterface(typ ast.Expr) *types.Interface {
	tv, ok := rw.info.Types[typ]
	if !ok || !tv.IsType() {
		return nil
	}
	iface, ok := tv.Type.Underlying().(*types.Interface)
	if !ok || iface.NumMethods() == 0 {
		return nil
	}
	switch t := types.Unalias(tv.Type).(type) {
	case *types.Named:
		if !isCellType(t) {
			// The interpreter asserts compiled values to error, and
			// fails for some of the cells' own.
			if t != types.Universe.Lookup("error").Type() || !rw.cellTypesImplement(iface) {
				return nil
			}
		} else if t.TypeArgs().Len() > 0 {
			return nil
		}
	case *types.Interface:
		if _, isLit := ast.Unparen(typ).(*ast.InterfaceType); !isLit {
			return nil
		}
	default:
		return nil
	}
	return iface
}

// rewriteAssertion replaces ta by a call of its type switch: with two
// results where ta is assigned with comma-ok, one otherwise.
func (rw *rewriter) rewriteAssertion(root ast.Node, ta *ast.TypeAssertExpr) {
	target := rw.info.Types[ta.Type].Type
	commaOK := rw.commaOK(root, ta)
	call := rw.assertCall(ta.X, target, ta.Pos(), commaOK)
	if call == nil {
		return
	}
	replaceExpr(root, ta, call)
}

// commaOK reports whether ta is the right side of a v, ok assignment.
func (rw *rewriter) commaOK(root ast.Node, ta *ast.TypeAssertExpr) bool {
	found := false
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			found = found || len(n.Lhs) == 2 && len(n.Rhs) == 1 && ast.Unparen(n.Rhs[0]) == ta
		case *ast.ValueSpec:
			found = found || len(n.Names) == 2 && len(n.Values) == 1 && ast.Unparen(n.Values[0]) == ta
		}
		return !found
	})
	return found
}

// assertCall builds func(x any) (I, bool) { switch ... }(x), or with a
// single result that panics as Go does when nothing matches.
func (rw *rewriter) assertCall(x ast.Expr, target types.Type, pos token.Pos, commaOK bool) ast.Expr {
	cell, compiled, ok := rw.assertCandidates(target, pos)
	if !ok {
		return nil
	}
	// Comma-ok assertions to concrete types, one after the other: the
	// interpreter's type switch fails on some values these handle. First,
	// a cell's error that came wrapped (cellrt's errors.go) is unwrapped; any
	// other x is left as it is, since a value passed to compiled code and
	// back loses the interpreter's record of its type.
	body := []ast.Stmt{&ast.IfStmt{
		Init: &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("v"), ast.NewIdent("ok")}, Tok: token.DEFINE,
			Rhs: []ast.Expr{rw.rtCall("Concrete", ast.NewIdent("x"))}},
		Cond: ast.NewIdent("ok"),
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("x")}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent("v")}}}},
	}}
	assertion := func(typ ast.Expr, then []ast.Stmt) ast.Stmt {
		return &ast.IfStmt{
			Init: &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("v"), ast.NewIdent("ok")}, Tok: token.DEFINE,
				Rhs: []ast.Expr{&ast.TypeAssertExpr{X: ast.NewIdent("x"), Type: typ}}},
			Cond: ast.NewIdent("ok"),
			Body: &ast.BlockStmt{List: then},
		}
	}
	test := func(typ ast.Expr, then []ast.Stmt) { body = append(body, assertion(typ, then)) }
	ret := func(e ast.Expr) []ast.Expr {
		if commaOK {
			return []ast.Expr{e, ast.NewIdent("true")}
		}
		return []ast.Expr{e}
	}
	for _, c := range cell {
		then := []ast.Stmt{&ast.ReturnStmt{Results: ret(ast.NewIdent("v"))}}
		if id, ok := c.(*ast.Ident); ok && rw.basicCellType(id.Name, pos) {
			// A bare value of the underlying type passes the assertion
			// (bareProneAssertion); a switch binding nothing does not.
			body = append(body, &ast.TypeSwitchStmt{
				Assign: &ast.ExprStmt{X: &ast.TypeAssertExpr{X: ast.NewIdent("x")}},
				Body:   &ast.BlockStmt{List: []ast.Stmt{&ast.CaseClause{List: []ast.Expr{c}, Body: []ast.Stmt{assertion(c, then)}}}},
			})
			continue
		}
		test(c, then)
	}
	if len(compiled) > 0 {
		// The compiled candidates are many; the runtime first tells
		// whether the value is of a compiled type with the methods.
		args := []ast.Expr{ast.NewIdent("x")}
		for _, m := range strings.Fields(firstMethod(target)) {
			args = append(args, strLit(m))
		}
		var tests []ast.Stmt
		for _, c := range compiled {
			tests = append(tests, assertion(c, []ast.Stmt{&ast.ReturnStmt{Results: ret(ast.NewIdent("v"))}}))
		}
		body = append(body, &ast.IfStmt{Cond: rw.rtCall("HasMethods", args...), Body: &ast.BlockStmt{List: tests}})
	}
	results := []*ast.Field{{Type: rw.typeExpr(target)}}
	if commaOK {
		results = append(results, &ast.Field{Type: ast.NewIdent("bool")})
		body = append(body, &ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent("nil"), ast.NewIdent("false")}})
	} else {
		// The cell's own types that lack a method are named here, for
		// the message; the runtime names compiled ones.
		for _, c := range rw.nonImplementers(target, pos) {
			test(c.typ, []ast.Stmt{
				useVar("v"),
				&ast.ExprStmt{X: &ast.CallExpr{Fun: ast.NewIdent("panic"), Args: []ast.Expr{
					rw.rtCall("AssertionError", ast.NewIdent("x"), strLit(c.name), strLit(runtimeTypeString(target)), strLit(c.missing)),
				}}},
			})
		}
		body = append(body, &ast.ExprStmt{X: &ast.CallExpr{Fun: ast.NewIdent("panic"), Args: []ast.Expr{
			rw.rtCall("AssertionError", ast.NewIdent("x"), strLit(""), strLit(runtimeTypeString(target)), strLit(firstMethod(target))),
		}}})
	}
	lit := &ast.FuncLit{
		Type: &ast.FuncType{
			Params:  &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{ast.NewIdent("x")}, Type: ast.NewIdent("any")}}},
			Results: &ast.FieldList{List: results},
		},
		Body: &ast.BlockStmt{List: body},
	}
	return &ast.CallExpr{Fun: lit, Args: []ast.Expr{x}}
}

func strLit(s string) ast.Expr {
	return &ast.BasicLit{Kind: token.STRING, Value: fmt.Sprintf("%q", s)}
}

// cellTypesImplement reports whether a type the cells declare at package
// level, or a pointer to one, implements iface.
func (rw *rewriter) cellTypesImplement(iface *types.Interface) bool {
	for _, tn := range rw.visibleTypes(rw.mainPackageScope(), token.NoPos) {
		if !types.IsInterface(tn.Type()) && (types.Implements(tn.Type(), iface) || types.Implements(types.NewPointer(tn.Type()), iface)) {
			return true
		}
	}
	return false
}

// assertCandidates lists, as type expressions for the position pos, the
// types whose values satisfy target: the cell's concrete types, and the
// compiled ones, concrete types first, then interfaces. It reports false
// when the scope is not known.
func (rw *rewriter) assertCandidates(target types.Type, pos token.Pos) (cell, compiled []ast.Expr, ok bool) {
	iface := target.Underlying().(*types.Interface)
	scope := rw.scopeAt(pos)
	if scope == nil {
		return nil, nil, false
	}
	var ifaces []ast.Expr
	seen := map[types.Type]bool{}
	add := func(t types.Type, expr func() ast.Expr, list *[]ast.Expr) {
		if seen[t] || len(cell)+len(compiled)+len(ifaces) >= mostCandidates {
			return
		}
		seen[t] = true
		if _, isIface := t.Underlying().(*types.Interface); isIface {
			// Only compiled interfaces: the interpreter's assertion
			// to its own is what fails.
			if list == &compiled && types.Implements(t, iface) {
				ifaces = append(ifaces, expr())
			}
			return
		}
		if types.Implements(t, iface) {
			*list = append(*list, expr())
		}
		if types.Implements(types.NewPointer(t), iface) {
			*list = append(*list, &ast.StarExpr{X: expr()})
		}
	}
	for _, tn := range rw.visibleTypes(scope, pos) {
		name := tn.Name()
		add(tn.Type(), func() ast.Expr { return ast.NewIdent(name) }, &cell)
	}
	if _, named := types.Unalias(target).(*types.Named); named && !isCellType(target) {
		// A compiled interface: the interpreter asserts compiled
		// values to it.
		return cell, []ast.Expr{rw.typeExpr(target)}, true
	}
	if rw.runtimeErrorImplements(iface) {
		compiled = append(compiled, &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent(runtimeErrorType)})
		// The Go runtime's own errors are of unexported types: its
		// interface finds them where the program does not import it.
		ifaces = append(ifaces, &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent(goRuntimeErrorType)})
	}
	add(types.Universe.Lookup("error").Type(), func() ast.Expr { return ast.NewIdent("error") }, &compiled)
	if main := rw.mainPackage(); main != nil {
		for _, pkg := range main.Imports() {
			if !rw.packageNameFree(scope, pos, pkg) {
				continue
			}
			for _, name := range pkg.Scope().Names() {
				tn, ok := pkg.Scope().Lookup(name).(*types.TypeName)
				if !ok || !tn.Exported() || isGenericType(tn.Type()) {
					continue
				}
				if _, linked := symbols.Symbols[pkg.Path()+"/"+pkg.Name()][name]; !linked {
					continue // the interpreter could not name it
				}
				add(tn.Type(), func() ast.Expr { return rw.typeExpr(tn.Type()) }, &compiled)
			}
		}
	}
	return cell, append(compiled, ifaces...), true
}

// scopeAt is the innermost scope around pos.
func (rw *rewriter) scopeAt(pos token.Pos) *types.Scope {
	main := rw.mainPackage()
	if main == nil {
		return nil
	}
	// Scopes around pos nest: the innermost starts last.
	var best *types.Scope
	for _, s := range rw.info.Scopes {
		if s.Pos().IsValid() && s.Pos() <= pos && pos < s.End() && (best == nil || s.Pos() > best.Pos()) {
			best = s
		}
	}
	if best == nil {
		return main.Scope()
	}
	return best
}

func (rw *rewriter) mainPackage() *types.Package {
	for _, obj := range rw.info.Defs {
		if obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == "main" {
			return obj.Pkg()
		}
	}
	return nil
}

// visibleTypes lists the cell's non-generic named types that pos sees,
// innermost first.
func (rw *rewriter) visibleTypes(scope *types.Scope, pos token.Pos) []*types.TypeName {
	var out []*types.TypeName
	shadowed := map[string]bool{}
	for s := scope; s != nil && s != types.Universe; s = s.Parent() {
		for _, name := range s.Names() {
			if shadowed[name] {
				continue
			}
			obj := s.Lookup(name)
			if s != rw.mainPackageScope() && obj.Pos() > pos {
				continue // declared later in the block
			}
			shadowed[name] = true
			tn, ok := obj.(*types.TypeName)
			if !ok || tn.IsAlias() || isGenericType(tn.Type()) || strings.HasPrefix(name, "goconc_") {
				continue
			}
			out = append(out, tn)
		}
	}
	return out
}

func (rw *rewriter) mainPackageScope() *types.Scope {
	if m := rw.mainPackage(); m != nil {
		return m.Scope()
	}
	return nil
}

// packageNameFree reports whether pkg's types can be named at pos: no
// variable or type of the cell hides the name it is imported under.
func (rw *rewriter) packageNameFree(scope *types.Scope, pos token.Pos, pkg *types.Package) bool {
	name := rw.qualify(pkg)
	_, obj := scope.LookupParent(name, pos)
	if obj == nil {
		return true
	}
	_, isPkg := obj.(*types.PkgName)
	return isPkg
}

func isGenericType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.TypeParams().Len() > 0
}

// runtimeErrorImplements reports whether the runtime's error type, with
// methods Error() string and RuntimeError(), satisfies iface.
func (rw *rewriter) runtimeErrorImplements(iface *types.Interface) bool {
	errorSig := types.NewSignatureType(nil, nil, nil, nil, types.NewTuple(types.NewVar(token.NoPos, nil, "", types.Typ[types.String])), false)
	markerSig := types.NewSignatureType(nil, nil, nil, nil, nil, false)
	for i := range iface.NumMethods() {
		m := iface.Method(i)
		switch m.Name() {
		case "Error":
			if !types.Identical(m.Type(), errorSig) {
				return false
			}
		case "RuntimeError":
			if !types.Identical(m.Type(), markerSig) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// nonImplementer is a cell type that lacks a method of an interface.
type nonImplementer struct {
	typ     ast.Expr
	name    string // as Go prints it
	missing string
}

// nonImplementers lists the cell's types that do not satisfy target,
// for the message of a failed assertion.
func (rw *rewriter) nonImplementers(target types.Type, pos token.Pos) []nonImplementer {
	iface := target.Underlying().(*types.Interface)
	scope := rw.scopeAt(pos)
	if scope == nil {
		return nil
	}
	var out []nonImplementer
	for _, tn := range rw.visibleTypes(scope, pos) {
		if _, isIface := tn.Type().Underlying().(*types.Interface); isIface {
			continue
		}
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if m, _ := types.MissingMethod(t, iface, true); m != nil {
				var e ast.Expr = ast.NewIdent(tn.Name())
				if _, ok := t.(*types.Pointer); ok {
					e = &ast.StarExpr{X: e}
				}
				out = append(out, nonImplementer{typ: e, name: runtimeTypeString(t), missing: m.Name()})
			}
			if len(out) >= mostCandidates {
				return out
			}
		}
	}
	return out
}

// firstMethod lists the names of target's methods, in Go's order.
func firstMethod(target types.Type) string {
	iface := target.Underlying().(*types.Interface)
	var names []string
	for i := range iface.NumMethods() {
		names = append(names, iface.Method(i).Name())
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

// runtimeTypeString spells t as the Go runtime prints it in messages.
func runtimeTypeString(t types.Type) string {
	switch t := types.Unalias(t).(type) {
	case *types.Interface:
		if t.NumMethods() == 0 {
			return "interface {}"
		}
		var ms []string
		for i := range t.NumMethods() {
			m := t.Method(i)
			sig := types.TypeString(m.Type(), (*types.Package).Name)
			ms = append(ms, m.Name()+strings.TrimPrefix(sig, "func"))
		}
		sort.Strings(ms)
		return "interface { " + strings.Join(ms, "; ") + " }"
	case *types.Pointer:
		return "*" + runtimeTypeString(t.Elem())
	}
	return types.TypeString(t, (*types.Package).Name)
}

// switchNeedsRewrite reports whether a type switch has a case that is a
// cell's interface, or, when it binds a variable, a cell's struct type
// with methods: a value of it passed to a function's any parameter
// carries the interpreter's record of the caller's expression, which its
// switch with a variable then misses (an assertion finds it).
func (rw *rewriter) switchNeedsRewrite(s *ast.TypeSwitchStmt) bool {
	_, binds := s.Assign.(*ast.AssignStmt)
	for _, c := range s.Body.List {
		for _, e := range c.(*ast.CaseClause).List {
			if rw.cellInterface(e) != nil || rw.cellError(e) {
				return true
			}
			if base, ok := rw.cellConcrete(e); binds && ok && isStruct(base) && hasMethods(base) {
				return true
			}
		}
	}
	return false
}

// hasMethods reports whether t or *t has methods.
func hasMethods(t types.Type) bool {
	return types.NewMethodSet(types.NewPointer(t)).Len() > 0
}

// rewriteTypeSwitch turns a type switch with a case of a cell's interface
// into a switch on the number of the case that matches, found in Go's
// order, each case binding its variable itself:
//
//	switch v := x.(type) { case A: ...; case Shape: ...; default: ... }
//
// becomes
//
//	switch goconc_x := x; func() int {
//		if _, ok := goconc_x.(A); ok { return 0 }
//		if _, ok := <Shape's assertion>(goconc_x); ok { return 1 }
//		return -1
//	}() {
//	case 0: v := goconc_x.(A); ...
//	case 1: v, _ := <Shape's assertion>(goconc_x); ...
//	default: v := goconc_x; ...
//	}
//
// break and labels keep their meaning: the statement is still a switch.
func (rw *rewriter) rewriteTypeSwitch(root ast.Node, s *ast.TypeSwitchStmt) {
	var bound *ast.Ident // v in v := x.(type)
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.AssignStmt:
		bound = a.Lhs[0].(*ast.Ident)
		x = a.Rhs[0].(*ast.TypeAssertExpr).X
	case *ast.ExprStmt:
		x = a.X.(*ast.TypeAssertExpr).X
	default:
		return
	}
	xt := rw.info.Types[x].Type
	if xt == nil {
		return
	}
	val := rw.name("x")
	var tests []ast.Stmt
	var clauses []ast.Stmt
	var deflt *ast.CaseClause
	for i, c := range s.Body.List {
		cc := c.(*ast.CaseClause)
		if cc.List == nil {
			deflt = cc
			continue
		}
		label := &ast.BasicLit{Kind: token.INT, Value: fmt.Sprint(i)}
		for _, e := range cc.List {
			test := rw.caseTest(val, xt, e, label)
			if test == nil {
				return
			}
			tests = append(tests, test)
		}
		body := cc.Body
		if bound != nil && bound.Name != "_" {
			body = append([]ast.Stmt{rw.caseBinding(bound.Name, val, cc), useVar(bound.Name)}, body...)
		}
		clauses = append(clauses, &ast.CaseClause{Case: cc.Case, List: []ast.Expr{label}, Colon: cc.Colon, Body: body})
	}
	if deflt != nil {
		body := deflt.Body
		if bound != nil && bound.Name != "_" {
			body = append([]ast.Stmt{rw.caseBinding(bound.Name, val, deflt), useVar(bound.Name)}, body...)
		}
		clauses = append(clauses, &ast.CaseClause{Case: deflt.Case, Colon: deflt.Colon, Body: body})
	}
	tests = append(tests, &ast.ReturnStmt{Results: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: "-1"}, ast.NewIdent(val)}})
	// The interpreter mistakes a switch whose tag is a call of a
	// function literal; the case number goes through a variable.
	which := rw.name("case")
	init := &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(which), ast.NewIdent(val)}, Tok: token.DEFINE, Rhs: []ast.Expr{
		&ast.CallExpr{
			Fun: &ast.FuncLit{
				Type: &ast.FuncType{
					Params:  &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{ast.NewIdent(val)}, Type: rw.typeExpr(xt)}}},
					Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("int")}, {Type: rw.typeExpr(xt)}}},
				},
				Body: &ast.BlockStmt{List: tests},
			},
			Args: []ast.Expr{x},
		},
	}}
	tag := ast.NewIdent(which)
	var stmts []ast.Stmt
	if s.Init != nil {
		stmts = append(stmts, s.Init)
	}
	sw := &ast.SwitchStmt{Switch: s.Switch, Init: init, Tag: tag, Body: &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: clauses, Rbrace: s.Body.Rbrace}}
	var out ast.Stmt = sw
	if s.Init != nil {
		// switch init; v := x.(type): the init's variables stay in a
		// block around the switch.
		out = &ast.BlockStmt{List: append(stmts, sw)}
	}
	replaceStmt(root, s, out)
}

// caseTest returns from the function that finds the matching case with
// label when case e of a type switch on the variable val, of type xt,
// matches.
func (rw *rewriter) caseTest(val string, xt types.Type, e ast.Expr, label ast.Expr) ast.Stmt {
	tv, ok := rw.info.Types[e]
	if !ok {
		return nil
	}
	found := &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{label, ast.NewIdent(val)}}}}
	if tv.IsNil() {
		return &ast.IfStmt{Cond: &ast.BinaryExpr{X: ast.NewIdent(val), Op: token.EQL, Y: ast.NewIdent("nil")}, Body: found}
	}
	if isEmptyInterface(tv.Type) && !isTypeParam(tv.Type) {
		// case any matches every value but nil; the interpreter's
		// assertion to an empty interface misses values.
		return &ast.IfStmt{Cond: &ast.BinaryExpr{X: ast.NewIdent(val), Op: token.NEQ, Y: ast.NewIdent("nil")}, Body: found}
	}
	var assert ast.Expr
	if rw.cellInterface(e) != nil {
		assert = rw.assertCall(ast.NewIdent(val), tv.Type, e.Pos(), true)
		if assert == nil {
			return nil
		}
	} else if base, ok := rw.cellConcrete(e); ok && !isStruct(base) {
		// A switch of one case: an assertion to a cell's type is true
		// for any value of its underlying type. Struct types are told
		// apart by their tags (structtags.go).
		sw := &ast.TypeSwitchStmt{
			Assign: &ast.ExprStmt{X: &ast.TypeAssertExpr{X: rw.concreteValue(ast.NewIdent(val), e)}},
			Body:   &ast.BlockStmt{List: []ast.Stmt{&ast.CaseClause{List: []ast.Expr{e}, Body: found.List}}},
		}
		if test := rw.wrappedPointerTest(val, tv.Type, found); test != nil {
			return &ast.BlockStmt{List: []ast.Stmt{sw, test}}
		}
		return sw
	} else if names := rw.shadowingTypes(xt, tv.Type, e.Pos()); len(names) > 0 {
		// case float64 takes a Celsius (underlyingAssertion).
		assert = rw.underlyingAssertion(ast.NewIdent(val), xt, tv.Type, names, true)
	} else {
		assert = rw.concreteAssert(ast.NewIdent(val), e)
	}
	return &ast.IfStmt{
		Init: &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("_"), ast.NewIdent("ok")}, Tok: token.DEFINE, Rhs: []ast.Expr{assert}},
		Cond: ast.NewIdent("ok"),
		Body: found,
	}
}

// wrappedPointerTest returns, for t a cell's type whose methods have
// value receivers and whose underlying type is not a struct (Celsius of
// type Celsius float64), or a pointer to one, the test that matches the
// interpreter's wrapper of such a value in a compiled interface: in
//
//	var s fmt.Stringer = &c
//	switch s.(type) { case *Celsius: ... }
//
// the wrapper gives back the bare *float64 (or float64 for c), which a
// type switch's case *Celsius misses (an assertion takes it). The
// wrapper still names its type, which the test compares, with the
// value's underlying type:
//
//	if goconc_rt.TypeName(x) == "*main.Celsius" { if _, ok := goconc_concrete(x).(*float64); ok { return 1, x } }
func (rw *rewriter) wrappedPointerTest(val string, t types.Type, found *ast.BlockStmt) ast.Stmt {
	elem, star := t, ""
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		elem, star = p.Elem(), "*"
	}
	base, ok := types.Unalias(elem).(*types.Named)
	if !ok || isStruct(base) {
		return nil
	}
	if _, self := selfReceiver(base); !self {
		return nil
	}
	under, err := parser.ParseExpr(star + rw.typeString(base.Underlying()))
	if err != nil {
		return nil
	}
	assert := &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("_"), ast.NewIdent("ok")}, Tok: token.DEFINE,
		Rhs: []ast.Expr{&ast.TypeAssertExpr{X: &ast.CallExpr{Fun: ast.NewIdent(concreteFunc), Args: []ast.Expr{ast.NewIdent(val)}}, Type: under}}}
	return &ast.IfStmt{
		Cond: &ast.BinaryExpr{X: rw.rtCall("TypeName", ast.NewIdent(val)), Op: token.EQL,
			Y: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(reflectTypeString(t))}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.IfStmt{Init: assert, Cond: ast.NewIdent("ok"), Body: found}}},
	}
}

// bindTypeSwitch gives a type switch with a case of a cell's struct type
// a variable if it has none: without one, the interpreter matches no
// value of a cell type that has no methods. With one, it compares
// run-time types, which tags keep apart for struct types only
// (structtags.go): a float64 would match a case of a cell's
// "type Celsius float64", so a switch with such a case is left alone.
func (rw *rewriter) bindTypeSwitch(s *ast.TypeSwitchStmt) {
	es, ok := s.Assign.(*ast.ExprStmt)
	if !ok {
		return
	}
	structs := false
	for _, c := range s.Body.List {
		for _, e := range c.(*ast.CaseClause).List {
			base, ok := rw.cellConcrete(e)
			if !ok {
				continue
			}
			if !isStruct(base) {
				return
			}
			structs = true
		}
	}
	if !structs {
		return
	}
	v := rw.name("v")
	s.Assign = &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(v)}, Tok: token.DEFINE, Rhs: []ast.Expr{es.X}}
	for _, c := range s.Body.List {
		cc := c.(*ast.CaseClause)
		cc.Body = append([]ast.Stmt{useVar(v)}, cc.Body...)
	}
}

// cellError reports whether a type expression denotes a cell's concrete
// type with methods (an Error method, a String method...), or a pointer
// to one. A value of it in an interface may be the interpreter's wrapper
// for a compiled interface, which an assertion to the type must look
// through (cellrt's errors.go; selfMethods).
func (rw *rewriter) cellError(typ ast.Expr) bool {
	base, ok := rw.cellConcrete(typ)
	if !ok {
		return false
	}
	_, self := selfReceiver(base)
	return self
}

// concreteAssert asserts x to the type typ, through a wrapper when typ
// is a cell's error type.
func (rw *rewriter) concreteAssert(x ast.Expr, typ ast.Expr) ast.Expr {
	return &ast.TypeAssertExpr{X: rw.concreteValue(x, typ), Type: typ}
}

// concreteValue is x, or the cell's value in it when typ is a cell's
// error type and x may be its wrapper.
func (rw *rewriter) concreteValue(x ast.Expr, typ ast.Expr) ast.Expr {
	if rw.cellError(typ) {
		return &ast.CallExpr{Fun: ast.NewIdent(concreteFunc), Args: []ast.Expr{x}}
	}
	return x
}

// cellConcrete returns the cell's concrete type a type expression
// denotes, or the one it points to, and whether it is one.
func (rw *rewriter) cellConcrete(typ ast.Expr) (types.Type, bool) {
	tv, ok := rw.info.Types[typ]
	if !ok || !tv.IsType() || types.IsInterface(tv.Type) {
		return nil, false
	}
	base := tv.Type
	if p, ok := base.(*types.Pointer); ok {
		base = p.Elem()
	}
	return base, isCellType(base)
}

func isStruct(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// caseBinding defines the switch's variable in a clause: of the case's
// type when it lists one type, of x's type otherwise.
func (rw *rewriter) caseBinding(name, val string, cc *ast.CaseClause) ast.Stmt {
	define := func(rhs ...ast.Expr) ast.Stmt {
		lhs := []ast.Expr{ast.NewIdent(name)}
		if len(rhs) == 1 && len(lhs) == 1 {
			return &ast.AssignStmt{Lhs: lhs, Tok: token.DEFINE, Rhs: rhs}
		}
		return nil
	}
	if len(cc.List) == 1 {
		e := cc.List[0]
		tv := rw.info.Types[e]
		switch {
		case tv.IsNil():
		case isEmptyInterface(tv.Type) && !isTypeParam(tv.Type):
			// case any: the value, converted (caseTest).
			return define(&ast.CallExpr{Fun: &ast.ParenExpr{X: e}, Args: []ast.Expr{ast.NewIdent(val)}})
		case rw.cellInterface(e) != nil:
			return &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(name), ast.NewIdent("_")}, Tok: token.DEFINE,
				Rhs: []ast.Expr{rw.assertCall(ast.NewIdent(val), tv.Type, e.Pos(), true)}}
		default:
			return define(rw.concreteAssert(ast.NewIdent(val), e))
		}
	}
	return define(ast.NewIdent(val))
}

// useVar is _ = name: a switch variable unused in one clause is no error.
func useVar(name string) ast.Stmt {
	return &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("_")}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent(name)}}
}

// replaceExpr puts repl where old is under root.
func replaceExpr(root ast.Node, old, repl ast.Expr) {
	replaceNode(root, old, repl)
}

// replaceStmt puts repl where old is under root.
func replaceStmt(root ast.Node, old, repl ast.Stmt) {
	replaceNode(root, old, repl)
}

// replaceNode sets every field or list element under root that holds old
// to repl.
func replaceNode(root ast.Node, old, repl ast.Node) {
	oldV := reflect.ValueOf(old)
	replV := reflect.ValueOf(repl)
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		v := reflect.ValueOf(n)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return true
		}
		st := v.Elem()
		for i := range st.NumField() {
			f := st.Field(i)
			switch f.Kind() {
			case reflect.Interface, reflect.Pointer:
				if !f.IsNil() && f.Interface() == old && replV.Type().AssignableTo(f.Type()) {
					f.Set(replV)
				}
			case reflect.Slice:
				for j := range f.Len() {
					e := f.Index(j)
					if (e.Kind() == reflect.Interface || e.Kind() == reflect.Pointer) && !e.IsNil() && e.Interface() == oldV.Interface() && replV.Type().AssignableTo(e.Type()) {
						e.Set(replV)
					}
				}
			}
		}
		return true
	})
}
