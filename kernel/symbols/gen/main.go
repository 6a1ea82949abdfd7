// Command gen writes the symbol tables through which cells reach compiled
// packages. For each package it writes a file of package symbols that
// registers, in the Symbols map, the package's exported functions,
// variables, constants and types, and wrapper types that let interpreted
// values implement its interfaces.
//
// Usage:
//
//	gen [-o dir] pattern...
//
// A pattern is an import path, or "std" for every standard package cells
// may import. The types come from the go command on PATH, and so do the
// standard library's: its tables, in files named std_*.go, build only with
// that Go release or a later one. Files that an earlier run wrote into
// dir and this run does not are removed.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	dir := flag.String("o", ".", "write the files into `dir`")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: gen [-o dir] pattern...\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(context.Background(), *dir, flag.Args()); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dir string, patterns []string) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	pkgs, err := load(ctx, wd, patterns)
	if err != nil {
		return err
	}
	version, err := goRelease()
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	for _, p := range pkgs {
		src, err := render(newTable(p.types, p.standard), version)
		if err != nil {
			return err
		}
		files[fileName(p)] = src
	}
	if err := writeFiles(dir, files); err != nil {
		return err
	}
	return writeStdTypes(filepath.Join(dir, stdTypesFile), pkgs)
}

// goRelease returns the latest release tag of the toolchain, "go1.26".
func goRelease() (string, error) {
	tags := build.Default.ReleaseTags
	if len(tags) == 0 {
		return "", fmt.Errorf("the Go toolchain reports no release tags")
	}
	return tags[len(tags)-1], nil
}

// fileName is the name of the file holding p's table.
func fileName(p loadedPackage) string {
	name := identifier(p.types.Path()) + ".go"
	if p.standard {
		name = "std_" + name
	}
	return name
}

// writeFiles writes the files into dir and removes the files an earlier
// run wrote there that are no longer wanted.
func writeFiles(dir string, files map[string][]byte) error {
	old, err := generatedFiles(dir)
	if err != nil {
		return err
	}
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return err
		}
		// A name can end like a test file or in a platform's name, and
		// the go command would leave the file out.
		if ok, err := build.Default.MatchFile(dir, name); err != nil || !ok || strings.HasSuffix(name, "_test.go") {
			return fmt.Errorf("%s would not be built on this platform (%v)", path, err)
		}
	}
	for _, name := range old {
		if _, ok := files[name]; !ok {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// generatedFiles lists the Go files in dir that gen wrote.
func generatedFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		if bytes.HasPrefix(src, []byte(generatedPrefix)) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names, nil
}
