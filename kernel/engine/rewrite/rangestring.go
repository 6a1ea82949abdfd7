package rewrite

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"unicode/utf8"
)

// rangeStringKeys gives a range over a string with an index variable and
// no value variable a blank value variable. The interpreter steps such a
// loop through the string's bytes, not its runes, so the index took
// every byte offset (0 1 2 3 for "aģb", not 0 1 3); with a value
// variable it steps rune by rune:
//
//	for i := range s { body }
//
// becomes
//
//	for i, _ := range s { body }
//
// It runs after rangeAssign, which makes the assignment form a loop of
// this shape.
func (rw *rewriter) rangeStringKeys(s *ast.RangeStmt) {
	if s.Key == nil || s.Value != nil || isBlankIdent(s.Key) {
		return
	}
	b, ok := typeUnder(rw.info.TypeOf(s.X)).(*types.Basic)
	if !ok || b.Info()&types.IsString == 0 {
		return
	}
	s.Value = ast.NewIdent("_")
}

// rangeStringRunes turns a range over a string with variables into a
// loop that decodes the string as Go's range does. The interpreter steps
// past an invalid byte by the width of U+FFFD, three bytes, where Go
// yields U+FFFD for the one byte and goes on with the next:
//
//	for i, r := range s { body }
//
// becomes
//
//	for k, w, str := 0, 0, string(s); k < len(str); k += w {
//		var c rune
//		c, w = goconc_rt.DecodeRune(str, k)
//		i, r := k, c
//		{ body }
//	}
//
// A constant string that is valid UTF-8 is left to the interpreter,
// which ranges over it right. It runs after rangeAssign, which makes the
// assignment form a loop of this shape.
func (rw *rewriter) rangeStringRunes(s *ast.RangeStmt) ast.Stmt {
	if s.Tok != token.DEFINE || s.Key == nil {
		return nil
	}
	tv, ok := rw.info.Types[s.X]
	if !ok {
		return nil
	}
	b, ok := typeUnder(tv.Type).(*types.Basic)
	if !ok || b.Info()&types.IsString == 0 {
		return nil
	}
	if tv.Value != nil && utf8.ValidString(constant.StringVal(tv.Value)) {
		return nil
	}
	k, w, str, c := rw.name("k"), rw.name("w"), rw.name("str"), rw.name("rune")
	var lhs, rhs []ast.Expr
	for _, v := range []struct {
		x   ast.Expr
		val string
	}{{s.Key, k}, {s.Value, c}} {
		if v.x != nil && !isBlankIdent(v.x) {
			lhs, rhs = append(lhs, v.x), append(rhs, ast.NewIdent(v.val))
		}
	}
	if len(lhs) == 0 {
		return nil // for range s, which the interpreter counts right
	}
	decoded := ast.NewIdent("_")
	var body []ast.Stmt
	if len(rhs) == 2 || rhs[0].(*ast.Ident).Name == c {
		decoded = ast.NewIdent(c)
		body = append(body, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{
			&ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(c)}, Type: ast.NewIdent("rune")},
		}}})
	}
	body = append(body,
		&ast.AssignStmt{Lhs: []ast.Expr{decoded, ast.NewIdent(w)}, Tok: token.ASSIGN,
			Rhs: []ast.Expr{rw.rtCall("DecodeRune", ast.NewIdent(str), ast.NewIdent(k))}},
		&ast.AssignStmt{Lhs: lhs, TokPos: s.TokPos, Tok: token.DEFINE, Rhs: rhs},
		s.Body)
	zero := func() ast.Expr { return &ast.BasicLit{Kind: token.INT, Value: "0"} }
	return &ast.ForStmt{
		For: s.For,
		Init: &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(k), ast.NewIdent(w), ast.NewIdent(str)}, Tok: token.DEFINE,
			Rhs: []ast.Expr{zero(), zero(), &ast.CallExpr{Fun: ast.NewIdent("string"), Args: []ast.Expr{s.X}}}},
		Cond: &ast.BinaryExpr{X: ast.NewIdent(k), Op: token.LSS,
			Y: &ast.CallExpr{Fun: ast.NewIdent("len"), Args: []ast.Expr{ast.NewIdent(str)}}},
		Post: &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent(k)}, Tok: token.ADD_ASSIGN, Rhs: []ast.Expr{ast.NewIdent(w)}},
		Body: &ast.BlockStmt{Lbrace: s.Body.Lbrace, List: body, Rbrace: s.Body.Rbrace},
	}
}
