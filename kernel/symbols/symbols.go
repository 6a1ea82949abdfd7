// Package symbols holds the compiled packages that cells can import: the
// standard library and goconc's own packages (display, lessons), as tables
// of reflect values the interpreter links against.
//
// The tables for goconc's packages are generated; after changing an
// exported API, run go generate in this directory.
package symbols

//go:generate go run ./gen goconc/display goconc/lessons/prices goconc/lessons/executor goconc/lessons/gil goconc/lessons/chart goconc/lessons/procs golang.org/x/sync/errgroup golang.org/x/sync/semaphore golang.org/x/sync/singleflight

import (
	"reflect"

	"github.com/traefik/yaegi/stdlib"
)

// Symbols is the exported-symbol table of goconc's own packages, filled by
// the generated files' init functions.
var Symbols = map[string]map[string]reflect.Value{}

// All returns the standard library's tables and goconc's in one fresh map,
// ready for interp.Use. Each call returns a new outer map so that sessions
// never share a table they might alter.
func All() map[string]map[string]reflect.Value {
	all := make(map[string]map[string]reflect.Value, len(stdlib.Symbols)+len(Symbols))
	for _, tables := range []map[string]map[string]reflect.Value{stdlib.Symbols, Symbols} {
		for path, syms := range tables {
			copied := make(map[string]reflect.Value, len(syms))
			for name, v := range syms {
				copied[name] = v
			}
			all[path] = copied
		}
	}
	return all
}
