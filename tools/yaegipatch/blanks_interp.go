//go:build ignore

// This file is added to yaegi's interp package by the workspace that
// yaegipatch writes (the build constraint above is removed there).
//
// A struct may have several blank fields (struct{ _ int; a int; _ string },
// padding kept in layouts written after C's). The interpreter names a
// field of the run-time type it builds after the field, X_ for each
// blank one, and reflect.StructOf refuses the second: "duplicate field
// X_", a panic as soon as the type is used. No program can name a blank
// field, so the second and later ones get names of their own.

package interp

import "strconv"

// goconcFieldName is the name of the run-time type's field for the i-th
// field, named name, of a struct type: exportName's, but for a blank
// field after the first, which is told apart by its index.
func goconcFieldName(name string, i int) string {
	if name == "_" && i > 0 {
		return "X_goconcBlank" + strconv.Itoa(i)
	}
	return exportName(name)
}
