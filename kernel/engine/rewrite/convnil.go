package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// In Go a value of a non-interface type converted to an interface type is
// never the nil interface, whatever the value (a nil pointer, slice, map,
// func or channel too); a value of an interface type converted to another
// is nil exactly when it was. The interpreter, given such a conversion as
// an operand of == or != with nil, asks reflect whether the converted
// value is nil: a struct, a number or a string panics (a nil pointer
// dereference for the program), and a nil pointer compares equal. So
//
//	if any(t) != nil { ... }     // t a struct
//	ok := error(e) == nil        // e an interface
//
// become
//
//	if !goconc_rt.ConvertedIsNil(t) { ... }
//	ok := e == nil
//
// which evaluate the operand where the conversion did, with its panics.

// convertedNils rewrites the comparisons with nil in n of a conversion to
// an interface type.
func (rw *rewriter) convertedNils(n ast.Node) ast.Node {
	var walk func(ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		eachChild(n, walk)
		b, ok := n.(*ast.BinaryExpr)
		if !ok || (b.Op != token.EQL && b.Op != token.NEQ) {
			return n
		}
		conv, nilSide := b.X, b.Y
		if rw.isNilValue(conv) {
			conv, nilSide = nilSide, conv
		}
		if !rw.isNilValue(nilSide) {
			return n
		}
		x, ok := rw.interfaceConversion(conv)
		if !ok {
			return n
		}
		// A conversion of an interface keeps the value's nil-ness:
		// compare the value itself, which may be a conversion again.
		for types.IsInterface(rw.info.TypeOf(x)) {
			if conv == b.X {
				b.X = x
			} else {
				b.Y = x
			}
			conv = x
			if x, ok = rw.interfaceConversion(conv); !ok {
				return b
			}
		}
		tv := rw.info.Types[b]
		asBool := tv
		asBool.Type = types.Typ[types.Bool]
		call := rw.rtCall("ConvertedIsNil", x)
		call.Lparen, call.Rparen = x.Pos(), b.End()
		rw.info.Types[call] = asBool
		var out ast.Expr = call
		if b.Op == token.NEQ {
			out = &ast.UnaryExpr{OpPos: b.Pos(), Op: token.NOT, X: out}
			rw.info.Types[out] = asBool
		}
		// The comparison's own type may be a named boolean type the
		// context gave it.
		if named, ok := tv.Type.(*types.Named); ok {
			out = &ast.CallExpr{Fun: rw.typeExpr(named), Lparen: b.Pos(), Args: []ast.Expr{out}, Rparen: b.End()}
			rw.info.Types[out] = tv
		}
		return out
	}
	return walk(n)
}

// isNilValue reports whether e is the predeclared nil, parenthesized or not.
func (rw *rewriter) isNilValue(e ast.Expr) bool {
	tv, ok := rw.info.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

// interfaceConversion returns the operand of e, parenthesized or not, when
// e converts a typed value to an interface type.
func (rw *rewriter) interfaceConversion(e ast.Expr) (ast.Expr, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || call.Ellipsis.IsValid() {
		return nil, false
	}
	fun, ok := rw.info.Types[call.Fun]
	if !ok || !fun.IsType() || !types.IsInterface(fun.Type) {
		return nil, false
	}
	arg, ok := rw.info.Types[call.Args[0]]
	if !ok || arg.IsNil() || arg.Type == nil {
		return nil, false
	}
	if _, generic := arg.Type.(*types.TypeParam); generic {
		return nil, false
	}
	return call.Args[0], true
}
