package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Go compares two values of different types when one is assignable to
// the other's type: a channel with a receive-only or send-only view of
// it, a named type with a value of its unnamed underlying type (Ch and
// chan int, A and [2]int, S and struct{ x int }). The interpreter's
// compiler wants the same type on both sides of == and != and rejects
// these ("mismatched types chan int and <-chan int"). So the operand that
// is assignable to the other's type is converted to it:
//
//	c == c1          // c chan int, c1 <-chan int
//
// becomes
//
//	(<-chan int)(c) == c1
//
// which is what Go's comparison does. A switch's case values are
// converted to its tag's type likewise. Interfaces and nil are left
// alone: the interpreter compares them with other types already.

// mixedComparisons converts, in each comparison of n between operands of
// two different types that are no interfaces, the operand assignable to
// the other's type.
func (rw *rewriter) mixedComparisons(n ast.Node) ast.Node {
	var walk func(ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		eachChild(n, walk)
		if sw, ok := n.(*ast.SwitchStmt); ok && sw.Tag != nil {
			rw.mixedCases(sw)
			return n
		}
		b, ok := n.(*ast.BinaryExpr)
		if !ok || (b.Op != token.EQL && b.Op != token.NEQ) {
			return n
		}
		x, y := rw.info.Types[b.X], rw.info.Types[b.Y]
		if !comparedAsIs(x) || !comparedAsIs(y) || types.Identical(x.Type, y.Type) {
			return n
		}
		switch {
		case types.AssignableTo(x.Type, y.Type):
			b.X = rw.convertedTo(b.X, y)
		case types.AssignableTo(y.Type, x.Type):
			b.Y = rw.convertedTo(b.Y, x)
		}
		return n
	}
	return walk(n)
}

// mixedCases converts each case value of sw of another type than its
// tag, and assignable to the tag's type, to the tag's type: a switch
// compares its tag with each with ==, and the interpreter converts the
// tag to the case's type, which panics for a receive-only channel tag
// and a case of its bidirectional channel.
func (rw *rewriter) mixedCases(sw *ast.SwitchStmt) {
	tag := rw.info.Types[sw.Tag]
	if !comparedAsIs(tag) {
		return
	}
	for _, s := range sw.Body.List {
		cc, ok := s.(*ast.CaseClause)
		if !ok {
			continue
		}
		for i, e := range cc.List {
			if v := rw.info.Types[e]; comparedAsIs(v) && !types.Identical(v.Type, tag.Type) && types.AssignableTo(v.Type, tag.Type) {
				cc.List[i] = rw.convertedTo(e, tag)
			}
		}
	}
}

// comparedAsIs reports whether an operand of type tv takes part in the
// comparison with its own type: it is a typed value that is no interface,
// no constant and no type parameter.
func comparedAsIs(tv types.TypeAndValue) bool {
	if tv.Type == nil || tv.IsNil() || tv.Value != nil || !tv.IsValue() || types.IsInterface(tv.Type) {
		return false
	}
	_, generic := tv.Type.(*types.TypeParam)
	return !generic
}

// convertedTo returns e converted to the type of the operand other.
func (rw *rewriter) convertedTo(e ast.Expr, other types.TypeAndValue) ast.Expr {
	conv := &ast.CallExpr{
		Fun:    &ast.ParenExpr{Lparen: e.Pos(), X: rw.typeExpr(other.Type), Rparen: e.Pos()},
		Lparen: e.Pos(),
		Args:   []ast.Expr{e},
		Rparen: e.End(),
	}
	rw.info.Types[conv] = other
	return conv
}
