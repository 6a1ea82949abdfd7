package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// In a method of a generic type, the interpreter mishandles a composite
// literal of a generic type the cells declare, even an empty one: the
// program stops without a word, or a later value of the type is built
// with the wrong field types. A variable of the type, set field by field,
// works. So in those methods such literals become that:
//
//	Pair[B, A]{p.Second, p.First}
//
// becomes
//
//	func() Pair[B, A] { var goconc_lit Pair[B, A]; goconc_lit.First = p.Second; goconc_lit.Second = p.First; return goconc_lit }()
//
// and &T{...} a function returning &goconc_lit. Since the variable is
// new, setting the fields one after the other is the same as the literal.

// genericLiterals rewrites the literals of generic struct types in d
// when d is a method of a generic type.
func (rw *rewriter) genericLiterals(d ast.Node) {
	fd, ok := d.(*ast.FuncDecl)
	if !ok || fd.Recv == nil || fd.Body == nil || !isGenericFunc(fd) {
		return
	}
	var walk func(n ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND {
			if lit, ok := ast.Unparen(u.X).(*ast.CompositeLit); ok {
				eachChild(lit, walk)
				if call := rw.literalCall(lit, true); call != nil {
					return call
				}
				return n
			}
		}
		eachChild(n, walk)
		if lit, ok := n.(*ast.CompositeLit); ok {
			if call := rw.literalCall(lit, false); call != nil {
				return call
			}
		}
		return n
	}
	walk(fd.Body)
}

// literalCall returns the call that builds lit, or its address with
// pointer, field by field; or nil when lit is not a literal of a generic
// struct type of the cells that names its type.
func (rw *rewriter) literalCall(lit *ast.CompositeLit, pointer bool) ast.Expr {
	if lit.Type == nil {
		return nil // the type comes from an enclosing literal
	}
	named, ok := types.Unalias(rw.info.TypeOf(lit)).(*types.Named)
	if !ok || named.TypeArgs().Len() == 0 || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "main" {
		return nil
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	const v = "goconc_lit"
	stmts := []ast.Stmt{&ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{
		&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(v)}, Type: lit.Type},
	}}}}
	for i, e := range lit.Elts {
		var field string
		value := e
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			key, ok := kv.Key.(*ast.Ident)
			if !ok {
				return nil
			}
			field, value = key.Name, kv.Value
		} else if i < st.NumFields() {
			field = st.Field(i).Name()
		}
		if field == "" || field == "_" {
			return nil
		}
		stmts = append(stmts, &ast.AssignStmt{
			Lhs: []ast.Expr{&ast.SelectorExpr{X: ast.NewIdent(v), Sel: ast.NewIdent(field)}},
			Tok: token.ASSIGN,
			Rhs: []ast.Expr{value},
		})
	}
	var result, resultType ast.Expr = ast.NewIdent(v), lit.Type
	if pointer {
		result, resultType = &ast.UnaryExpr{Op: token.AND, X: result}, &ast.StarExpr{X: lit.Type}
	}
	stmts = append(stmts, &ast.ReturnStmt{Results: []ast.Expr{result}})
	return &ast.CallExpr{Fun: &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: resultType}}}},
		Body: &ast.BlockStmt{List: stmts},
	}}
}
