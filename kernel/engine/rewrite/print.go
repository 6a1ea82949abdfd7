package rewrite

import (
	"go/ast"
	"go/types"
)

// The print and println builtins write to standard error, in the Go
// runtime's own formats; the interpreter writes them to standard output
// in fmt's formats, so a cell's calls go to goconc_rt.Print and
// goconc_rt.Println instead (rt.Printer); an argument of interface type
// is marked with goconc_rt.Eface, since a compiled function receives
// only its dynamic value.

// printCall rewrites a call of print or println in place.
func (rw *rewriter) printCall(call *ast.CallExpr) {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || (id.Name != "print" && id.Name != "println") {
		return
	}
	if _, ok := rw.info.Uses[id].(*types.Builtin); !ok {
		return
	}
	name := "Print"
	if id.Name == "println" {
		name = "Println"
	}
	for i, a := range call.Args {
		if t := rw.info.TypeOf(a); t != nil && types.IsInterface(t) {
			call.Args[i] = rw.rtCall("Eface", a)
		}
	}
	call.Fun = &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent(name)}
}
