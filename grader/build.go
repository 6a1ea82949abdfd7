package grader

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"goconc"
	"goconc/grader/program"
	"goconc/grader/sandbox"
)

// binary is a built program, or why it did not build.
type binary struct {
	path       string
	compileErr string // the compiler's complaint, in cell lines
}

// build compiles cells with a main that runs the exercise's tests through
// the harness. A program that does not compile is no error: its binary
// says why.
func (g *Grader) build(ctx context.Context, ex *Exercise, cells []program.Cell, race bool) (*binary, error) {
	dir, err := os.MkdirTemp(g.work, "build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	files, _, err := program.Files(cells, "main")
	if err != nil {
		return &binary{compileErr: err.Error()}, nil
	}
	secret := make([]byte, 8)
	rand.Read(secret)
	harnessPkg := "h" + hex.EncodeToString(secret)
	mainDir := filepath.Join(dir, "cmd", "graded")
	write := map[string][]byte{
		"go.mod": fmt.Appendf(nil, "module goconc\n\ngo %s\n", g.goVer),
		filepath.Join("cmd", "graded", "internal", harnessPkg, "harness.go"): []byte(sandbox.HarnessSource),
		filepath.Join("cmd", "graded", "zz_main.go"):                         mainFile(ex, harnessPkg),
	}
	for name, b := range files {
		write[filepath.Join("cmd", "graded", name)] = b
	}
	for name, b := range write {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			return nil, err
		}
	}
	if err := copySource(dir); err != nil {
		return nil, err
	}
	binDir, err := os.MkdirTemp(g.work, "bin-")
	if err != nil {
		return nil, err
	}
	// The program's user may run the binary but not read it.
	if err := os.Chmod(binDir, 0o711); err != nil {
		return nil, err
	}
	out := filepath.Join(binDir, "graded")
	args := []string{"build", "-o", out}
	if race {
		args = append(args, "-race")
	}
	args = append(args, "./cmd/graded")
	cmd := exec.CommandContext(ctx, g.goTool, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOPROXY=off", "CGO_ENABLED=1")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	g.acquire(1)
	g.speedMu.RLock() // timings run with no build beside them
	err = cmd.Run()
	g.speedMu.RUnlock()
	g.release(1)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		_, mainDirErr := os.Stat(mainDir)
		msg := compileMessage(stderr.String())
		if msg == "" || mainDirErr != nil {
			return nil, fmt.Errorf("go build: %v: %s", err, stderr.String())
		}
		return &binary{compileErr: msg}, nil
	}
	if err := os.Chmod(out, 0o711); err != nil {
		return nil, err
	}
	return &binary{path: out}, nil
}

// compileMessage keeps the compiler's complaints about cells.
func compileMessage(out string) string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		l = strings.TrimPrefix(l, "cmd/graded/")
		lines = append(lines, l)
	}
	if len(lines) > 12 {
		lines = append(lines[:12], "...")
	}
	return strings.Join(lines, "\n")
}

// mainFile calls the harness with the exercise's test functions.
func mainFile(ex *Exercise, harnessPkg string) []byte {
	var checks, speeds []string
	for _, tc := range ex.Tests {
		for _, t := range tc.Checks {
			checks = append(checks, t.Func)
		}
		for _, t := range tc.Speeds {
			speeds = append(speeds, t.Func)
		}
	}
	sort.Strings(checks)
	sort.Strings(speeds)
	var b bytes.Buffer
	fmt.Fprintf(&b, "package main\n\nimport (\n\tgoconcrand \"math/rand/v2\"\n\n\tgoconcharness \"goconc/cmd/graded/internal/%s\"\n)\n\n", harnessPkg)
	b.WriteString("func main() {\n\tspeedScale = nativeSpeedScale\n")
	b.WriteString("\tgoconcharness.Main(map[string]func(*goconcrand.Rand) string{\n")
	for _, f := range checks {
		fmt.Fprintf(&b, "\t\t%q: %s,\n", f, f)
	}
	b.WriteString("\t}, map[string]func(int){\n")
	for _, f := range speeds {
		fmt.Fprintf(&b, "\t\t%q: %s,\n", f, f)
	}
	b.WriteString("\t})\n}\n")
	fmt.Fprintf(&b, "\n// nativeSpeedScale makes speed tests' work large enough to time when\n// compiled.\nconst nativeSpeedScale = %d\n", NativeSpeedScale)
	return b.Bytes()
}

// NativeSpeedScale multiplies speed tests' work in compiled programs: the
// notebooks' sizes suit the interpreter.
const NativeSpeedScale = 20

// copySource writes the packages cells may import (goconc/display and
// goconc/lessons/..., tests left out) under dir, so that programs build
// offline without the clone goconc was built from.
func copySource(dir string) error {
	return fs.WalkDir(goconc.Source, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || !strings.Contains(p, "/") {
			return err
		}
		b, err := goconc.Source.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o600)
	})
}

var goRelease = regexp.MustCompile(`^go(\d+\.\d+)`)

// languageVersion turns a toolchain version (go1.26.8) into a go.mod
// language version (1.26).
func languageVersion(goversion string) string {
	if m := goRelease.FindStringSubmatch(goversion); m != nil {
		return m[1]
	}
	return "1.22"
}
