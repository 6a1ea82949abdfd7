package main

import (
	"go/types"
	"strings"
)

// A table is what one package offers cells: the exported names the
// interpreter can link against, in the order of the package scope.
type table struct {
	pkg      *types.Package
	standard bool
	values   []types.Object    // functions, variables and constants
	types    []*types.TypeName // types a value can have
	wrappers []wrapper         // one for each interface type
}

// A wrapper describes the struct type through which an interpreted value
// implements an interface of the package: a field of func type for each
// method, which the interpreter sets to the value's method.
type wrapper struct {
	iface   *types.TypeName
	methods []*types.Func // the exported ones; the interpreter can supply no others
}

// newTable collects the exported names of pkg that a table can hold.
// Generic functions and types are left out, as reflection cannot
// represent them uninstantiated; so are constraint interfaces, which
// are not types of values.
func newTable(pkg *types.Package, standard bool) *table {
	t := &table{pkg: pkg, standard: standard}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Func:
			if !obj.Exported() || obj.Signature().TypeParams().Len() > 0 {
				continue
			}
			t.values = append(t.values, obj)
		case *types.Var, *types.Const:
			if obj.Exported() {
				t.values = append(t.values, obj)
			}
		case *types.TypeName:
			if !obj.Exported() || isGeneric(obj.Type()) {
				continue
			}
			iface, isIface := obj.Type().Underlying().(*types.Interface)
			if isIface && !iface.IsMethodSet() {
				continue
			}
			t.types = append(t.types, obj)
			if isIface {
				t.wrappers = append(t.wrappers, newWrapper(obj, iface))
			}
		}
	}
	return t
}

func isGeneric(t types.Type) bool {
	switch t := t.(type) {
	case *types.Named:
		return t.TypeParams().Len() > 0
	case *types.Alias:
		return t.TypeParams().Len() > 0
	}
	return false
}

func newWrapper(obj *types.TypeName, iface *types.Interface) wrapper {
	w := wrapper{iface: obj}
	for i := range iface.NumMethods() {
		if m := iface.Method(i); m.Exported() {
			w.methods = append(w.methods, m)
		}
	}
	return w
}

// wrapperName is the name of the wrapper type for the interface named
// name in the package with the given import path. The interpreter finds
// the type through the table entry "_" + name, whatever its name.
func wrapperName(path, name string) string {
	return "_" + identifier(path) + "_" + name
}

// identifier turns an import path into a Go identifier (and file name)
// fragment: "net/http" becomes "net_http".
func identifier(path string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, path)
}
