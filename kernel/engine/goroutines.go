package engine

import (
	"go/build"
	"strings"
)

// Go numbers a program's goroutines in the order they start, and under
// GOMAXPROCS=1 the runtime's own take the numbers before main's first go
// statement runs: main is 1, the runtime's helpers take 2 to 5, and
// one more when a package's initialisation sets a finalizer (package os
// does, for its standard files, and so does every package importing it,
// fmt and log among them), and one more when the program imports package
// net. So a program's first goroutine is 6, 7 or 8, depending on what it
// imports; firstGoroutine works it out from the program's imports and
// the standard library's sources, as `go run` would build it.

// firstGoroutine returns the number Go gives the first goroutine a
// program with the imports given starts, under one processor. Packages
// outside the standard library are taken to import os, as goconc's and
// golang.org/x/sync's do; without the standard library's sources the
// answer is that of a program importing os.
func firstGoroutine(imports []string) int64 {
	const base = 6
	deps := map[string]bool{}
	var visit func(path string) bool
	visit = func(path string) bool {
		if deps[path] || path == "C" || path == "unsafe" {
			return true
		}
		deps[path] = true
		pkg, err := build.Default.Import(path, "", build.IgnoreVendor)
		if err != nil {
			// The standard library's own copies of other modules'
			// packages.
			pkg, err = build.Default.Import("vendor/"+path, "", build.IgnoreVendor)
		}
		if err != nil || !pkg.Goroot {
			return false
		}
		for _, p := range pkg.Imports {
			if !visit(p) {
				return false
			}
		}
		return true
	}
	osImported := false
	for _, path := range imports {
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
			osImported = true // a module's package
			continue
		}
		if !visit(path) {
			return base + 1
		}
	}
	first := int64(base)
	if osImported || deps["os"] {
		first++
	}
	if deps["net"] {
		first++
	}
	return first
}
