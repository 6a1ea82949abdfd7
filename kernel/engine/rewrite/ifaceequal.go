package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
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
// with the operands in their own order, each evaluated once. Two
// interfaces compared with each other are left as they are.

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

// isInterfaceOperand reports whether t is an interface type: an operand
// of that type is no nil.
func isInterfaceOperand(t types.Type) bool {
	return t != nil && types.IsInterface(t)
}

// isWrappedInInterfaces reports whether the interpreter keeps values of
// type t in interfaces with the node that converted them: t is a cell
// type, or a pointer to one, with methods.
func isWrappedInInterfaces(t types.Type) bool {
	if t == nil || types.IsInterface(t) || !types.Comparable(t) {
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
