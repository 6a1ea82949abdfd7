package rewrite

import (
	"fmt"
	"go/ast"
	"go/types"
	"hash/fnv"
	"sort"
	"strings"
)

// A composite of a boxed type (namedbasic.go), such as []Cents,
// map[Label]Cents or *Cents, has the run-time type of the same composite
// of the underlying types to the interpreter: in an interface, []Cents is
// []int to type switches, assertions and %T. So has a composite of a
// cell's interface type: []Shape and []Other are both a slice of the
// interpreter's own interface records. Such values go in boxes too,
// one per composite type, named after the type's string so that every
// cell declares the same one, and declared with the cell's types:
//
//	type goconc_box_c3f2a91c0 struct{ V []Cents `goconcbox:"[]main.Cents"` }
//
// Only composites without names, of types declared at package level, are
// boxed; and not when passed to compiled functions, which take the value
// itself (sort.Slice(xs, ...)).

// cellInterface reports whether t is a non-generic interface type
// declared at package level by the cells.
func cellInterface(t *types.Named) bool {
	obj := t.Obj()
	return types.IsInterface(t) && obj.Pkg() != nil && obj.Pkg().Path() == "main" &&
		obj.Parent() == obj.Pkg().Scope() && t.TypeArgs().Len() == 0 && t.TypeParams().Len() == 0
}

// boxOf returns the name of the box type of values of t in interfaces.
func (rw *rewriter) boxOf(t types.Type) (string, bool) {
	if t == nil {
		return "", false
	}
	if obj, ok := boxedType(t); ok {
		return boxPrefix + obj.Name(), true
	}
	if !rw.compositeOfBoxed(t) {
		return "", false
	}
	name := reflectTypeString(t)
	h := fnv.New32a()
	h.Write([]byte(name))
	box := fmt.Sprintf("%sc%08x", boxPrefix, h.Sum32())
	if rw.composites == nil {
		rw.composites = map[string]string{}
	}
	if _, ok := rw.composites[box]; !ok {
		rw.composites[box] = fmt.Sprintf("type %s struct{ V %s `%s:%q` }", box, rw.typeString(t), boxTag, name)
	}
	return box, true
}

// compositeOfBoxed reports whether t is an unnamed slice, array, map,
// pointer or channel type made of a boxed type declared at package
// level, and of nothing else the interpreter could not name.
func (rw *rewriter) compositeOfBoxed(t types.Type) bool {
	var walk func(t types.Type) (ok, boxed bool)
	walk = func(t types.Type) (bool, bool) {
		t = types.Unalias(t)
		if obj, ok := boxedType(t); ok {
			return obj.Parent() == obj.Pkg().Scope(), true
		}
		if parts := TypeParts(t); parts != nil {
			// Fit if all its parts are, boxed if one is.
			ok, boxed := true, false
			for _, part := range parts {
				okPart, boxedPart := walk(part)
				ok, boxed = ok && okPart, boxed || boxedPart
			}
			return ok, boxed
		}
		switch t := t.(type) {
		case *types.Basic:
			return t.Info()&types.IsUntyped == 0, false
		case *types.Named:
			if cellInterface(t) {
				// A cell's interface type: the interpreter's values
				// of it are records of its own, one run-time type for
				// every such interface, so []Shape and []Other are one
				// type to it. The composite is boxed; the interface
				// type's own values keep their dynamic types.
				return true, true
			}
			// Another named type is kept apart by the interpreter, or
			// not, on its own terms.
			return t.TypeArgs().Len() == 0, false
		}
		return false, false
	}
	if TypeParts(types.Unalias(t)) == nil {
		return false
	}
	ok, boxed := walk(t)
	return ok && boxed
}

// compositeBoxTypes returns the declarations of the composite boxes the
// cell uses, in a stable order.
func (rw *rewriter) compositeBoxTypes() []string {
	names := make([]string, 0, len(rw.composites))
	for name := range rw.composites {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, name := range names {
		out[i] = rw.composites[name]
	}
	return out
}

// compiledCallee reports whether fun, the function of a call, is a
// function or method of a compiled package.
func (rw *rewriter) compiledCallee(fun ast.Expr) bool {
	var obj types.Object
	switch fun := ast.Unparen(fun).(type) {
	case *ast.Ident:
		obj = rw.info.Uses[fun]
	case *ast.SelectorExpr:
		if s, ok := rw.info.Selections[fun]; ok {
			obj = s.Obj()
		} else {
			obj = rw.info.Uses[fun.Sel]
		}
	case *ast.IndexExpr:
		return rw.compiledCallee(fun.X)
	}
	f, ok := obj.(*types.Func)
	return ok && f.Pkg() != nil && f.Pkg().Path() != "main" && !strings.HasPrefix(f.Pkg().Path(), "main/")
}
