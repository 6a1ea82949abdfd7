package rewrite

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
)

// The interpreter lacks the min and max builtins. A call whose arguments
// are constants is a constant itself, which a constant declaration may
// use, so it becomes the constant; any other call becomes a call of a
// function literal that does what the builtin does, NaN and signed zeros
// included.

// foldMinMax replaces, among the children of n, the calls of min and max
// that are constant with the constant.
func (rw *rewriter) foldMinMax(n ast.Node) {
	eachChild(n, func(child ast.Node) ast.Node {
		call, ok := child.(*ast.CallExpr)
		if !ok || !rw.isMinMax(call.Fun) {
			return child
		}
		if lit := rw.constantExpr(call); lit != nil {
			rw.info.Types[lit] = rw.info.Types[call] // for later rewrites
			return lit
		}
		return child
	})
}

// isMinMax reports whether fun names the builtin min or max.
func (rw *rewriter) isMinMax(fun ast.Expr) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok || (id.Name != "min" && id.Name != "max") {
		return false
	}
	_, ok = rw.info.Uses[id].(*types.Builtin)
	return ok
}

// constantExpr returns a literal for the constant value of e, converted
// to e's type when that is typed; nil when e is no constant.
func (rw *rewriter) constantExpr(e ast.Expr) ast.Expr {
	tv, ok := rw.info.Types[e]
	if !ok || tv.Value == nil {
		return nil
	}
	b, ok := tv.Type.Underlying().(*types.Basic)
	if !ok {
		return nil
	}
	untyped := b.Info()&types.IsUntyped != 0
	v := tv.Value
	negative := false
	if v.Kind() == constant.Int || v.Kind() == constant.Float {
		if constant.Sign(v) < 0 {
			negative = true
			v = constant.UnaryOp(token.SUB, v, 0)
		}
	}
	var lit *ast.BasicLit
	switch {
	case v.Kind() == constant.String:
		lit = &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(constant.StringVal(v))}
	case v.Kind() == constant.Int && b.Kind() == types.UntypedRune:
		r, _ := constant.Int64Val(v)
		lit = &ast.BasicLit{Kind: token.CHAR, Value: strconv.QuoteRune(rune(r))}
	case v.Kind() == constant.Int && (b.Info()&types.IsInteger != 0 || !untyped):
		lit = &ast.BasicLit{Kind: token.INT, Value: v.ExactString()}
	case v.Kind() == constant.Int || v.Kind() == constant.Float:
		f, _ := constant.Float64Val(v)
		s := strconv.FormatFloat(f, 'g', -1, 64)
		if _, err := strconv.Atoi(s); err == nil {
			s += ".0" // an untyped float constant stays one
		}
		lit = &ast.BasicLit{Kind: token.FLOAT, Value: s}
	default:
		return nil
	}
	var out ast.Expr = lit
	if negative {
		out = &ast.ParenExpr{X: &ast.UnaryExpr{Op: token.SUB, X: lit}}
	}
	if !untyped {
		out = &ast.CallExpr{Fun: &ast.ParenExpr{X: rw.typeExpr(tv.Type)}, Args: []ast.Expr{out}}
	}
	return out
}

// minMax rewrites, in place, a call of min or max that is no constant:
// min(a, b, c) becomes
//
//	func(m T, rest ...T) T { for _, v := range rest { if v < m { m = v } }; return m }(T(a), T(b), T(c))
//
// For floating-point types, a NaN argument makes the result NaN, and
// min prefers -0 to +0 and max +0 to -0, as the builtins do.
func (rw *rewriter) minMax(call *ast.CallExpr, which string) {
	tv, ok := rw.info.Types[call]
	if !ok || tv.Value != nil {
		return // a constant is replaced whole by foldMinMax
	}
	typ := tv.Type
	if b, ok := typ.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		typ = types.Default(typ)
	}
	b, ok := typ.Underlying().(*types.Basic)
	if !ok {
		return
	}
	less, zero := "v < m", "1/v < 0" // min: take -0 over +0
	if which == "max" {
		less, zero = "v > m", "1/m < 0" // max: take +0 over -0
	}
	var body string
	if b.Info()&types.IsFloat != 0 {
		body = fmt.Sprintf(`switch {
			case m != m:
			case v != v || %s:
				m = v
			case v == 0 && m == 0 && %s:
				m = v
			}`, less, zero)
	} else {
		body = fmt.Sprintf("if %s { m = v }", less)
	}
	t := types.TypeString(typ, rw.qualify)
	src := fmt.Sprintf("func(m %[1]s, rest ...%[1]s) %[1]s { for _, v := range rest { %[2]s }; return m }", t, body)
	lit, err := parser.ParseExprFrom(rw.fset, "", src, parser.SkipObjectResolution)
	if err != nil {
		return
	}
	args := make([]ast.Expr, len(call.Args))
	for i, a := range call.Args {
		args[i] = &ast.CallExpr{Fun: &ast.ParenExpr{X: rw.typeExpr(typ)}, Args: []ast.Expr{a}}
	}
	call.Fun, call.Args = lit, args
}

// newValue rewrites new(expr), Go 1.26's pointer to a new variable
// holding expr's value, which the interpreter takes for new(T) and
// zeroes: it becomes func() *T { v := T(expr); return &v }().
func (rw *rewriter) newValue(call *ast.CallExpr) {
	if len(call.Args) != 1 {
		return
	}
	if tv, ok := rw.info.Types[call.Args[0]]; !ok || tv.IsType() {
		return
	}
	ptr, ok := rw.info.TypeOf(call).(*types.Pointer)
	if !ok {
		return
	}
	v := ast.NewIdent(rw.name("v"))
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: rw.typeExpr(ptr)}}}},
		Body: &ast.BlockStmt{List: []ast.Stmt{
			&ast.AssignStmt{Lhs: []ast.Expr{v}, Tok: token.DEFINE, Rhs: []ast.Expr{
				&ast.CallExpr{Fun: &ast.ParenExpr{X: rw.typeExpr(ptr.Elem())}, Args: []ast.Expr{call.Args[0]}}}},
			&ast.ReturnStmt{Results: []ast.Expr{&ast.UnaryExpr{Op: token.AND, X: ast.NewIdent(v.Name)}}},
		}},
	}
	call.Fun, call.Args = lit, nil
}
