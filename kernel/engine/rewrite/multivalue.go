package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// Package-level variables initialized together from one expression of
// several values. The interpreter rejects them when the function called
// is declared after them ("assignment mismatch: 2 variables but g returns
// 0 values"), and otherwise gives functions compiled with them, called
// from a later evaluation, invalid values for them. The variables are
// declared without values, and a variable of the pass's own assigns
// them, as one statement, where their initializer was:
//
//	var lo, hi = bounds()
//
// becomes
//
//	var lo int
//	var hi int
//	var goconc_init1_1 = func() bool { lo, hi = bounds(); return true }()
//
// The initializing variable keeps the declaration's place in Go's order
// of initialization (InitOrder): it is the same specification.

// multiValueVars rewrites the declarations of decls of several variables
// from one expression.
func (rw *rewriter) multiValueVars(decls []ast.Decl) {
	for _, d := range decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		var specs []ast.Spec
		for _, s := range g.Specs {
			spec := s.(*ast.ValueSpec)
			if len(spec.Names) < 2 || len(spec.Values) != 1 {
				specs = append(specs, spec)
				continue
			}
			lhs := make([]ast.Expr, len(spec.Names))
			for i, name := range spec.Names {
				lhs[i] = ast.NewIdent(name.Name)
				obj, _ := rw.info.Defs[name].(*types.Var)
				if obj == nil || name.Name == "_" {
					continue
				}
				specs = append(specs, &ast.ValueSpec{Names: []*ast.Ident{name}, Type: rw.typeExpr(obj.Type())})
			}
			rw.n++
			init := ast.NewIdent(fmt.Sprintf("goconc_init%d_%d", rw.cell, rw.n))
			body := &ast.BlockStmt{List: []ast.Stmt{
				&ast.AssignStmt{Lhs: lhs, Tok: token.ASSIGN, Rhs: spec.Values},
				&ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent("true")}},
			}}
			lit := &ast.FuncLit{Type: &ast.FuncType{Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("bool")}}}}, Body: body}
			spec.Names, spec.Type, spec.Values = []*ast.Ident{init}, nil, []ast.Expr{&ast.CallExpr{Fun: lit, Lparen: spec.Pos()}}
			specs = append(specs, spec)
		}
		if len(specs) != len(g.Specs) && !g.Lparen.IsValid() {
			g.Lparen, g.Rparen = g.TokPos, g.End()
		}
		g.Specs = specs
	}
}
