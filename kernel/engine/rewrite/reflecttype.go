package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// reflect.TypeOf of a boxed value (namedbasic.go) is its underlying
// type's: the interpreter has no other. Where a cell prints such a type,
// asks its Name or PkgPath, or compares two of them, reflect.TypeOf(x)
// becomes goconc_rt.TypeOf(x), whose type is named as the cell's
// (cellrt's boxes.go); a value of a boxed type goes in its box first.
// So does a cell struct's, whose run-time type has no name either, and
// whose Field(i) gives the field's name as written.
// reflect.ValueOf(x).Type() there is the same.
// Elsewhere, reflect.TypeOf stays reflect's: its other functions (New,
// Zero, SliceOf) take only reflect's own types. String is typeverb.go's.

// typeOfCalls rewrites the uses of reflect.TypeOf in call as above.
func (rw *rewriter) typeOfCalls(call *ast.CallExpr) {
	if _, ok := rw.printerOf(call); ok {
		for i, a := range call.Args {
			call.Args[i] = rw.namedTypeOf(a)
		}
		return
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		switch {
		case len(call.Args) == 0 && (sel.Sel.Name == "Name" || sel.Sel.Name == "PkgPath"):
			sel.X = rw.namedTypeOf(sel.X)
		case len(call.Args) == 1 && sel.Sel.Name == "Field", len(call.Args) == 0 && sel.Sel.Name == "String":
			// A cell struct's name and its fields by the names
			// written (cellrt's namedType.Field). String of an
			// interface's dynamic type is typeverb.go's, which names
			// the runtime's errors too.
			if arg := rw.typeOfArg(sel.X); arg != nil && isCellStruct(rw.info.TypeOf(arg)) {
				sel.X = rw.namedTypeOf(sel.X)
			}
		}
	}
}

// typeOfComparison rewrites reflect.TypeOf(x) == reflect.TypeOf(y) as
// above; a comparison with a type from elsewhere stays, which would
// otherwise tell a boxed type from the same type found another way.
func (rw *rewriter) typeOfComparison(b *ast.BinaryExpr) {
	if b.Op != token.EQL && b.Op != token.NEQ {
		return
	}
	if rw.typeOfArg(b.X) == nil || rw.typeOfArg(b.Y) == nil {
		return
	}
	b.X, b.Y = rw.namedTypeOf(b.X), rw.namedTypeOf(b.Y)
}

// typeOfArg returns x of reflect.TypeOf(x) or reflect.ValueOf(x).Type(),
// or nil when e is no such call.
func (rw *rewriter) typeOfArg(e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Type" && len(call.Args) == 0 {
		if s, ok := rw.info.Selections[sel]; ok && s.Obj().Pkg() != nil && s.Obj().Pkg().Path() == "reflect" {
			if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok && rw.reflectFunc(inner, "ValueOf") {
				call = inner
			}
		}
	}
	if !rw.reflectFunc(call, "TypeOf") && !rw.reflectFunc(call, "ValueOf") {
		return nil
	}
	if call == ast.Unparen(e) && !rw.reflectFunc(call, "TypeOf") {
		return nil // reflect.ValueOf(x) itself is no type
	}
	arg := call.Args[0]
	if c, ok := arg.(*ast.CallExpr); ok && len(c.Args) == 1 && isRtCall(c, "Unboxed") {
		arg = c.Args[0] // put there by namedbasic
	}
	return arg
}

// namedTypeOf returns goconc_rt.TypeOf(x) for e, reflect.TypeOf(x), when
// x may hold a boxed value, and e otherwise.
func (rw *rewriter) namedTypeOf(e ast.Expr) ast.Expr {
	arg := rw.typeOfArg(e)
	if arg == nil {
		return e
	}
	t := rw.info.TypeOf(arg)
	switch {
	case isInterfaceType(t):
	case isCellStruct(t):
		// The interpreter's run-time type of a cell struct has no name.
	case isBoxed(t):
		arg = rw.boxTo(arg, types.Universe.Lookup("any").Type())
	default:
		return e
	}
	call := rw.rtCall("TypeOf", arg)
	rw.info.Types[call] = rw.info.Types[e]
	return call
}

// isCellStruct reports whether t is a non-generic struct type the cells
// declare.
func isCellStruct(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && isCellType(n) && isStruct(n) && n.TypeArgs().Len() == 0 && n.TypeParams().Len() == 0
}

func isBoxed(t types.Type) bool {
	_, ok := boxedType(t)
	return t != nil && ok
}

// reflectFunc reports whether call calls package reflect's function name
// with one argument.
func (rw *rewriter) reflectFunc(call *ast.CallExpr, name string) bool {
	if len(call.Args) != 1 {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fn, ok := rw.info.Uses[sel.Sel].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == "reflect" && fn.Name() == name
}
