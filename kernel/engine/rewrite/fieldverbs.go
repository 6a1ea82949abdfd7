package rewrite

import (
	"go/ast"
	"go/types"
	"strings"
)

// The interpreter prints a cell struct's fields under the names of its
// run-time type, where unexported ones carry an added X, and %#v names
// the type as a struct literal type with goconc's tags: for
//
//	type account struct{ owner string; balance int }
//
// fmt.Printf("%+v", a) prints {Xowner:ann Xbalance:10}. So the argument
// of a %+v or %#v verb whose static type is a cell struct type, or a
// pointer to one, goes through goconc_rt.FieldNames, a fmt.Formatter
// that prints the names as written (from the goconcfields tag,
// structtags.go) and the type as main.account. Types with a
// String, Error, Format or GoString method are left to fmt, which calls
// the method.

// fieldVerbs rewrites, in place, the arguments of %+v and %#v verbs, and
// those whose types' names show (typenames.go), of a call of fmt's or log's formatting functions whose format is a constant.
func (rw *rewriter) fieldVerbs(call *ast.CallExpr) {
	format, pos, ok := rw.constantFormat(call)
	if !ok {
		return
	}
	wrapped := map[int]bool{}
	for _, v := range scanVerbs(format) {
		i := pos[1] + v.arg
		if i >= len(call.Args) || wrapped[i] {
			continue
		}
		if typeNamesVerb(v) {
			if named := rw.typeNamesArg(call.Args[i]); named != nil {
				call.Args[i] = named
				wrapped[i] = true
				continue
			}
		}
		if v.verb != 'v' || !strings.ContainsAny(v.flags, "+#") {
			continue
		}
		t := rw.info.TypeOf(call.Args[i])
		if t == nil || !printsFieldNames(t) {
			continue
		}
		call.Args[i] = rw.rtCall("FieldNames", call.Args[i])
		wrapped[i] = true
	}
}

// printsFieldNames reports whether fmt may print a cell struct type's
// fields for a value of type t: t is built from such a type (a pointer,
// slice, array or map of them, a struct with one in a field) or is an
// empty interface, without a method that fmt would call instead.
func printsFieldNames(t types.Type) bool {
	for _, m := range []string{"String", "Error", "Format", "GoString"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, m); obj != nil {
			if _, isFunc := obj.(*types.Func); isFunc {
				return false
			}
		}
	}
	if it, ok := t.Underlying().(*types.Interface); ok {
		return it.Empty()
	}
	return holdsCellStructType(t, map[types.Type]bool{})
}

// holdsCellStructType reports whether t is or is built from a cell
// struct type with fields.
func holdsCellStructType(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	if named, ok := types.Unalias(t).(*types.Named); ok {
		if named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "main" && named.TypeArgs().Len() == 0 {
			if st, ok := named.Underlying().(*types.Struct); ok && st.NumFields() > 0 {
				return true
			}
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Chan:
		// Not followed: fmt prints a channel as its address.
	case *types.Struct:
		for i := range u.NumFields() {
			if !u.Field(i).Exported() && !u.Field(i).Embedded() {
				return true // the interpreter renames it
			}
			if holdsCellStructType(u.Field(i).Type(), seen) {
				return true
			}
		}
	default:
		for _, part := range TypeParts(u) {
			if holdsCellStructType(part, seen) {
				return true
			}
		}
	}
	return false
}
