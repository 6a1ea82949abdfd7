package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// A listedPackage is what go list reports of one package.
type listedPackage struct {
	ImportPath string
	Name       string
	Export     string // file holding the compiler's export data
	Standard   bool
	DepOnly    bool // listed only as a dependency of a named package
	Error      *struct{ Err string }
}

// A loadedPackage is a package to write a table for.
type loadedPackage struct {
	types    *types.Package
	standard bool
	export   string // file holding its export data
}

// load lists the packages the patterns name and reads their types from
// the export data the go command writes for them: faster than checking
// the standard library from source, and exactly what the binary links.
// The packages come back sorted by import path.
func load(ctx context.Context, dir string, patterns []string) ([]loadedPackage, error) {
	listed, err := goList(ctx, dir, patterns)
	if err != nil {
		return nil, err
	}
	exports := map[string]string{}
	var selected []listedPackage
	for _, p := range listed {
		exports[p.ImportPath] = p.Export
		if p.DepOnly || p.Standard && !importableStd(p.ImportPath) {
			continue
		}
		if p.Error != nil {
			return nil, fmt.Errorf("package %s: %s", p.ImportPath, p.Error.Err)
		}
		selected = append(selected, p)
	}
	slices.SortFunc(selected, func(a, b listedPackage) int {
		return strings.Compare(a.ImportPath, b.ImportPath)
	})

	lookup := func(path string) (io.ReadCloser, error) {
		file := exports[path]
		if file == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	}
	imp := importer.ForCompiler(token.NewFileSet(), "gc", lookup)
	pkgs := make([]loadedPackage, 0, len(selected))
	for _, p := range selected {
		tp, err := imp.Import(p.ImportPath)
		if err != nil {
			return nil, fmt.Errorf("reading the types of %s: %w", p.ImportPath, err)
		}
		pkgs = append(pkgs, loadedPackage{types: tp, standard: p.Standard, export: p.Export})
	}
	return pkgs, nil
}

// goList runs go list in dir, so that the module there resolves
// non-standard import paths, and builds the export data of the packages
// and their dependencies.
func goList(ctx context.Context, dir string, patterns []string) ([]listedPackage, error) {
	args := append([]string{"list", "-e", "-export", "-deps",
		"-json=ImportPath,Name,Export,Standard,DepOnly,Error"}, patterns...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("reading go list output: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}
