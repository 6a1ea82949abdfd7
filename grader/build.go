package grader

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"goconc/grader/noise"
	"goconc/grader/program"
	"goconc/grader/sandbox"
	"goconc/kernel/native"
)

// binary is a built program, or why it did not build.
type binary struct {
	path       string
	compileErr string // the compiler's complaint, in cell lines
	noiseSites int    // synchronisation points given scheduling noise
}

// buildKind is how a program is built: for correctness runs, under the
// race detector and with scheduling noise; for timing, as it is.
type buildKind struct {
	race, noise bool
}

// noiseHook is the function the noise rewrite calls; mainFile declares it.
const noiseHook = "goconcSchedulingNoise"

// build compiles cells with a main that runs the exercise's tests through
// the harness, with kernel/native's Builder. A program that does not
// compile is no error: its binary says why. Programs are built once per
// source: in a class, the reference and submissions that are copies of
// one another share their binaries.
func (g *Grader) build(ctx context.Context, ex *Exercise, cells []program.Cell, kind buildKind) (*binary, error) {
	files, _, err := program.Files(cells, "main", noiseHook)
	if err != nil {
		return &binary{compileErr: err.Error()}, nil
	}
	key := buildKey(ex.ID, kind, files)
	g.buildMu.Lock()
	c := g.builds[key]
	if c == nil {
		c = &cachedBuild{}
		g.builds[key] = c
		g.stats.Built++
	}
	g.stats.Needed++
	g.buildMu.Unlock()
	c.once.Do(func() { c.bin, c.err = g.buildFiles(ctx, ex, files, kind) })
	if c.err != nil && ctx.Err() == nil {
		// A cancelled build may succeed another time.
		g.buildMu.Lock()
		if g.builds[key] == c {
			delete(g.builds, key)
		}
		g.buildMu.Unlock()
	}
	return c.bin, c.err
}

// buildKey names a program by what it is built from.
func buildKey(exercise string, kind buildKind, files map[string][]byte) [32]byte {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%+v\x00", exercise, kind)
	for _, name := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(files[name]))
		h.Write(files[name])
	}
	var key [32]byte
	h.Sum(key[:0])
	return key
}

// buildFiles builds the files of cells, with the harness and a main.
func (g *Grader) buildFiles(ctx context.Context, ex *Exercise, files map[string][]byte, kind buildKind) (*binary, error) {
	bin := &binary{}
	if kind.noise {
		names := make([]string, 0, len(files))
		for name := range files {
			names = append(names, name)
		}
		sort.Strings(names) // sites numbered the same way every build
		for _, name := range names {
			var n int
			files[name], n = noise.Rewrite(name, files[name], noiseHook, bin.noiseSites+1)
			bin.noiseSites += n
		}
	}
	secret := make([]byte, 8)
	rand.Read(secret)
	harnessPkg := "h" + hex.EncodeToString(secret)
	pkgDir := "graded-" + hex.EncodeToString(secret)
	harnessPath := "goconc/files/" + pkgDir + "/internal/" + harnessPkg
	for name, src := range sandbox.HarnessFiles(harnessPath) {
		files[path.Join("internal", harnessPkg, name)] = src
	}
	files["zz_main.go"] = mainFile(ex, harnessPath, kind.noise)
	binDir, err := os.MkdirTemp(g.work, "bin-")
	if err != nil {
		return nil, err
	}
	// The program's user may run the binary but not read it.
	if err := os.Chmod(binDir, 0o711); err != nil {
		return nil, err
	}
	out := filepath.Join(binDir, "graded")
	g.acquire(1)
	g.speedMu.RLock() // timings run with no build beside them
	_, err = g.builder.BuildFiles(ctx, pkgDir, files, out, native.BuildOptions{Race: kind.race})
	g.speedMu.RUnlock()
	g.release(1)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	var fe *native.FilesError
	if errors.As(err, &fe) {
		msg := compileMessage(fe.Output, fe.Dir)
		if msg == "" {
			return nil, fmt.Errorf("go build: %s", fe.Output)
		}
		bin.compileErr = msg
		return bin, nil
	}
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(out, 0o711); err != nil {
		return nil, err
	}
	bin.path = out
	return bin, nil
}

// compileMessage keeps the compiler's complaints about cells.
func compileMessage(out, dir string) string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		l = strings.TrimPrefix(l, dir)
		lines = append(lines, l)
	}
	if len(lines) > 12 {
		lines = append(lines[:12], "...")
	}
	return strings.Join(lines, "\n")
}

// mainFile calls the harness with the exercise's test functions.
func mainFile(ex *Exercise, harnessPath string, noise bool) []byte {
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
	fmt.Fprintf(&b, "package main\n\nimport (\n\tgoconcrand \"math/rand/v2\"\n\n\tgoconcharness \"%s\"\n)\n\n", harnessPath)
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
	if noise {
		fmt.Fprintf(&b, "\nfunc %s(site int) { goconcharness.Noise(site) }\n", noiseHook)
	}
	fmt.Fprintf(&b, "\n// nativeSpeedScale makes speed tests' work large enough to time when\n// compiled.\nconst nativeSpeedScale = %d\n", NativeSpeedScale)
	return b.Bytes()
}

// NativeSpeedScale multiplies speed tests' work in compiled programs: the
// notebooks' sizes suit the interpreter.
const NativeSpeedScale = 20
