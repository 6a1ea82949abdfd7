package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A switch on a value of an empty interface type with cases of other
// types,
//
//	switch v { case "quit": ...; case 42: ... }
//
// panics in the interpreter ("reflect.Value.Convert: value of type
// interface {} cannot be converted to type int"): it converts the tag to
// each case's type. Comparing with == works, so such a switch becomes one
// without a tag, the tag evaluated once, before the cases, as Go does:
//
//	switch goconc_tag := v; { case goconc_tag == "quit": ...; case goconc_tag == 42: ... }
//
// (a case of several values, case "q", "quit", becomes one condition
// joined by ||, below).
// So is a switch on a concrete value with a case of an interface type,
// which Go compares as interfaces too. A tag that is a variable is used
// as it is, which keeps the switch's
// own statement (switch i := f(); i {...}); a switch with both a
// statement and a tag to evaluate is left alone, and so is a switch on an
// error, whose cases errorcompare.go compares.

// interfaceSwitch rewrites s as above, in place, and joins the
// expressions of each case of a switch without a tag with ||: the
// interpreter tries only the first of them (switch { case a, b: }).
func (rw *rewriter) interfaceSwitch(s *ast.SwitchStmt) {
	if s.Tag != nil && rw.comparesAsInterfaces(s) {
		tag := s.Tag
		if _, isVar := ast.Unparen(tag).(*ast.Ident); !isVar {
			if s.Init != nil {
				return
			}
			name := ast.NewIdent(rw.name("tag"))
			s.Init = &ast.AssignStmt{Lhs: []ast.Expr{name}, Tok: token.DEFINE, Rhs: []ast.Expr{tag}}
			tag = name
		}
		name := ast.Unparen(tag).(*ast.Ident).Name
		tagType := rw.info.TypeOf(s.Tag)
		for _, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			for i, e := range cc.List {
				x := ast.NewIdent(name)
				rw.info.Types[x] = types.TypeAndValue{Type: tagType} // for ifaceequal
				cc.List[i] = &ast.BinaryExpr{X: x, OpPos: e.Pos(), Op: token.EQL, Y: e}
			}
		}
		s.Tag = nil
	}
	if s.Tag != nil {
		return
	}
	for _, c := range s.Body.List {
		cc := c.(*ast.CaseClause)
		for i, e := range cc.List {
			// case i: with i an interface holding a bool compares it
			// with true; the interpreter takes i for a bool.
			if isInterfaceType(rw.info.TypeOf(e)) {
				cc.List[i] = &ast.BinaryExpr{X: e, OpPos: e.End(), Op: token.EQL, Y: ast.NewIdent("true")}
			}
		}
		if len(cc.List) < 2 {
			continue
		}
		cond := cc.List[0]
		for _, e := range cc.List[1:] {
			cond = &ast.BinaryExpr{X: cond, OpPos: e.Pos(), Op: token.LOR, Y: e}
		}
		cc.List = []ast.Expr{cond}
	}
}

func isEmptyInterface(t types.Type) bool {
	if t == nil {
		return false
	}
	it, ok := t.Underlying().(*types.Interface)
	return ok && it.NumMethods() == 0
}

// comparesAsInterfaces reports whether the switch s compares its tag with
// the cases as values of an empty interface: the tag is one, or it is of
// a concrete type and a case is of an interface type.
func (rw *rewriter) comparesAsInterfaces(s *ast.SwitchStmt) bool {
	t := rw.info.TypeOf(s.Tag)
	if t == nil {
		return false
	}
	if types.IsInterface(t) {
		return isEmptyInterface(t)
	}
	for _, c := range s.Body.List {
		for _, e := range c.(*ast.CaseClause).List {
			if isInterfaceType(rw.info.TypeOf(e)) {
				return true
			}
		}
	}
	return false
}
