package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Named results of declared functions. The interpreter sets a function's
// named results to their zero values when it first makes the frame of a
// call site, and leaves them as the previous call there left them on the
// next: a call in a loop of
//
//	func check(ok bool) (err error) { if !ok { err = errBad }; return }
//
// returned errBad again for ok. Each function and method the cells
// declare with named results starts by setting them to their zero values:
//
//	func check(ok bool) (err error) { err = nil; if !ok { ... }; return }
//
// with *new(T) for structs and arrays.

// zeroNamedResults adds the assignment to the function declarations
// under root.
func (rw *rewriter) zeroNamedResults(root ast.Node) {
	fd, ok := root.(*ast.FuncDecl)
	if !ok || fd.Body == nil || fd.Type.Results == nil {
		return
	}
	var lhs, rhs []ast.Expr
	for _, field := range fd.Type.Results.List {
		for _, name := range field.Names {
			if name.Name == "_" {
				continue
			}
			obj, _ := rw.info.Defs[name].(*types.Var)
			if obj == nil {
				return
			}
			zero := rw.zeroValue(obj.Type())
			if zero == nil {
				return
			}
			lhs, rhs = append(lhs, ast.NewIdent(name.Name)), append(rhs, zero)
		}
	}
	if len(lhs) == 0 {
		return
	}
	// One assignment each: the interpreter fails on an untyped nil in
	// an assignment of several values ("reflect: New(nil)").
	resets := make([]ast.Stmt, len(lhs), len(lhs)+len(fd.Body.List))
	for i := range lhs {
		resets[i] = &ast.AssignStmt{Lhs: lhs[i : i+1], TokPos: fd.Body.Lbrace, Tok: token.ASSIGN, Rhs: rhs[i : i+1]}
	}
	fd.Body.List = append(resets, fd.Body.List...)
}

// zeroValue is an expression of the zero value assignable to a variable
// of type t, or nil.
func (rw *rewriter) zeroValue(t types.Type) ast.Expr {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return ast.NewIdent("false")
		case u.Info()&types.IsString != 0:
			return &ast.BasicLit{Kind: token.STRING, Value: `""`}
		case u.Info()&types.IsNumeric != 0:
			return &ast.BasicLit{Kind: token.INT, Value: "0"}
		case u.Kind() == types.UnsafePointer:
			return ast.NewIdent("nil")
		}
		return nil
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		if _, isParam := t.(*types.TypeParam); isParam {
			return nil
		}
		return ast.NewIdent("nil")
	case *types.Struct, *types.Array:
		// *new(T): the interpreter assigns T{} so that the fields
		// assigned after it are lost.
		return &ast.StarExpr{X: &ast.CallExpr{Fun: ast.NewIdent("new"), Args: []ast.Expr{rw.typeExpr(t)}}}
	}
	return nil
}
