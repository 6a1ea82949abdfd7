package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// A value of a cell type with methods compared with an interface. The
// interpreter keeps such a value in an interface together with the node
// of the program that converted it, and == compares those nodes too: with
//
//	type State int
//	func (s State) String() string { ... }
//	var s any = Running
//
// s == Running was false, and so was a switch on s with case Running. The
// comparison asserts the interface to the concrete type instead, which
// gives the value itself:
//
//	func(x any, y State) bool { v, ok := x.(State); return ok && v == y }(s, Running)
//
// with the operands in their own order, each evaluated once.
//
// Two interfaces compared with each other (var a, b any = Running,
// Running; a == b) are unequal for the same reason. Where a cell's type
// with methods that both interfaces admit is in scope, the comparison
// finds such a value on each side and compares the values, on one line:
//
//	func(x any, y fmt.Stringer) bool {
//		switch goconc_concrete(x).(type) {
//		case State:
//			v, _ := goconc_concrete(x).(State)
//			if w, ok := goconc_concrete(y).(State); ok { return v == w }
//			return false
//		}
//		return x == y
//	}(a, b)
//
// Values of other types compare as before. An interface parameter holds
// the record of the caller's expression, which goconc_concrete opens. A
// bare value of the underlying type (an int in an any) passes the
// interpreter's assertion to State, so an empty interface is asked with
// a type switch, which binds no variable: the interpreter's binding
// loses the value's type.

// interfaceComparisons rewrites the comparisons under root as above.
func (rw *rewriter) interfaceComparisons(root ast.Node) ast.Node {
	var walk func(n ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		eachChild(n, walk)
		b, ok := n.(*ast.BinaryExpr)
		if !ok || (b.Op != token.EQL && b.Op != token.NEQ) {
			return n
		}
		tx, ty := rw.info.TypeOf(b.X), rw.info.TypeOf(b.Y)
		if isInterfaceOperand(tx) && isInterfaceOperand(ty) {
			return rw.interfacesComparison(b, tx, ty)
		}
		if c := rw.compiledInCellInterface(b, tx, ty); c != nil {
			return c
		}
		ifaceLeft := isInterfaceOperand(tx) && isWrappedInInterfaces(ty)
		if !ifaceLeft && !(isInterfaceOperand(ty) && isWrappedInInterfaces(tx)) {
			return n
		}
		concrete := ty
		if !ifaceLeft {
			concrete = tx
		}
		x, y, v, found := rw.name("x"), rw.name("y"), rw.name("v"), rw.name("ok")
		ix, cy := x, y // the names of the interface and of the concrete value
		params := []*ast.Field{
			{Names: []*ast.Ident{ast.NewIdent(x)}, Type: rw.typeExpr(tx)},
			{Names: []*ast.Ident{ast.NewIdent(y)}, Type: rw.typeExpr(ty)},
		}
		if !ifaceLeft {
			ix, cy = y, x
		}
		body := []ast.Stmt{
			&ast.AssignStmt{
				Lhs: []ast.Expr{ast.NewIdent(v), ast.NewIdent(found)}, Tok: token.DEFINE,
				Rhs: []ast.Expr{&ast.TypeAssertExpr{X: ast.NewIdent(ix), Type: rw.typeExpr(concrete)}},
			},
			&ast.ReturnStmt{Results: []ast.Expr{&ast.BinaryExpr{
				X: ast.NewIdent(found), Op: token.LAND,
				Y: &ast.BinaryExpr{X: ast.NewIdent(v), Op: token.EQL, Y: ast.NewIdent(cy)},
			}}},
		}
		lit := &ast.FuncLit{
			Type: &ast.FuncType{Func: b.Pos(), Params: &ast.FieldList{List: params},
				Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("bool")}}}},
			Body: &ast.BlockStmt{Lbrace: b.Pos(), List: body, Rbrace: b.End()},
		}
		var eq ast.Expr = &ast.CallExpr{Fun: lit, Lparen: b.OpPos, Args: []ast.Expr{b.X, b.Y}, Rparen: b.End()}
		if b.Op == token.NEQ {
			eq = &ast.UnaryExpr{OpPos: b.OpPos, Op: token.NOT, X: eq}
		}
		rw.info.Types[eq] = types.TypeAndValue{Type: types.Typ[types.Bool]}
		return eq
	}
	return walk(root)
}

// interfacesComparison returns the comparison b of two interfaces, of
// types tx and ty, rewritten as above, or b itself when no cell type
// with methods that both admit is in scope.
func (rw *rewriter) interfacesComparison(b *ast.BinaryExpr, tx, ty types.Type) ast.Expr {
	ix, iy := tx.Underlying().(*types.Interface), ty.Underlying().(*types.Interface)
	if ix == nil || iy == nil {
		return b
	}
	scope := rw.scopeAt(b.Pos())
	if scope == nil {
		return b
	}
	x, y, v, w := rw.name("x"), rw.name("y"), rw.name("v"), rw.name("w")
	var src strings.Builder
	fmt.Fprintf(&src, "func(%s %s, %s %s) bool {", x, rw.typeString(tx), y, rw.typeString(ty))
	cases := 0
	for _, tn := range rw.visibleTypes(scope, b.Pos()) {
		t := tn.Type()
		if !isWrappedInInterfaces(t) || !types.Implements(t, ix) || !types.Implements(t, iy) {
			continue
		}
		yHolds := heldAs(y, w, tn.Name(), fmt.Sprintf("return %s == %s", v, w), "return false", iy)
		src.WriteString(" " + heldAs(x, v, tn.Name(), yHolds, "", ix))
		cases++
		if cases >= mostCandidates {
			break
		}
	}
	cellIface := isCellMethodInterface(tx) || isCellMethodInterface(ty)
	if cases == 0 && !cellIface {
		return b // blankfields.go compares values with blank fields
	}
	blanks, _ := rw.blankCases(x, y, ix, iy, scope, b.Pos()) // blankfields.go
	src.WriteString(blanks)
	if cellIface {
		// A value of a compiled type (*bytes.Buffer) is kept in a
		// cell's interface with the interpreter's record of its type,
		// and in others bare: the values are compared.
		fmt.Fprintf(&src, " return %s == %s || %s.Unboxed(%s) == %s.Unboxed(%s) }", x, y, runtimeName, x, runtimeName, y)
	} else {
		fmt.Fprintf(&src, " return %s == %s }", x, y)
	}
	var eq ast.Expr = &ast.CallExpr{Fun: ast.NewIdent(src.String()), Lparen: b.OpPos, Args: []ast.Expr{b.X, b.Y}, Rparen: b.End()}
	if b.Op == token.NEQ {
		eq = &ast.UnaryExpr{OpPos: b.OpPos, Op: token.NOT, X: eq}
	}
	rw.info.Types[eq] = types.TypeAndValue{Type: types.Typ[types.Bool]}
	return eq
}

// isCellMethodInterface reports whether t is an interface type with
// methods that a cell declares.
func isCellMethodInterface(t types.Type) bool {
	if t == nil {
		return false
	}
	i, ok := t.Underlying().(*types.Interface)
	return ok && i.NumMethods() > 0 && isCellInterface(t)
}

// compiledInCellInterface returns the comparison b of a value of a cell's
// interface type with one of a compiled concrete type, rewritten to
// compare the interface's value, or nil for other comparisons:
//
//	func(x Writer, y *bytes.Buffer) bool { return goconc_concrete(x) == any(y) }(w, buf)
//
// The interface keeps the value with the interpreter's record of its
// type, and the bare pointer was unequal to it.
func (rw *rewriter) compiledInCellInterface(b *ast.BinaryExpr, tx, ty types.Type) ast.Expr {
	iface, other := tx, ty
	if !isCellMethodInterface(iface) {
		iface, other = ty, tx
	}
	if !isCellMethodInterface(iface) || other == nil || types.IsInterface(other) || !types.Comparable(other) {
		return nil
	}
	if tv := rw.info.Types[b.X]; tv.IsNil() {
		return nil
	}
	if tv := rw.info.Types[b.Y]; tv.IsNil() {
		return nil
	}
	base := other
	if p, ok := other.(*types.Pointer); ok {
		base = p.Elem()
	}
	if _, ok := types.Unalias(base).(*types.Named); !ok || isCellType(base) {
		return nil
	}
	x, y := rw.name("x"), rw.name("y")
	src := fmt.Sprintf("func(%s %s, %s %s) bool { return %s.Unboxed(%s) == %s.Unboxed(%s) }",
		x, rw.typeString(tx), y, rw.typeString(ty), runtimeName, x, runtimeName, y)
	var eq ast.Expr = &ast.CallExpr{Fun: ast.NewIdent(src), Lparen: b.OpPos, Args: []ast.Expr{b.X, b.Y}, Rparen: b.End()}
	if b.Op == token.NEQ {
		eq = &ast.UnaryExpr{OpPos: b.OpPos, Op: token.NOT, X: eq}
	}
	rw.info.Types[eq] = types.TypeAndValue{Type: types.Typ[types.Bool]}
	return eq
}

// heldAs returns the statements that run then with value set to the
// value of type typ the interface variable name, of interface type i,
// holds, and otherwise after them. A bare value of the underlying type
// in an empty interface passes the interpreter's assertion to typ, so
// there a type switch tells them apart; an interface with methods holds
// no bare values.
func heldAs(name, value, typ, then, otherwise string, i *types.Interface) string {
	if i.NumMethods() == 0 {
		return fmt.Sprintf("switch %s(%s).(type) { case %s: %s, _ := %s(%s).(%s); %s }; %s",
			concreteFunc, name, typ, value, concreteFunc, name, typ, then, otherwise)
	}
	return fmt.Sprintf("if %s, ok := %s(%s).(%s); ok { %s }; %s", value, concreteFunc, name, typ, then, otherwise)
}

// isInterfaceOperand reports whether t is an interface type: an operand
// of that type is no nil.
func isInterfaceOperand(t types.Type) bool {
	return t != nil && types.IsInterface(t)
}

// isWrappedInInterfaces reports whether the interpreter keeps values of
// type t in interfaces with the node that converted them, and t is
// comparable: t is a cell type, or a pointer to one, with methods.
func isWrappedInInterfaces(t types.Type) bool {
	return t != nil && types.Comparable(t) && keepsTypeInInterfaces(t)
}

// keepsTypeInInterfaces reports whether t is a cell type, or a pointer to one,
// with methods, comparable or not (type Names []string).
func keepsTypeInInterfaces(t types.Type) bool {
	if t == nil || types.IsInterface(t) {
		return false
	}
	base := t
	if p, ok := t.(*types.Pointer); ok {
		base = p.Elem()
	}
	if !isCellType(base) {
		return false
	}
	if n, ok := types.Unalias(base).(*types.Named); ok && n.TypeParams().Len() > 0 && n.TypeArgs().Len() == 0 {
		return false
	}
	return types.NewMethodSet(t).Len() > 0
}
