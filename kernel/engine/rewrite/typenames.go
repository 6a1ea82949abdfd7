package rewrite

import (
	"go/ast"
	"go/types"
	"strings"
)

// A value of a method-less cell type with a basic, slice, map, array,
// pointer, channel or function underlying type has its underlying type's
// run-time type to the interpreter (namedbasic.go) where it is not in an
// interface as well: a struct field of type Celsius, an element of a
// []Names, a Celsius passed to Printf. fmt then names the underlying
// type where Go names the cell's: %#v prints []string{"x"} for
// main.Names{"x"}, and a wrong verb %!d(float64=2) for
// %!d(main.Celsius=2). So the argument of a %#v, or of a verb other than
// %v, %T and %p, whose static type holds such a type goes through
// goconc_rt.TypeNames with a description of the type's names, which
// prints it as fmt does with those names:
//
//	fmt.Printf("%#v\n", h)
//
// becomes
//
//	fmt.Printf("%#v\n", goconc_rt.TypeNames("{Nmain.Names;[.Nmain.Celsius;.}", h))
//
// The description (cellrt's typenames.go reads it) follows the type:
// "." where the run-time type has Go's names, N then the name and ";"
// before the underlying type's, "[" before an element's, "*" before a
// pointer's, "M" before a key's and an element's, and a struct's fields
// between braces. A struct type met again inside itself is ".".

// typeNamesVerb reports whether a verb with flags shows the names of the
// types of its argument's parts: %#v writes them, and the texts of wrong
// verbs do.
func typeNamesVerb(v formatVerb) bool {
	switch v.verb {
	case 'T', 'p', '*', 'w':
		// %w takes errors only, which fmt finds by their type.
		return false
	case 'v':
		return strings.Contains(v.flags, "#")
	}
	return true
}

// typeNames returns the description of the names of t's parts, or ""
// when the interpreter's run-time type names them all as Go does.
func typeNames(t types.Type) string {
	d := typeNamesOf(t, map[*types.Named]bool{})
	if d == "." {
		return ""
	}
	return d
}

func typeNamesOf(t types.Type, path map[*types.Named]bool) string {
	t = types.Unalias(t)
	if _, ok := boxedType(t); ok {
		return "N" + reflectTypeString(t) + ";" + typeNamesOf(t.Underlying(), path)
	}
	switch t := t.(type) {
	case *types.Named:
		if path[t] || t.TypeArgs().Len() > 0 {
			return "."
		}
		if _, ok := t.Underlying().(*types.Struct); !ok {
			return "."
		}
		path[t] = true
		defer delete(path, t)
		return typeNamesOf(t.Underlying(), path)
	case *types.Struct:
		fields := make([]string, t.NumFields())
		named := false
		for i := range t.NumFields() {
			fields[i] = typeNamesOf(t.Field(i).Type(), path)
			named = named || fields[i] != "."
		}
		if !named {
			return "."
		}
		return "{" + strings.Join(fields, "") + "}"
	case *types.Slice:
		return elemNames("[", t.Elem(), path)
	case *types.Array:
		return elemNames("[", t.Elem(), path)
	case *types.Pointer:
		return elemNames("*", t.Elem(), path)
	case *types.Map:
		k, e := typeNamesOf(t.Key(), path), typeNamesOf(t.Elem(), path)
		if k == "." && e == "." {
			return "."
		}
		return "M" + k + e
	}
	return "."
}

func elemNames(prefix string, elem types.Type, path map[*types.Named]bool) string {
	if d := typeNamesOf(elem, path); d != "." {
		return prefix + d
	}
	return "."
}

// typeNamesArg returns arg wrapped in goconc_rt.TypeNames when its static
// type has parts the interpreter names otherwise, or nil.
func (rw *rewriter) typeNamesArg(arg ast.Expr) ast.Expr {
	t := rw.info.TypeOf(arg)
	if t == nil || isTuple(t) || types.IsInterface(t) {
		return nil
	}
	d := typeNames(t)
	if d == "" {
		return nil
	}
	return rw.rtCall("TypeNames", strLit(d), arg)
}
