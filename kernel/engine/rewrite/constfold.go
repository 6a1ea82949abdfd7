package rewrite

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// Go's constants are exact, whatever their size: 1<<100 > 1<<100-1 and
// 1e400 > 1e399 are true, and var f float64 = 2 * (1<<100) is 2.5e30.
// The interpreter compares constants as it compares variables, when the
// program runs, on values it first makes int64 or float64, and it gives
// an integer constant beyond int64 (1<<100, 1<<64-1) an int64 where a
// typed context asks for it (a result, an operation's value): its
// compiler stops ("constant 1267650600228229401496703205376 overflows
// int64") or, for floats, compares infinities (1e400 > 1e399 was false).
// The checker knows each constant expression's value, so
//
//   - a boolean constant expression (a comparison of constants, and &&,
//     || and ! of such) becomes its value, true or false (the predeclared
//     names, which RenamePredeclared keeps from being declared again),
//     converted to its type when it has one of its own;
//   - a constant expression that names an integer beyond int64 (an
//     operand, a result or the constant itself) becomes its value, as a
//     literal of its kind (constantLiteral), converted to its type when
//     it has one: T(literal) is a conversion the interpreter makes
//     exactly.
//
// An expression that mentions iota stays as written: a later
// specification of its constant declaration may repeat it, with another
// iota.

// foldConstants replaces in n the constant expressions the interpreter
// gets wrong by their values.
func (rw *rewriter) foldConstants(n ast.Node) ast.Node {
	var walk func(ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		e, ok := n.(ast.Expr)
		if !ok {
			eachChild(n, walk)
			return n
		}
		tv, ok := rw.info.Types[e]
		if !ok || tv.Value == nil {
			eachChild(n, walk)
			return n
		}
		// A constant expression: it is replaced whole, or left whole.
		if rw.mentionsIota(e) {
			return n
		}
		if tv.Value.Kind() == constant.Bool {
			return rw.boolValue(e, tv)
		}
		if !rw.namesBigInteger(e) {
			return n
		}
		return rw.constantValue(e, tv)
	}
	return walk(n)
}

// boolValue is e, a boolean constant expression, as its value: true or
// false, converted to its type when it has one of its own. A name stays.
func (rw *rewriter) boolValue(e ast.Expr, tv types.TypeAndValue) ast.Expr {
	switch ast.Unparen(e).(type) {
	case *ast.Ident, *ast.SelectorExpr:
		return e
	}
	id := &ast.Ident{NamePos: e.Pos(), Name: tv.Value.ExactString()}
	rw.info.Types[id] = types.TypeAndValue{Type: types.Typ[types.UntypedBool], Value: tv.Value}
	rw.info.Uses[id] = types.Universe.Lookup(id.Name)
	if b, ok := tv.Type.(*types.Basic); ok && (b.Kind() == types.Bool || b.Kind() == types.UntypedBool) {
		return id
	}
	conv := &ast.CallExpr{Fun: rw.typeExpr(tv.Type), Lparen: e.Pos(), Args: []ast.Expr{id}, Rparen: e.End()}
	rw.info.Types[conv] = tv
	return conv
}

// constantValue is e's constant value, tv, as a literal converted to its
// type, or e when no literal keeps its kind.
func (rw *rewriter) constantValue(e ast.Expr, tv types.TypeAndValue) ast.Expr {
	b, ok := tv.Type.Underlying().(*types.Basic)
	if !ok {
		return e
	}
	switch {
	case b.Info()&types.IsUntyped != 0 && b.Kind() != types.UntypedInt && b.Kind() != types.UntypedFloat:
		return e // an untyped rune would become an int
	case b.Info()&(types.IsInteger|types.IsFloat) == 0:
		return e
	}
	lit, ok := constantLiteral(tv.Value, e.Pos())
	if !ok {
		return e
	}
	rw.info.Types[lit] = types.TypeAndValue{Type: types.Typ[types.UntypedFloat], Value: tv.Value}
	if tv.Value.Kind() == constant.Int {
		rw.info.Types[lit] = types.TypeAndValue{Type: types.Typ[types.UntypedInt], Value: tv.Value}
	}
	if b.Info()&types.IsUntyped != 0 {
		return lit
	}
	conv := &ast.CallExpr{Fun: rw.typeExpr(tv.Type), Lparen: e.Pos(), Args: []ast.Expr{lit}, Rparen: e.End()}
	rw.info.Types[conv] = tv
	return conv
}

// namesBigInteger reports whether e, a constant expression, or any part
// of it is an integer beyond int64: a literal, a constant named, or an
// operation's value. A part the checker converted to a float type has a
// float value, which counts when it is a whole number: the interpreter
// holds the integer it was made from (float64 = 1 << 100).
func (rw *rewriter) namesBigInteger(e ast.Expr) bool {
	big := false
	isBig := func(v constant.Value) bool {
		if v == nil {
			return false
		}
		// A float's value when the checker converted an integer to a
		// float type.
		if v = constant.ToInt(v); v.Kind() != constant.Int {
			return false
		}
		_, exact := constant.Int64Val(v)
		return !exact
	}
	ast.Inspect(e, func(n ast.Node) bool {
		if big {
			return false
		}
		switch x := n.(type) {
		case *ast.BasicLit:
			big = x.Kind == token.INT && isBig(constant.MakeFromLiteral(x.Value, token.INT, 0))
		case *ast.Ident:
			if c, ok := rw.info.Uses[x].(*types.Const); ok {
				big = isBig(c.Val())
			}
		case ast.Expr:
			big = isBig(rw.info.Types[x].Value)
		}
		return !big
	})
	return big
}

// mentionsIota reports whether e names iota.
func (rw *rewriter) mentionsIota(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && rw.info.Uses[id] == types.Universe.Lookup("iota") {
			found = true
		}
		return !found
	})
	return found
}

// isComparison reports whether op is one of Go's comparison operators.
func isComparison(op token.Token) bool {
	switch op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return true
	}
	return false
}
