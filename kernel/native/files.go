package native

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// BuildFiles builds a package main made of files (paths relative to the
// package's directory, so a package internal to it may come along) in the
// Builder's module, beside goconc's own packages, into the executable
// exe. The package's directory is files/name in the module, its import
// path goconc/files/name; name must be one no other build uses at the
// same time. It is for programs that are not cells: the grader's, say, whose
// main runs a test harness. The package's source is removed once built,
// and the module directory is readable by its owner only, so a program
// cannot read back what it was built from.
//
// A package that does not compile gives a *FilesError with go build's
// output, for the caller to read at its own positions.
func (b *Builder) BuildFiles(ctx context.Context, name string, files map[string][]byte, exe string, opts BuildOptions) (time.Duration, error) {
	modDir, goCmd, err := b.module()
	if err != nil {
		return 0, err
	}
	pkgs := filepath.Join(modDir, "files")
	if err := os.MkdirAll(pkgs, 0o700); err != nil {
		return 0, fmt.Errorf("native build: %w", err)
	}
	if name == "" || name != filepath.Base(name) || name[0] == '.' {
		return 0, fmt.Errorf("native build: bad package directory name %q", name)
	}
	dir := filepath.Join(pkgs, name)
	if err := os.Mkdir(dir, 0o700); err != nil {
		return 0, fmt.Errorf("native build: %w", err)
	}
	defer os.RemoveAll(dir)
	for file, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return 0, fmt.Errorf("native build: %w", err)
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			return 0, fmt.Errorf("native build: %w", err)
		}
	}
	args := []string{"build", "-o", exe}
	if opts.Race {
		args = append(args, "-race")
	}
	args = append(args, "./files/"+name)
	start := time.Now()
	out, err := b.goRun(ctx, modDir, goCmd, args...)
	took := time.Since(start)
	if err != nil {
		if ctx.Err() != nil {
			return took, fmt.Errorf("native build: %w", context.Cause(ctx))
		}
		return took, &FilesError{Dir: "files/" + name + "/", Output: string(out)}
	}
	return took, nil
}

// FilesError is a package given to BuildFiles that did not build.
type FilesError struct {
	// Dir is the package's directory in the module, slash-terminated, as
	// go build's output may name files with it.
	Dir string
	// Output is what go build printed.
	Output string
}

func (e *FilesError) Error() string { return "go build: " + e.Output }
