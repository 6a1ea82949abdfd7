package main

import "strings"

// stdPattern is the pattern that stands for every standard package cells
// may import, as in go list.
const stdPattern = "std"

// stdExcluded lists the standard packages that get no table, with the
// reason. Internal and vendored packages are excluded by path.
var stdExcluded = map[string]string{
	"unsafe":           "the interpreter implements it itself",
	"syscall":          "its API differs from one platform to the next; the interpreter's own tables give cells the process calls",
	"plugin":           "a statically linked interpreter cannot load plugins",
	"embed":            "only the compiler embeds files, from //go:embed lines cells cannot have",
	"runtime/cgo":      "it supports cgo, which cells cannot use",
	"runtime/race":     "it serves the race detector's instrumentation",
	"runtime/msan":     "it serves the memory sanitizer's instrumentation",
	"runtime/asan":     "it serves the address sanitizer's instrumentation",
	"runtime/coverage": "it writes the coverage of the binary, not of cells",
	"time/tzdata":      "it has no API; linking it in is all it does",
}

// stdConstraints adds build constraints to the tables of standard packages
// that exist only on some platforms, repeating the packages' own.
var stdConstraints = map[string]string{
	"log/syslog": "!windows && !plan9",
}

// importableStd reports whether cells may import the standard package
// with the given import path.
func importableStd(path string) bool {
	if _, ok := stdExcluded[path]; ok {
		return false
	}
	for _, elem := range strings.Split(path, "/") {
		if elem == "internal" || elem == "vendor" {
			return false
		}
	}
	return !strings.HasPrefix(path, "cmd/")
}
