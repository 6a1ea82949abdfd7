package rewrite

import "go/types"

// Go lets a program declare the predeclared names again: const nil = 23,
// type int32 struct{...}, var int = 15. The passes write code that means
// the predeclared ones (nil, int, len, panic), and the interpreter itself
// reads some of them as the universe's whatever the program declares: a
// constant int made its compiler dereference nil, a constant nil made a
// goroutine pointer of an int. RenamePredeclared gives each such
// declaration a name of its own, made of its name, universeMark and a
// number, in the identifiers that declare and use it; the cell must then
// be checked again. Where a renamed type's name is shown it is its name
// as written (LocalName). Fields and methods keep their names: they are
// always reached through a value, and reflect and fmt show them. So does
// iota: a constant specification without values repeats the previous
// one's expressions, and an iota there means the one declared in between
// (const ( A = iota; iota = iota; B )), which the interpreter finds by
// name.

// universeMark separates a renamed declaration's name from its number.
const universeMark = "_goconcUniverse"

// RenamePredeclared renames, in the syntax info describes, the
// declarations of the predeclared names, and reports whether it renamed
// any.
func RenamePredeclared(info *types.Info) bool {
	var redeclared []declared
	for id, obj := range info.Defs {
		if obj == nil || obj.Parent() == nil || obj.Parent() == types.Universe || types.Universe.Lookup(obj.Name()) == nil || obj.Name() == "iota" {
			continue
		}
		if _, ok := obj.(*types.PkgName); ok {
			continue
		}
		redeclared = append(redeclared, declared{obj, id.Pos()})
	}
	return renameDeclared(info, redeclared, universeMark)
}
