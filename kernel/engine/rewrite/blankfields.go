package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// Go leaves a struct's blank fields (_ int, padding kept in a layout)
// out of == and of map keys: two values that differ only there, which
// only unsafe can make, are equal. The interpreter compares and hashes
// every field of its run-time struct, blank ones too, so
//
//	type T struct{ _, _, _ int }
//	t1 := *(*T)(unsafe.Pointer(&three{1, 2, 3}))
//	t2 := *(*T)(unsafe.Pointer(&three{4, 5, 6}))
//
// had t1 != t2. A comparison of values of a type with blank fields
// (in it or in the structs and arrays it is made of) compares the other
// fields one by one:
//
//	t1 == t2  becomes  func(x, y T) bool { return true }(t1, t2)
//	p == q    becomes  func(x, y P) bool { return x.A == y.A }(p, q)
//
// and a key of a map keyed by such a type is the value with its blank
// fields zeroed, a literal of its other fields: m[p] becomes
// m[func(k P) P { return P{A: k.A} }(p)]. Two interfaces compared
// (ifaceequal.go has left the comparison as it is) compare so the values
// of the types with blank fields in scope that both may hold.

// blankComparisons rewrites the comparisons and map keys under root as
// above.
func (rw *rewriter) blankComparisons(root ast.Node) ast.Node {
	var walk func(n ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		eachChild(n, walk)
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if n.Op != token.EQL && n.Op != token.NEQ {
				return n
			}
			t := rw.info.TypeOf(n.X)
			if t != nil && types.IsInterface(t) && isInterfaceOperand(rw.info.TypeOf(n.Y)) {
				return rw.blankInterfaces(n, t, rw.info.TypeOf(n.Y))
			}
			if t == nil || types.IsInterface(t) || !hasBlankFields(t, 0) || !types.Identical(t, rw.info.TypeOf(n.Y)) {
				return n
			}
			src := fmt.Sprintf("func(goconc_x, goconc_y %s) bool { return %s }", rw.typeString(t), rw.blankEqual("goconc_x", "goconc_y", t, 0))
			var eq ast.Expr = &ast.CallExpr{Fun: ast.NewIdent(src), Lparen: n.OpPos, Args: []ast.Expr{n.X, n.Y}, Rparen: n.End()}
			rw.info.Types[eq] = types.TypeAndValue{Type: types.Typ[types.Bool]}
			if n.Op == token.NEQ {
				eq = &ast.UnaryExpr{OpPos: n.OpPos, Op: token.NOT, X: eq}
				rw.info.Types[eq] = types.TypeAndValue{Type: types.Typ[types.Bool]}
			}
			return eq
		case *ast.IndexExpr:
			n.Index = rw.blankKey(rw.info.TypeOf(n.X), n.Index)
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) == 2 {
				if b, ok := rw.info.Uses[id].(*types.Builtin); ok && b.Name() == "delete" {
					n.Args[1] = rw.blankKey(rw.info.TypeOf(n.Args[0]), n.Args[1])
				}
			}
		case *ast.CompositeLit:
			t := rw.info.TypeOf(n)
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					kv.Key = rw.blankKey(t, kv.Key)
				}
			}
		}
		return n
	}
	return walk(root)
}

// mostBlankDepth bounds how deep hasBlankFields looks into nested types.
const mostBlankDepth = 8

// hasBlankFields reports whether comparing values of type t compares a
// blank field: t is a struct with one, or a struct or array of such, and
// all its fields may be named here.
func hasBlankFields(t types.Type, depth int) bool {
	if depth > mostBlankDepth {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		blank := false
		for i := range u.NumFields() {
			f := u.Field(i)
			if f.Pkg() != nil && f.Pkg().Path() != "main" && !f.Exported() {
				return false // a compiled package's field, which cannot be named
			}
			if f.Name() == "_" || hasBlankFields(f.Type(), depth+1) {
				blank = true
			}
		}
		return blank && types.Comparable(t)
	case *types.Array:
		return hasBlankFields(u.Elem(), depth+1)
	}
	return false
}

// blankEqual returns the expression comparing x and y, of type t, as Go
// does: field by field past blank fields, element by element for arrays.
func (rw *rewriter) blankEqual(x, y string, t types.Type, depth int) string {
	if !hasBlankFields(t, 0) {
		return x + " == " + y
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		var parts []string
		for i := range u.NumFields() {
			f := u.Field(i)
			if f.Name() == "_" {
				continue
			}
			parts = append(parts, "("+rw.blankEqual(x+"."+f.Name(), y+"."+f.Name(), f.Type(), depth+1)+")")
		}
		if len(parts) == 0 {
			return "true"
		}
		return strings.Join(parts, " && ")
	case *types.Array:
		i := fmt.Sprintf("goconc_i%d", depth)
		return fmt.Sprintf("func() bool { for %s := range %s { if !(%s) { return false } }; return true }()",
			i, x, rw.blankEqual(x+"["+i+"]", y+"["+i+"]", u.Elem(), depth+1))
	}
	return x + " == " + y
}

// blankKey returns key, a key of a map of type m, with its blank fields
// zeroed when the map's key type has blank fields.
func (rw *rewriter) blankKey(m types.Type, key ast.Expr) ast.Expr {
	if m == nil {
		return key
	}
	mt, ok := m.Underlying().(*types.Map)
	if !ok || types.IsInterface(mt.Key()) || !hasBlankFields(mt.Key(), 0) {
		return key
	}
	ts := rw.typeString(mt.Key())
	src := fmt.Sprintf("func(goconc_k %s) %s { return %s }", ts, ts, rw.blankZeroed("goconc_k", mt.Key(), 0))
	call := &ast.CallExpr{Fun: ast.NewIdent(src), Lparen: key.Pos(), Args: []ast.Expr{key}, Rparen: key.End()}
	rw.info.Types[call] = types.TypeAndValue{Type: mt.Key()}
	return call
}

// blankZeroed returns an expression of x, of type t, with the blank
// fields in it zero.
func (rw *rewriter) blankZeroed(x string, t types.Type, depth int) string {
	if !hasBlankFields(t, 0) {
		return x
	}
	ts := rw.typeString(t)
	switch u := t.Underlying().(type) {
	case *types.Struct:
		var parts []string
		for i := range u.NumFields() {
			f := u.Field(i)
			if f.Name() == "_" {
				continue
			}
			parts = append(parts, f.Name()+": "+rw.blankZeroed(x+"."+f.Name(), f.Type(), depth+1))
		}
		return ts + "{" + strings.Join(parts, ", ") + "}"
	case *types.Array:
		v, i := fmt.Sprintf("goconc_a%d", depth), fmt.Sprintf("goconc_i%d", depth)
		return fmt.Sprintf("func() %s { %s := %s; for %s := range %s { %s[%s] = %s }; return %s }()",
			ts, v, x, i, v, v, i, rw.blankZeroed(v+"["+i+"]", u.Elem(), depth+1), v)
	}
	return x
}

// blankInterfaces returns b, the comparison of two interfaces of types
// tx and ty, rewritten to compare the values of the types with blank
// fields in scope that both admit as above, or b itself when there are
// none:
//
//	func(x, y any) bool { if v, ok := goconc_concrete(x).(U); ok { w, ok := goconc_concrete(y).(U); return ok && (true) }; return x == y }(u1, u2)
func (rw *rewriter) blankInterfaces(b *ast.BinaryExpr, tx, ty types.Type) ast.Expr {
	ix, iy := tx.Underlying().(*types.Interface), ty.Underlying().(*types.Interface)
	scope := rw.scopeAt(b.Pos())
	if ix == nil || iy == nil || scope == nil {
		return b
	}
	cases, n := rw.blankCases("goconc_x", "goconc_y", ix, iy, scope, b.Pos())
	if n == 0 {
		return b
	}
	var src strings.Builder
	fmt.Fprintf(&src, "func(goconc_x %s, goconc_y %s) bool {%s", rw.typeString(tx), rw.typeString(ty), cases)
	src.WriteString(" return goconc_x == goconc_y }")
	var eq ast.Expr = &ast.CallExpr{Fun: ast.NewIdent(src.String()), Lparen: b.OpPos, Args: []ast.Expr{b.X, b.Y}, Rparen: b.End()}
	rw.info.Types[eq] = types.TypeAndValue{Type: types.Typ[types.Bool]}
	if b.Op == token.NEQ {
		eq = &ast.UnaryExpr{OpPos: b.OpPos, Op: token.NOT, X: eq}
		rw.info.Types[eq] = types.TypeAndValue{Type: types.Typ[types.Bool]}
	}
	return eq
}

// blankCases returns the statements that compare x and y, interfaces of
// types ix and iy, when both hold a value of one of the types with blank
// fields visible at pos that both admit, and how many types there are.
func (rw *rewriter) blankCases(x, y string, ix, iy *types.Interface, scope *types.Scope, pos token.Pos) (string, int) {
	var src strings.Builder
	n := 0
	for _, tn := range rw.visibleTypes(scope, pos) {
		t := tn.Type()
		if !hasBlankFields(t, 0) || !types.Implements(t, ix) || !types.Implements(t, iy) {
			continue
		}
		fmt.Fprintf(&src, " if goconc_bv, ok := %[1]s(%[2]s).(%[4]s); ok { goconc_bw, ok := %[1]s(%[3]s).(%[4]s); return ok && (%[5]s) };",
			concreteFunc, x, y, tn.Name(), rw.blankEqual("goconc_bv", "goconc_bw", t, 0))
		if n++; n >= mostCandidates {
			break
		}
	}
	return src.String(), n
}
