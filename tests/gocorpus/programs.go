package gocorpus

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Programs lists the programs below dir that are one file each: a .go
// file (not a test) of package main with a main function, alone in its
// package in its directory. It is how a collection of example programs,
// such as Go by Example's examples/ directory, becomes a corpus; their
// output is then held to the programs built natively (Runner.Native).
func Programs(dir string) ([]string, error) {
	mains := map[string][]string{} // directory: its main package's files
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != dir && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.PackageClauseOnly)
		if err != nil || f.Name.Name != "main" {
			return nil
		}
		mains[filepath.Dir(path)] = append(mains[filepath.Dir(path)], path)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var names []string
	for _, files := range mains {
		if len(files) != 1 || !hasMain(files[0]) {
			continue
		}
		rel, err := filepath.Rel(dir, files[0])
		if err != nil {
			return nil, err
		}
		names = append(names, filepath.ToSlash(rel))
	}
	slices.Sort(names)
	return names, nil
}

func hasMain(path string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(f.Decls, func(d ast.Decl) bool {
		fn, ok := d.(*ast.FuncDecl)
		return ok && fn.Recv == nil && fn.Name.Name == "main"
	})
}

// number is a number as programs print them, hexadecimal (an address),
// or decimal with a fraction and a unit of time if it has them: what
// changes from one run of a program to the next.
var number = regexp.MustCompile(`0x[0-9a-f]+|[0-9]+(\.[0-9]+)?(ns|µs|us|ms|s|m|h)?`)

// pcOffset ends a line of a compiled program's goroutine trace: where in
// the function's machine code the frame was, which an interpreter has
// no counterpart of.
var pcOffset = regexp.MustCompile(`(?m) \+0x[0-9a-f]+$`)

// loosely is a program's output with what may change from one run to the
// next taken out: its lines in sorted order, each number masked. Two
// outputs equal loosely print the same lines, in some order, but for
// numbers.
func loosely(out []byte) []byte {
	lines := strings.Split(string(number.ReplaceAll(out, []byte("#"))), "\n")
	slices.Sort(lines)
	return []byte(strings.Join(lines, "\n"))
}

// sameLoosely reports whether got matches want, where the native
// program's runs printed want and again: exactly when those agreed,
// loosely when they did not; the program counter offsets of traces
// are never compared.
func sameLoosely(want, again, got []byte) bool {
	want, again = pcOffset.ReplaceAll(want, nil), pcOffset.ReplaceAll(again, nil)
	if bytes.Equal(got, want) {
		return true
	}
	return !bytes.Equal(want, again) && bytes.Equal(loosely(got), loosely(want))
}
