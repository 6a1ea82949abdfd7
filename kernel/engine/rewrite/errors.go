package rewrite

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
)

// errors.As(err, &target) looks for a value of target's type along err's
// chain, which a compiled errors.As cannot do for a cell's type: the
// interpreter's pointer to it implements no error, and a cell's error in
// the chain is the interpreter's wrapper, not the cell's value
// (cellrt's errors.go). So a call whose target is of a cell type becomes a
// literal that walks the chain in the cell:
//
//	errors.As(err, &pe)
//
// becomes, on one line, so that the cell's lines keep their numbers,
//
//	func(goconc_err error, goconc_target **PtrErr) bool {
//		for _, goconc_x := range goconc_rt.ErrorChain(goconc_err) {
//			if goconc_v, ok := goconc_concrete(goconc_x).(*PtrErr); ok { ... }
//			if goconc_rt.ErrorAs(goconc_x, goconc_target) { return true }
//		}
//		return false
//	}(err, &pe)
//
// goconc_rt.ErrorAs calls an error's As method, a compiled error's or,
// through its wrapper, a cell's.
// An assertion to a cell interface is the type switch assert.go
// makes.
//
// errors.AsType[E](err), new in Go 1.26, is generic, so the interpreter's
// tables lack it; every call becomes the same walk, returning the value
// found instead of storing it.

// errorsCall rewrites, in place, a call of the errors package: Is and
// Unwrap go to the runtime's versions (cellrt's errors.go), As as above, and
// Join gets its errors in a slice, since the interpreter passes a cell's
// error to a variadic error parameter unwrapped.
func (rw *rewriter) errorsCall(call *ast.CallExpr) {
	fun := ast.Unparen(call.Fun)
	if ix, ok := fun.(*ast.IndexExpr); ok {
		fun = ix.X
	}
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	fn, ok := rw.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "errors" {
		return
	}
	switch fn.Name() {
	case "Is":
		call.Fun = rw.rtCall("ErrorsIs").Fun
	case "Unwrap":
		call.Fun = rw.rtCall("ErrorsUnwrap").Fun
	case "As":
		rw.errorsAs(call)
	case "AsType":
		rw.errorsAsType(call, sel)
	case "Join":
		if !call.Ellipsis.IsValid() {
			call.Args = []ast.Expr{&ast.CompositeLit{Type: &ast.ArrayType{Elt: ast.NewIdent("error")}, Elts: call.Args}}
			call.Ellipsis = call.Rparen
		}
	}
}

// errorsAs rewrites a call of errors.As whose target is of a cell type.
func (rw *rewriter) errorsAs(call *ast.CallExpr) {
	if len(call.Args) != 2 {
		return
	}
	ptr, ok := rw.info.Types[call.Args[1]].Type.Underlying().(*types.Pointer)
	if !ok {
		return
	}
	target := ptr.Elem()
	base := target
	if p, ok := base.(*types.Pointer); ok {
		base = p.Elem()
	}
	if !isCellType(base) || types.IsInterface(base) && base != target {
		return
	}
	assert, ok := rw.chainAssert(target, call.Pos())
	if !ok {
		return
	}
	call.Fun = ast.NewIdent(fmt.Sprintf("func(goconc_err error, goconc_target *%[1]s) bool { "+
		"if goconc_target == nil { panic(%[2]q) }; "+
		"for _, goconc_x := range %[3]s.ErrorChain(goconc_err) { "+
		"if goconc_v, ok := %[4]s; ok { *goconc_target = goconc_v; return true }; "+
		"if %[3]s.ErrorAs(goconc_x, goconc_target) { return true } }; "+
		"return false }",
		rw.typeString(target), "errors: target cannot be nil", runtimeName, assert))
}

// chainAssert returns the comma-ok assertion of goconc_x, an error of a
// chain, to target, in source on one line.
//
// The literals' names are the engine's: the interpreter takes a name in
// a package-level variable's initializer for the package's.
func (rw *rewriter) chainAssert(target types.Type, pos token.Pos) (string, bool) {
	base := target
	if p, ok := base.(*types.Pointer); ok {
		base = p.Elem()
	}
	if !types.IsInterface(target) {
		if !isCellType(base) {
			return fmt.Sprintf("goconc_x.(%s)", rw.typeString(target)), true
		}
		return fmt.Sprintf("%s(goconc_x).(%s)", concreteFunc, rw.typeString(target)), true
	}
	c := rw.assertCall(ast.NewIdent("goconc_x"), target, pos, true)
	if c == nil {
		return fmt.Sprintf("goconc_x.(%s)", rw.typeString(target)), true
	}
	var b bytes.Buffer
	if err := printer.Fprint(&b, token.NewFileSet(), c); err != nil {
		return "", false
	}
	return oneLine(b.Bytes()), true
}

// errorsAsType rewrites errors.AsType[E](err) into the walk errors.As's
// literal makes, for every E.
func (rw *rewriter) errorsAsType(call *ast.CallExpr, sel *ast.SelectorExpr) {
	inst, ok := rw.info.Instances[sel.Sel]
	if !ok || inst.TypeArgs.Len() != 1 || len(call.Args) != 1 {
		return
	}
	target := inst.TypeArgs.At(0)
	assert, ok := rw.chainAssert(target, call.Pos())
	if !ok {
		return
	}
	call.Fun = ast.NewIdent(fmt.Sprintf("func(goconc_err error) (%[1]s, bool) { "+
		"var goconc_t %[1]s; "+
		"for _, goconc_x := range %[2]s.ErrorChain(goconc_err) { "+
		"if goconc_v, ok := %[3]s; ok { return goconc_v, true }; "+
		"if %[2]s.ErrorAs(goconc_x, &goconc_t) { return goconc_t, true } }; "+
		"return goconc_t, false }",
		rw.typeString(target), runtimeName, assert))
}

// selfMethods returns the source of a goconc_self method for each type
// among decls with methods, so that the errors package compares and
// finds the cell's values rather than the interpreter's wrappers of them
// (cellrt's errors.go), and so that assertions, %T and fmt find them in
// the wrappers of other compiled interfaces (fmt.Stringer,
// sort.Interface); and a goconc_typename method, which names the type
// for %T where the value, back from compiled code, no longer can (a
// "type Temp float64" comes back a float64).
func (rw *rewriter) selfMethods(decls []ast.Decl) []string {
	var out []string
	for _, ts := range definedTypes(decls) {
		obj, ok := rw.info.Defs[ts.Name].(*types.TypeName)
		if !ok || ts.TypeParams != nil {
			continue
		}
		if recv, ok := selfReceiver(obj.Type()); ok {
			out = append(out, fmt.Sprintf("func (x %s) goconc_self() any { return x }", recv),
				fmt.Sprintf("func (x %s) goconc_typename() string { return %q }", recv, reflectTypeString(obj.Type())))
		}
	}
	return out
}

// selfReceiver returns the receiver of t's goconc_self method, and
// whether t gets one: a concrete type of the cells with methods. The
// receiver is a pointer when Error's is, or when every method's is.
func selfReceiver(t types.Type) (string, bool) {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || types.IsInterface(n) || n.NumMethods() == 0 || n.TypeParams().Len() > 0 || !isCellType(n) {
		return "", false
	}
	name := n.Obj().Name()
	if types.Implements(n, errorInterface) {
		return name, true
	}
	if types.Implements(types.NewPointer(n), errorInterface) {
		return "*" + name, true
	}
	for i := range n.NumMethods() {
		if _, ptr := n.Method(i).Signature().Recv().Type().(*types.Pointer); !ptr {
			return name, true
		}
	}
	return "*" + name, true
}

// errorComparisons replaces the comparisons of two errors under root
// with goconc_rt.ErrorsEqual, which compares the cells' values rather
// than the interpreter's wrappers of them, and returns root or what
// replaces it.
func (rw *rewriter) errorComparisons(root ast.Node) ast.Node {
	var walk func(n ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		eachChild(n, walk)
		b, ok := n.(*ast.BinaryExpr)
		if !ok || (b.Op != token.EQL && b.Op != token.NEQ) || !rw.isErrorValue(b.X) || !rw.isErrorValue(b.Y) {
			return n
		}
		var eq ast.Expr = rw.rtCall("ErrorsEqual", b.X, b.Y)
		if b.Op == token.NEQ {
			eq = &ast.UnaryExpr{OpPos: b.OpPos, Op: token.NOT, X: eq}
		}
		return eq
	}
	return walk(root)
}

// isErrorValue reports whether e is a value of type error other than nil.
func (rw *rewriter) isErrorValue(e ast.Expr) bool {
	tv, ok := rw.info.Types[e]
	return ok && tv.IsValue() && !tv.IsNil() && types.Identical(tv.Type, universeError)
}

// universeError is the predeclared type error.
var universeError = types.Universe.Lookup("error").Type()

// The interpreter converts a nil pointer of a cell's type to a nil error,
// where Go makes an error that holds the nil pointer and is not nil. So
// where a value of such a pointer type becomes an error (assigned,
// returned, passed, sent, converted or put in a composite literal), it
// goes through a literal that makes
// that error for nil (goconc_rt.NilError):
//
//	return p
//
// becomes
//
//	return func(goconc_p *PtrErr) error { if goconc_p == nil { return goconc_rt.NilError(goconc_p, "*main.PtrErr", func() string { return goconc_p.Error() }) }; return goconc_p }(p)
//
// An operand that cannot be nil (&T{...}) is left as it is.

// typedNilErrors rewrites the conversions under root, which is returned
// or what replaces it.
func (rw *rewriter) typedNilErrors(root ast.Node) ast.Node {
	var results []*types.Tuple // of the functions around the node being walked
	var walk func(n ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if fn, ok := rw.info.Defs[n.Name].(*types.Func); ok {
				results = append(results, fn.Signature().Results())
				defer func() { results = results[:len(results)-1] }()
			}
		case *ast.FuncLit:
			if sig, ok := rw.info.Types[n].Type.(*types.Signature); ok {
				results = append(results, sig.Results())
				defer func() { results = results[:len(results)-1] }()
			}
		}
		eachChild(n, walk)
		switch n := n.(type) {
		case *ast.ReturnStmt:
			if len(results) > 0 && results[len(results)-1].Len() == len(n.Results) {
				for i, r := range n.Results {
					n.Results[i] = rw.nilErrorBox(r, results[len(results)-1].At(i).Type())
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs) {
				for i, r := range n.Rhs {
					if tv, ok := rw.info.Types[n.Lhs[i]]; ok {
						n.Rhs[i] = rw.nilErrorBox(r, tv.Type)
					}
				}
			}
		case *ast.SendStmt:
			if tv, ok := rw.info.Types[n.Chan]; ok {
				if ch, ok := tv.Type.Underlying().(*types.Chan); ok {
					n.Value = rw.nilErrorBox(n.Value, ch.Elem())
				}
			}
		case *ast.CompositeLit:
			rw.nilErrorElements(n)
		case *ast.ValueSpec:
			if n.Type != nil && len(n.Names) == len(n.Values) {
				if tv, ok := rw.info.Types[n.Type]; ok {
					for i, v := range n.Values {
						n.Values[i] = rw.nilErrorBox(v, tv.Type)
					}
				}
			}
		case *ast.CallExpr:
			tv, ok := rw.info.Types[n.Fun]
			switch {
			case !ok:
			case tv.IsType() && len(n.Args) == 1:
				n.Args[0] = rw.nilErrorBox(n.Args[0], tv.Type)
			case tv.IsValue():
				sig, ok := tv.Type.Underlying().(*types.Signature)
				if !ok || n.Ellipsis.IsValid() {
					break
				}
				for i, a := range n.Args {
					var pt types.Type
					switch {
					case sig.Variadic() && i >= sig.Params().Len()-1:
						pt = sig.Params().At(sig.Params().Len() - 1).Type().(*types.Slice).Elem()
					case i < sig.Params().Len():
						pt = sig.Params().At(i).Type()
					}
					if pt != nil {
						n.Args[i] = rw.nilErrorBox(a, pt)
					}
				}
			}
		}
		return n
	}
	return walk(root)
}

// nilErrorElements rewrites the elements of a composite literal that
// become errors.
func (rw *rewriter) nilErrorElements(lit *ast.CompositeLit) {
	tv, ok := rw.info.Types[lit]
	if !ok {
		return
	}
	for i, e := range lit.Elts {
		kv, isKV := e.(*ast.KeyValueExpr)
		var elem types.Type
		switch t := tv.Type.Underlying().(type) {
		case *types.Slice:
			elem = t.Elem()
		case *types.Array:
			elem = t.Elem()
		case *types.Map:
			elem = t.Elem()
			if isKV {
				kv.Key = rw.nilErrorBox(kv.Key, t.Key())
			}
		case *types.Struct:
			if !isKV && i < t.NumFields() {
				elem = t.Field(i).Type()
			}
			for j := 0; isKV && j < t.NumFields(); j++ {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == t.Field(j).Name() {
					elem = t.Field(j).Type()
				}
			}
		}
		if isKV {
			kv.Value = rw.nilErrorBox(kv.Value, elem)
		} else {
			lit.Elts[i] = rw.nilErrorBox(e, elem)
		}
	}
}

// nilErrorBox returns e, or the literal that makes an error of it when e
// is a pointer to a cell's type that may be nil and target is error.
func (rw *rewriter) nilErrorBox(e ast.Expr, target types.Type) ast.Expr {
	if target == nil || !types.Identical(target, universeError) {
		return e
	}
	tv, ok := rw.info.Types[e]
	if !ok || !tv.IsValue() {
		return e
	}
	ptr, ok := tv.Type.(*types.Pointer)
	if !ok || !isCellType(ptr.Elem()) || !types.Implements(ptr, errorInterface) {
		return e
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return e // &T{...} or &v: never nil
		}
	case *ast.CallExpr:
		if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok && id.Name == "new" {
			return e
		}
	}
	p := rw.typeString(ptr)
	return &ast.CallExpr{
		Fun: ast.NewIdent(fmt.Sprintf("func(goconc_p %s) error { if goconc_p == nil { return %s.NilError(goconc_p, %q, func() string { return goconc_p.Error() }) }; return goconc_p }",
			p, runtimeName, reflectTypeString(ptr))),
		Args: []ast.Expr{e},
	}
}
