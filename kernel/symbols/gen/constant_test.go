package main

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
	"testing"
)

// constants holds values of each form go/constant keeps: small and large
// fractions, floats beyond the range of fractions, integers beyond 64
// bits, negative numbers and strings that need escapes.
const constants = `package c

const (
	Pi         = 3.14159265358979323846264338327950288419716939937510582097494459
	Third      = 1.0 / 3
	Log2E      = 1 / 0.693147180559945309417232121458176568075500134360255254120680009
	MaxFloat64 = 0x1p1023 * (1 + (1 - 0x1p-52))
	Smallest   = 0x1p-1022 * 0x1p-52
	NegTiny    = -0x1p-1074
	Half       = -0.5
	Huge       = 1e2000
	Tiny       = 1e-2000
	TinyThird  = 1e-2000 / 3
	Whole      = 1e6
	Zero       = 0.0
	Big        = 1 << 100
	NegBig     = -(1 << 100)
	MaxUint64  = 1<<64 - 1
	MinInt64   = -1 << 63
	Rune       = 'é'
	Text       = "tab\t\"quoted\" é \xff"
)
`

func TestConstantExprIsExact(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "c.go", constants, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := new(types.Config).Check("c", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	use := func(path string) string {
		return map[string]string{"go/constant": "constant", "go/token": "token"}[path]
	}
	for _, name := range pkg.Scope().Names() {
		want := pkg.Scope().Lookup(name).(*types.Const).Val()
		src, ok := constantExpr(want, use)
		if !ok {
			t.Errorf("%s: no expression for %v", name, want)
			continue
		}
		expr, err := parser.ParseExpr(src)
		if err != nil {
			t.Errorf("%s: %s does not parse: %v", name, src, err)
			continue
		}
		got, err := evalConstant(expr)
		if err != nil {
			t.Errorf("%s: %s: %v", name, src, err)
			continue
		}
		if got.Kind() != want.Kind() || !constant.Compare(got, token.EQL, want) {
			t.Errorf("%s: %s is %v (%v), want exactly %v (%v)", name, src, got.ExactString(), got.Kind(), want.ExactString(), want.Kind())
		}
	}
}

func TestConstantExprLeavesOtherKinds(t *testing.T) {
	for _, v := range []constant.Value{constant.MakeBool(true), constant.MakeImag(constant.MakeInt64(2))} {
		if src, ok := constantExpr(v, func(string) string { return "constant" }); ok {
			t.Errorf("constantExpr(%v) = %s, want none", v, src)
		}
	}
}

// evalConstant evaluates the calls of go/constant that constantExpr writes.
func evalConstant(e ast.Expr) (constant.Value, error) {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return nil, fmt.Errorf("not a call: %T", e)
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.X.(*ast.Ident).Name != "constant" {
		return nil, fmt.Errorf("not a function of go/constant")
	}
	arg := func(i int) string {
		switch a := call.Args[i].(type) {
		case *ast.BasicLit:
			return a.Value
		case *ast.UnaryExpr: // -5
			return a.Op.String() + a.X.(*ast.BasicLit).Value
		case *ast.SelectorExpr: // token.INT
			return a.Sel.Name
		}
		return ""
	}
	switch sel.Sel.Name {
	case "MakeString":
		s, err := strconv.Unquote(arg(0))
		return constant.MakeString(s), err
	case "MakeInt64":
		i, err := strconv.ParseInt(arg(0), 10, 64)
		return constant.MakeInt64(i), err
	case "MakeUint64":
		u, err := strconv.ParseUint(arg(0), 10, 64)
		return constant.MakeUint64(u), err
	case "MakeFromLiteral":
		lit, err := strconv.Unquote(arg(0))
		if err != nil {
			return nil, err
		}
		tok := map[string]token.Token{"INT": token.INT, "FLOAT": token.FLOAT}[arg(1)]
		v := constant.MakeFromLiteral(lit, tok, 0)
		if v.Kind() == constant.Unknown {
			return nil, fmt.Errorf("go/constant cannot parse %q", lit)
		}
		return v, nil
	case "BinaryOp":
		x, err := evalConstant(call.Args[0])
		if err != nil {
			return nil, err
		}
		y, err := evalConstant(call.Args[2])
		if err != nil {
			return nil, err
		}
		if arg(1) != "QUO" {
			return nil, fmt.Errorf("operator %s", arg(1))
		}
		return constant.BinaryOp(x, token.QUO, y), nil
	}
	return nil, fmt.Errorf("unexpected function %s", sel.Sel.Name)
}
