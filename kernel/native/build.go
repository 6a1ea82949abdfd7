package native

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"goconc"
)

// BuilderOptions configure a Builder.
type BuilderOptions struct {
	// CacheDir holds the module programs are built in. Empty means
	// goconc/native in the user's cache directory.
	CacheDir string
	// Go is the go command. Empty means go on PATH, else the toolchain
	// that built goconc, else /usr/local/go/bin/go.
	Go string
	// Env is added to the environment of go build.
	Env []string
}

// A Builder builds cells into programs. Its methods may be called
// concurrently.
type Builder struct {
	opts   BuilderOptions
	once   sync.Once
	modDir string
	goCmd  string
	err    error
}

// NewBuilder returns a Builder; the module is written on first use.
func NewBuilder(opts BuilderOptions) *Builder {
	return &Builder{opts: opts}
}

// BuildOptions configure one build.
type BuildOptions struct {
	// Race builds with the race detector.
	Race bool
}

// Program is a built cell, ready to run any number of times.
type Program struct {
	// Path is the executable.
	Path string
	// Race reports whether it was built with the race detector.
	Race bool
	// BuildTime is how long go build took.
	BuildTime time.Duration
	// Source is the generated main.go, for the curious.
	Source string

	dir   string
	lines map[int][]string
}

// Close removes the executable.
func (p *Program) Close() error { return os.RemoveAll(p.dir) }

// Build builds the program of cell after earlier: their imports and
// declarations, and cell's statements as main. A program that does not
// compile gives a *BuildError.
func (b *Builder) Build(ctx context.Context, earlier []Cell, cell Cell, opts BuildOptions) (*Program, error) {
	src, err := generate(earlier, cell)
	if err != nil {
		return nil, err
	}
	modDir, goCmd, err := b.module()
	if err != nil {
		return nil, err
	}
	cells := filepath.Join(modDir, "cells")
	if err := os.MkdirAll(cells, 0o755); err != nil {
		return nil, fmt.Errorf("native build: %w", err)
	}
	dir, err := os.MkdirTemp(cells, "c")
	if err != nil {
		return nil, fmt.Errorf("native build: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src.text), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("native build: %w", err)
	}
	exe := filepath.Join(dir, "cell")
	args := []string{"build", "-o", exe}
	if opts.Race {
		args = append(args, "-race")
	}
	args = append(args, "./cells/"+filepath.Base(dir))
	start := time.Now()
	out, err := b.goRun(ctx, modDir, goCmd, args...)
	took := time.Since(start)
	os.Remove(filepath.Join(dir, "main.go"))
	if err != nil {
		os.RemoveAll(dir)
		if ctx.Err() != nil {
			return nil, fmt.Errorf("native build: %w", context.Cause(ctx))
		}
		return nil, buildError(out, src)
	}
	return &Program{Path: exe, Race: opts.Race, BuildTime: took, Source: src.text, dir: dir, lines: src.lines}, nil
}

// Warm builds, with and without the race detector, a program that imports
// the packages cells use most, so that the build cache holds them (and
// the race runtime) before the first cell needs them.
func (b *Builder) Warm(ctx context.Context) error {
	cell := Cell{Count: 1, Source: `import (
	_ "context"
	_ "errors"
	_ "fmt"
	_ "math/rand"
	_ "os"
	_ "runtime"
	_ "strings"
	_ "sync"
	_ "sync/atomic"
	_ "time"

	_ "goconc/display"
	_ "goconc/lessons/chart"
	_ "goconc/lessons/executor"
	_ "goconc/lessons/gil"
	_ "goconc/lessons/prices"
	_ "goconc/lessons/procs"
	_ "golang.org/x/sync/errgroup"
	_ "golang.org/x/sync/semaphore"
)
`}
	var errs []error
	for _, race := range []bool{false, true} {
		p, err := b.Build(ctx, nil, cell, BuildOptions{Race: race})
		if err != nil {
			errs = append(errs, fmt.Errorf("race=%v: %w", race, err))
			continue
		}
		p.Close()
	}
	return errors.Join(errs...)
}

func (b *Builder) goRun(ctx context.Context, dir, goCmd string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, goCmd, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GOFLAGS=-mod=mod",
		"GOPROXY=off",
		"GOSUMDB=off",
		"GOWORK=off",
		"GOTOOLCHAIN=local",
		"GO111MODULE=on",
	)
	cmd.Env = append(cmd.Env, b.opts.Env...)
	// The compiler and linker are go's children: cancelling kills them too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	return cmd.CombinedOutput()
}

// module returns the module directory, writing it on first use, and the
// go command.
func (b *Builder) module() (string, string, error) {
	b.once.Do(func() {
		b.goCmd, b.err = findGo(b.opts.Go)
		if b.err != nil {
			return
		}
		cache := b.opts.CacheDir
		if cache == "" {
			dir, err := os.UserCacheDir()
			if err != nil {
				b.err = fmt.Errorf("native build: no cache directory: %w", err)
				return
			}
			cache = filepath.Join(dir, "goconc", "native")
		}
		b.modDir, b.err = writeModule(cache, goconc.Source)
	})
	return b.modDir, b.goCmd, b.err
}

// findGo finds the go command.
func findGo(explicit string) (string, error) {
	if explicit != "" {
		return explicit, nil
	}
	if p, err := exec.LookPath("go"); err == nil {
		return p, nil
	}
	for _, p := range []string{filepath.Join(runtime.GOROOT(), "bin", "go"), "/usr/local/go/bin/go"} {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", errors.New("native cells need the Go toolchain: no go command on PATH or in /usr/local/go/bin")
}

// writeModule writes the module programs are built in under cache, once
// per version of the source: a directory named by the source's hash,
// written beside and renamed into place so that no build sees half of it.
func writeModule(cache string, src fs.FS) (string, error) {
	files := map[string][]byte{}
	h := sha256.New()
	err := fs.WalkDir(src, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, path)
		if err != nil {
			return err
		}
		files[path] = data
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("native build: reading goconc's source: %w", err)
	}
	mod, err := moduleFile(files["go.mod"])
	if err != nil {
		return "", err
	}
	files["go.mod"] = mod
	dir := filepath.Join(cache, "module-"+hex.EncodeToString(h.Sum(nil))[:16])
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return dir, nil
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return "", fmt.Errorf("native build: %w", err)
	}
	tmp, err := os.MkdirTemp(cache, "tmp-module-")
	if err != nil {
		return "", fmt.Errorf("native build: %w", err)
	}
	for path, data := range files {
		dst := filepath.Join(tmp, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			os.RemoveAll(tmp)
			return "", fmt.Errorf("native build: %w", err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			os.RemoveAll(tmp)
			return "", fmt.Errorf("native build: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if _, statErr := os.Stat(filepath.Join(dir, "go.mod")); statErr == nil {
			return dir, nil // another process wrote it first
		}
		return "", fmt.Errorf("native build: %w", err)
	}
	return dir, nil
}

// moduleFile writes the go.mod of the build module: goconc's module path
// and Go version, requiring only golang.org/x/sync, the one dependency
// the packages cells import have; the interpreter's own dependencies
// stay out of the build.
func moduleFile(goMod []byte) ([]byte, error) {
	var goVersion, syncVersion string
	sc := bufio.NewScanner(bytes.NewReader(goMod))
	for sc.Scan() {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "require "))
		switch {
		case len(f) >= 2 && f[0] == "go":
			goVersion = f[1]
		case len(f) >= 2 && f[0] == "golang.org/x/sync":
			syncVersion = f[1]
		}
	}
	if goVersion == "" || syncVersion == "" {
		return nil, errors.New("native build: goconc's go.mod names no go version or golang.org/x/sync")
	}
	return fmt.Appendf(nil, "module goconc\n\ngo %s\n\nrequire golang.org/x/sync %s\n", goVersion, syncVersion), nil
}

var diagLine = regexp.MustCompile(`^cell\[(\d+)\]:(\d+)(?::(\d+))?: (.*)$`)
var undefinedName = regexp.MustCompile(`^undefined: (\w+)$`)

// buildError turns go build's output into a BuildError at cell
// positions, explaining uses of statement-defined variables.
func buildError(out []byte, src *source) *BuildError {
	e := &BuildError{}
	var rest []string
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if strings.HasPrefix(line, "# ") || line == "" {
			continue
		}
		if m := diagLine.FindStringSubmatch(line); m != nil {
			cell, _ := strconv.Atoi(m[1])
			ln, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			msg := m[4]
			if u := undefinedName.FindStringSubmatch(msg); u != nil {
				if v, ok := src.stmtVars[u[1]]; ok {
					msg = fmt.Sprintf("%s has no value in a native cell: cell[%d] set it by a statement (line %d: %s), "+
						"and a native program is built from the earlier cells' declarations only. "+
						"Declare it at the top level of a cell instead (var %s = ...), or set it in this cell.",
						u[1], v.cell, v.line, v.stmt, u[1])
				}
			}
			e.Diagnostics = append(e.Diagnostics, Diagnostic{Cell: cell, Line: ln, Column: col, Message: msg})
			continue
		}
		if strings.HasPrefix(line, "\t") && len(e.Diagnostics) > 0 {
			d := &e.Diagnostics[len(e.Diagnostics)-1]
			d.Message += "\n" + line
			continue
		}
		rest = append(rest, line)
	}
	e.Output = strings.Join(rest, "\n")
	if len(e.Diagnostics) == 0 && e.Output == "" {
		e.Output = "go build failed"
	}
	return e
}
