package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// The interpreter's unsafe package has Sizeof, Alignof, Offsetof, Add and
// Pointer, but not the functions Go 1.17 and 1.20 added: String,
// StringData, Slice and SliceData are undefined in it. Calls of them go to
// the run-time support (cellrt's unsafe.go), through a type assertion where the
// result's type is the cell's:
//
//	unsafe.String(p, n)  becomes  rt.UnsafeString(p, int64(n))
//	unsafe.Slice(p, n)   becomes  func(v any) []T { return v.([]T) }(rt.UnsafeSlice(p, int64(n)))
//	unsafe.SliceData(s)  becomes  func(v any) *T { return v.(*T) }(rt.UnsafeSliceData(s))
//
// Sizeof, Alignof and Offsetof are constants, which the checker computes
// as the compiler does; they become those constants, uintptr(16): the
// interpreter's own fail on some operands (Offsetof(p.f), p a pointer to
// a struct with the field embedded, crashes it).

// unsafeCall rewrites call, in place, when it calls one of those four.
func (rw *rewriter) unsafeCall(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	b, ok := rw.info.Uses[sel.Sel].(*types.Builtin)
	if !ok {
		return
	}
	result := rw.info.Types[call].Type
	if result == nil || hasTypeParam(result, map[types.Type]bool{}) {
		return
	}
	asInt64 := func(e ast.Expr) ast.Expr {
		return &ast.CallExpr{Fun: ast.NewIdent("int64"), Args: []ast.Expr{e}}
	}
	switch b.Name() {
	case "Sizeof", "Alignof", "Offsetof":
		if tv := rw.info.Types[call]; tv.Value != nil {
			call.Fun = ast.NewIdent("uintptr")
			call.Args = []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: tv.Value.ExactString()}}
		}
	case "String":
		call.Fun = rw.rtCall("UnsafeString").Fun
		call.Args[1] = asInt64(call.Args[1])
	case "StringData":
		call.Fun = rw.rtCall("UnsafeStringData").Fun
	case "Slice":
		made := rw.rtCall("UnsafeSlice", call.Args[0], asInt64(call.Args[1]))
		call.Fun, call.Args = rw.asserter(result), []ast.Expr{made}
	case "SliceData":
		made := rw.rtCall("UnsafeSliceData", call.Args[0])
		call.Fun, call.Args = rw.asserter(result), []ast.Expr{made}
	}
}

// asserter returns func(v any) T { return v.(T) }.
func (rw *rewriter) asserter(t types.Type) *ast.FuncLit {
	v := rw.name("v")
	return &ast.FuncLit{
		Type: &ast.FuncType{
			Params:  &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{ast.NewIdent(v)}, Type: ast.NewIdent("any")}}},
			Results: &ast.FieldList{List: []*ast.Field{{Type: rw.typeExpr(t)}}},
		},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{
			&ast.TypeAssertExpr{X: ast.NewIdent(v), Type: rw.typeExpr(t)},
		}}}},
	}
}
