package rewrite

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
)

// real and imag of a constant are constants: real(C), C = (5+6i)*2, is
// the untyped float constant 10. The interpreter computes them when it
// compiles the call, with reflect's Complex, on what it keeps of the
// constant, which is no complex number: the compiler panics ("call of
// reflect.Value.Complex on interface Value"). The checker knows the
// value, so such a call becomes that constant, written as a literal of
// the same kind: 10.0 (a float, as real's result is), a quotient of two
// literals for a value no decimal writes exactly, converted to the
// constant's type when it has one.

// constantComplexParts replaces in n the calls of real and imag whose
// value is a constant by that constant.
func (rw *rewriter) constantComplexParts(n ast.Node) ast.Node {
	var walk func(ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		eachChild(n, walk)
		call, ok := n.(*ast.CallExpr)
		if !ok || !rw.isBuiltinCall(call, "real", "imag") {
			return n
		}
		tv, ok := rw.info.Types[call]
		if !ok || tv.Value == nil {
			return n
		}
		lit, ok := constantLiteral(tv.Value, call.Pos())
		if !ok {
			return n
		}
		// A typed constant's value (real of a complex64 is a float32)
		// keeps its type.
		var out ast.Expr = lit
		if b, ok := tv.Type.(*types.Basic); !ok || b.Info()&types.IsUntyped == 0 {
			out = &ast.CallExpr{Fun: rw.typeExpr(tv.Type), Lparen: call.Pos(), Args: []ast.Expr{lit}, Rparen: call.End()}
		}
		rw.info.Types[lit] = tv
		rw.info.Types[out] = tv
		return out
	}
	return walk(n)
}

// isBuiltinCall reports whether call calls one of the builtins named.
func (rw *rewriter) isBuiltinCall(call *ast.CallExpr, names ...string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := rw.info.Uses[id].(*types.Builtin)
	if !ok {
		return false
	}
	for _, name := range names {
		if b.Name() == name {
			return true
		}
	}
	return false
}

// constantLiteral writes v, an integer or a float constant, as an
// expression of untyped constants of its kind at pos.
func constantLiteral(v constant.Value, pos token.Pos) (ast.Expr, bool) {
	lit := func(kind token.Token, digits string) ast.Expr {
		if neg, ok := strings.CutPrefix(digits, "-"); ok {
			return &ast.UnaryExpr{OpPos: pos, Op: token.SUB, X: &ast.BasicLit{ValuePos: pos, Kind: kind, Value: neg}}
		}
		return &ast.BasicLit{ValuePos: pos, Kind: kind, Value: digits}
	}
	var e ast.Expr
	switch v.Kind() {
	case constant.Int:
		e = lit(token.INT, v.ExactString())
	case constant.Float:
		num, den := constant.Num(v), constant.Denom(v)
		if num.Kind() != constant.Int || den.Kind() != constant.Int {
			return nil, false
		}
		e = lit(token.FLOAT, num.ExactString()+".0")
		if d := den.ExactString(); d != "1" {
			e = &ast.BinaryExpr{X: e, OpPos: pos, Op: token.QUO, Y: lit(token.INT, d)}
		}
	default:
		return nil, false
	}
	return &ast.ParenExpr{Lparen: pos, X: e, Rparen: pos}, true
}
