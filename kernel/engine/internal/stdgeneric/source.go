// Package stdgeneric holds Go source for the generic functions of the
// standard library's slices, maps, cmp and sync packages, one subpackage
// for each. The interpreter cannot hold generic functions in its compiled
// symbol tables, so the cell engine instantiates this source for the
// types of each use and runs it interpreted.
//
// The subpackages are ordinary Go, tested against the standard library
// they stand for. Their source follows rules that let the engine turn one
// function into a function literal for given type arguments:
//
//   - each exported function has the name, type parameters and parameters
//     of the standard function it replaces;
//   - a function refers to no other function of its package, only to
//     imported packages;
//   - no name inside a function shadows a type parameter or an import;
//   - no min, max or clear builtins and no range over integers or
//     functions: the engine rewrites those in cells, not here.
package stdgeneric

import "embed"

// Source holds the subpackages' source, as slices/slices.go and so on.
//
//go:embed slices/slices.go maps/maps.go cmp/cmp.go sync/sync.go
var Source embed.FS

// File returns the name in Source of the file that stands for the
// standard package with the given import path.
func File(importPath string) (string, bool) {
	switch importPath {
	case "slices", "maps", "cmp", "sync":
		return importPath + "/" + importPath + ".go", true
	}
	return "", false
}
