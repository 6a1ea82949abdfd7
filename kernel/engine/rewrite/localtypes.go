package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"sort"
)

// A type declared in a function with the name of a package-level one
// (type Point inside a func, next to the package's Point) is the
// package's to the interpreter, which resolves the name at package level
// first. RenameLocalTypes gives such a type a name of its own, made of
// its name, localMark and a number, in the identifiers that declare and
// use it; the cell must then be checked again. Where the type's name is
// shown (%T, %#v, a panic's message) it is its name as written, as Go
// shows it: main.Point (see LocalName).
//
// Types local to two functions with one name (type T struct{...} in
// one, type T interface{} in another) are renamed too: once a generic
// type's method has named its type parameter T (the prelude's
// goconc_AtomicPointer does), the interpreter resolves the second
// function's T to the first's.

// localMark separates a renamed local type's name from its number.
const localMark = "_goconcLocal"

// RenameLocalTypes renames, in the syntax info describes, the function-
// local types whose names an enclosing scope or another local type
// declares too, and reports whether it renamed any.
func RenameLocalTypes(info *types.Info) bool {
	var shadowing []declared
	locals := map[string]int{} // local types by name
	for _, obj := range info.Defs {
		if tn, ok := localTypeName(obj); ok {
			if _, param := tn.Type().(*types.TypeParam); !param {
				locals[tn.Name()]++
			}
		}
	}
	for id, obj := range info.Defs {
		tn, ok := localTypeName(obj)
		if !ok {
			continue
		}
		_, param := tn.Type().(*types.TypeParam)
		twice := !param && locals[tn.Name()] > 1
		if _, outer := tn.Parent().Parent().LookupParent(tn.Name(), token.NoPos); (outer == nil || outer.Parent() == types.Universe) && !twice {
			continue
		}
		shadowing = append(shadowing, declared{tn, id.Pos()})
	}
	return renameDeclared(info, shadowing, localMark)
}

// localTypeName returns obj as a type name declared in a function.
func localTypeName(obj types.Object) (*types.TypeName, bool) {
	tn, ok := obj.(*types.TypeName)
	if !ok || tn.Pkg() == nil || tn.Parent() == nil || tn.Parent() == tn.Pkg().Scope() || tn.Parent().Parent() == nil {
		return nil, false
	}
	return tn, true
}

// renamedLocal matches the names RenameLocalTypes and RenamePredeclared
// give.
var renamedLocal = regexp.MustCompile(`\b([\pL_][\pL\pN_]*?)(?:` + localMark + `|` + universeMark + `)[0-9]+\b`)

// LocalName returns name, or text holding names, with the local types'
// and the redeclared predeclared names as written.
func LocalName(name string) string {
	return renamedLocal.ReplaceAllString(name, "$1")
}

// declared is an object and where it is declared.
type declared struct {
	obj types.Object
	pos token.Pos
}

// renameDeclared gives each object of decls a name of its own, made of its
// name, mark and a number in the order of the declarations, in the
// identifiers that declare and use it, and reports whether it renamed
// any.
func renameDeclared(info *types.Info, decls []declared, mark string) bool {
	if len(decls) == 0 {
		return false
	}
	sort.Slice(decls, func(i, j int) bool { return decls[i].pos < decls[j].pos })
	names := map[types.Object]string{}
	for i, d := range decls {
		names[d.obj] = fmt.Sprintf("%s%s%d", d.obj.Name(), mark, i+1)
	}
	for _, ids := range []map[*ast.Ident]types.Object{info.Defs, info.Uses} {
		for id, obj := range ids {
			if name, ok := names[obj]; ok {
				id.Name = name
			}
		}
	}
	return true
}
