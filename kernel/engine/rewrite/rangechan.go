package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// rangeChanValues rewrites a range loop with a value variable over a
// slice, array or map of channels. The interpreter takes such a loop for
// a range over a channel, because the value variable is a channel, and
// fails. The loop takes the keys alone and reads each value by index:
//
//	for k, v := range xs { body }
//
// becomes
//
//	for x, i := xs, 0; i < len(x); i++ { k, v := i, x[i]; { body } }
//
// which evaluates xs once, as range does (copying an array), and reads
// each element when its iteration starts. A map is ranged over for its
// keys when it is named by a variable that the body does not assign;
// other maps are left as they are.
func (rw *rewriter) rangeChanValues(s *ast.RangeStmt) ast.Stmt {
	if s.Value == nil || isBlankIdent(s.Value) {
		return nil
	}
	tv, ok := rw.info.Types[s.X]
	if !ok {
		return nil
	}
	var elem types.Type
	isMap := false
	switch u := tv.Type.Underlying().(type) {
	case *types.Slice:
		elem = u.Elem()
	case *types.Array:
		elem = u.Elem()
	case *types.Pointer:
		if a, ok := u.Elem().Underlying().(*types.Array); ok {
			elem = a.Elem()
		}
	case *types.Map:
		elem, isMap = u.Elem(), true
	}
	if elem == nil {
		return nil
	}
	if _, ok := elem.Underlying().(*types.Chan); !ok {
		return nil
	}

	index := ast.NewIdent(rw.name("i"))
	var lhs, rhs []ast.Expr
	if s.Key != nil && !isBlankIdent(s.Key) {
		lhs = append(lhs, s.Key)
		rhs = append(rhs, ast.NewIdent(index.Name))
	}
	lhs = append(lhs, s.Value)
	body := func(x ast.Expr) *ast.BlockStmt {
		rhs = append(rhs, &ast.IndexExpr{X: x, Index: ast.NewIdent(index.Name)})
		return &ast.BlockStmt{Lbrace: s.Body.Lbrace, Rbrace: s.Body.Rbrace, List: []ast.Stmt{
			&ast.AssignStmt{Lhs: lhs, Tok: s.Tok, Rhs: rhs},
			&ast.BlockStmt{List: s.Body.List},
		}}
	}

	if isMap {
		if !rw.unassignedVar(s.X, s.Body) {
			return nil
		}
		return &ast.RangeStmt{For: s.For, Key: index, Tok: token.DEFINE, X: s.X, Body: body(s.X)}
	}
	x := ast.NewIdent(rw.name("x"))
	return &ast.ForStmt{
		For: s.For,
		Init: &ast.AssignStmt{Lhs: []ast.Expr{x, index}, Tok: token.DEFINE,
			Rhs: []ast.Expr{s.X, &ast.BasicLit{Kind: token.INT, Value: "0"}}},
		Cond: &ast.BinaryExpr{X: ast.NewIdent(index.Name), Op: token.LSS,
			Y: &ast.CallExpr{Fun: ast.NewIdent("len"), Args: []ast.Expr{ast.NewIdent(x.Name)}}},
		Post: &ast.IncDecStmt{X: ast.NewIdent(index.Name), Tok: token.INC},
		Body: body(ast.NewIdent(x.Name)),
	}
}

// unassignedVar reports whether e names a variable that body does not
// assign: evaluating e again in body then gives what it gave before the
// loop.
func (rw *rewriter) unassignedVar(e ast.Expr, body ast.Node) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := rw.info.Uses[id].(*types.Var)
	return ok && !rw.assignedIn(body)[v]
}

func isBlankIdent(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}
