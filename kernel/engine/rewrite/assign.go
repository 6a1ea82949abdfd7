package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// The interpreter mishandles an assignment of several values where one
// goes into a variable of an interface type: in
//
//	var a any
//	var b int
//	a, b = Cents(1), 2
//
// b stays 0, and with a struct value on the right, converted or not, it
// panics in reflect.
// The named-basic boxes (namedbasic.go) make such assignments of every
// Cents. So the values go through variables of the left side's types
// first, in order, and then into place:
//
//	{ var t0 any = Cents(1); var t1 int = 2; a = t0; b = t1 }
//
// which keeps Go's order: every right side is evaluated before any
// variable changes. Only assignments to plain variables are rewritten: an
// index or a field on the left would be evaluated later than Go does.

// parallelAssign returns the block that replaces s as above, or nil.
func (rw *rewriter) parallelAssign(s *ast.AssignStmt) ast.Stmt {
	if s.Tok != token.ASSIGN || len(s.Lhs) < 2 || len(s.Lhs) != len(s.Rhs) {
		return nil
	}
	converts := false
	for _, l := range s.Lhs {
		if _, ok := l.(*ast.Ident); !ok {
			return nil
		}
		lt := rw.info.TypeOf(l)
		if isBlank(l) {
			continue
		}
		if lt == nil {
			return nil
		}
		converts = converts || types.IsInterface(lt)
	}
	if !converts {
		return nil
	}
	var temps, stores []ast.Stmt
	for i, l := range s.Lhs {
		if isBlank(l) {
			temps = append(temps, &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("_")}, Tok: token.ASSIGN, Rhs: []ast.Expr{s.Rhs[i]}})
			continue
		}
		t := ast.NewIdent(rw.name("t"))
		temps = append(temps, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{
			Names: []*ast.Ident{t}, Type: rw.typeExpr(rw.info.TypeOf(l)), Values: []ast.Expr{s.Rhs[i]},
		}}}})
		stores = append(stores, &ast.AssignStmt{Lhs: []ast.Expr{l}, TokPos: s.TokPos, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent(t.Name)}})
	}
	return &ast.BlockStmt{Lbrace: s.Pos(), List: append(temps, stores...), Rbrace: s.End()}
}
