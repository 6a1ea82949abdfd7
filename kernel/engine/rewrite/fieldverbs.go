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

// fieldVerbs rewrites, in place, the arguments of %+v and %#v verbs of a
// call of fmt's or log's formatting functions whose format is a constant.
func (rw *rewriter) fieldVerbs(call *ast.CallExpr) {
	format, pos, ok := rw.constantFormat(call)
	if !ok {
		return
	}
	wrapped := map[int]bool{}
	for _, v := range scanVerbs(format) {
		i := pos[1] + v.arg
		if v.verb != 'v' || !strings.ContainsAny(v.flags, "+#") || i >= len(call.Args) || wrapped[i] {
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

// printsFieldNames reports whether fmt prints a value of type t as a cell
// struct type's fields: t is such a type or a pointer to one, without a
// method that fmt would call instead.
func printsFieldNames(t types.Type) bool {
	for _, m := range []string{"String", "Error", "Format", "GoString"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, m); obj != nil {
			if _, isFunc := obj.(*types.Func); isFunc {
				return false
			}
		}
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "main" || named.TypeArgs().Len() > 0 {
		return false
	}
	st, ok := named.Underlying().(*types.Struct)
	return ok && st.NumFields() > 0
}
