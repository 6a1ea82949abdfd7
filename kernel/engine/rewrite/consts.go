package rewrite

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
)

// constValues gives each constant a cell declares at top level its value
// as the checker computed it, spelled out:
//
//	const (
//		p = float32(iota)
//		q
//		n = len(b.a)
//	)
//
// becomes
//
//	const (
//		p float32 = 0
//		q float32 = 1
//		n int     = 10
//	)
//
// The interpreter reports a "constant definition loop" for some constant
// expressions Go allows: an implicit repetition of a conversion of iota,
// len of an array reached through a variable. A declaration with a
// complex constant, an untyped rune or float, or a float no float64
// holds exactly keeps its expressions.
func (rw *rewriter) constValues(g *ast.GenDecl) {
	if g.Tok != token.CONST {
		return
	}
	var specs []ast.Spec
	for _, spec := range g.Specs {
		vs := spec.(*ast.ValueSpec)
		var one []ast.Spec
		for _, name := range vs.Names {
			c, ok := rw.info.Defs[name].(*types.Const)
			if !ok {
				return
			}
			if name.Name == "_" {
				continue
			}
			lit := constLiteral(c.Val())
			if lit == nil {
				return
			}
			out := &ast.ValueSpec{Names: []*ast.Ident{name}, Values: []ast.Expr{lit}}
			if b, ok := c.Type().(*types.Basic); !ok || b.Info()&types.IsUntyped == 0 {
				out.Type = rw.typeExpr(c.Type())
			} else if b.Kind() == types.UntypedRune || b.Kind() == types.UntypedFloat {
				return // no literal keeps its kind: the declaration stays as written
			}
			one = append(one, out)
		}
		specs = append(specs, one...)
	}
	if len(specs) == 0 {
		return
	}
	g.Specs = specs
	if g.Lparen == token.NoPos {
		g.Lparen, g.Rparen = g.Pos(), g.End()
	}
}

// constLiteral spells v as a Go literal, or returns nil when it cannot.
func constLiteral(v constant.Value) ast.Expr {
	switch v.Kind() {
	case constant.Bool:
		return ast.NewIdent(v.ExactString())
	case constant.String:
		return &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(constant.StringVal(v))}
	case constant.Int:
		return &ast.BasicLit{Kind: token.INT, Value: v.ExactString()}
	case constant.Float:
		f, exact := constant.Float64Val(v)
		if !exact {
			return nil
		}
		return &ast.BasicLit{Kind: token.FLOAT, Value: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	return nil
}
