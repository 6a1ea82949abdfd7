// Command syncbench measures goconc's concurrency primitives against
// compiled Go: each workload under testdata/ is built with go build and
// run natively, and run through `goconc run`, the two taking turns, and
// the medians of the times each program measures itself (its
// "elapsed_ns" line, so start-up is left out) are printed with their
// ratio. Both runs must print the same "result" line. primes, interpreted
// arithmetic with no synchronisation, is the interpreter's floor.
//
// Usage, from the repository root:
//
//	go run ./tests/bench/syncbench [-runs 5] [-only mutex,cond] [-goconc PATH] [-unpatched]
//
// goconc is built as install.sh builds it, with yaegi patched by
// tools/yaegipatch, unless -goconc names a binary or -unpatched asks for
// plain yaegi.
//
// tests/bench/stress runs correct programs many times instead.
package main

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed testdata/*.go
var workloads embed.FS

func main() {
	runs := flag.Int("runs", 5, "interleaved runs of each workload, native and goconc")
	only := flag.String("only", "", "comma-separated workloads to run (default all)")
	goconc := flag.String("goconc", "", "goconc binary to measure (default: build ./cmd/goconc)")
	unpatched := flag.Bool("unpatched", false, "build goconc with yaegi as the module proxy has it, not patched by tools/yaegipatch")
	timeout := flag.Duration("timeout", 2*time.Minute, "longest one run may take")
	flag.Parse()
	if err := run(*runs, *only, *goconc, *unpatched, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "syncbench:", err)
		os.Exit(1)
	}
}

type workload struct {
	name   string
	doc    string // the program's first comment line
	source string // path of the program's source, written out
	native string // path of the compiled program
}

func run(runs int, only, goconc string, unpatched bool, timeout time.Duration) error {
	dir, err := os.MkdirTemp("", "syncbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if goconc == "" {
		goconc = filepath.Join(dir, "goconc")
		if err := buildGoconc(goconc, unpatched); err != nil {
			return err
		}
	}
	list, err := prepare(dir, only)
	if err != nil {
		return err
	}
	type times struct{ native, goconc []time.Duration }
	measured := make([]times, len(list))
	for r := 0; r < runs; r++ {
		for i, w := range list {
			nres, nt, err := timed(timeout, nil, w.native)
			if err != nil {
				return fmt.Errorf("%s natively: %w", w.name, err)
			}
			gres, gt, err := timed(timeout, nil, goconc, "run", w.source)
			if err != nil {
				return fmt.Errorf("%s through goconc: %w", w.name, err)
			}
			if nres != gres {
				return fmt.Errorf("%s: goconc printed %q, compiled Go %q", w.name, gres, nres)
			}
			measured[i].native = append(measured[i].native, nt)
			measured[i].goconc = append(measured[i].goconc, gt)
			fmt.Fprintf(os.Stderr, "run %d/%d %-10s native %-12v goconc %v\n", r+1, runs, w.name, nt, gt)
		}
	}
	fmt.Printf("%-10s %12s %12s %8s  %s\n", "workload", "native", "goconc", "ratio", "what")
	for i, w := range list {
		n, g := median(measured[i].native), median(measured[i].goconc)
		fmt.Printf("%-10s %12v %12v %7.0fx  %s\n", w.name, n.Round(time.Microsecond), g.Round(time.Microsecond), float64(g)/float64(n), w.doc)
	}
	fmt.Printf("medians of %d interleaved runs (GOMAXPROCS=%s)\n", runs, gomaxprocs())
	return nil
}

// buildGoconc builds ./cmd/goconc into path, in tools/yaegipatch's
// workspace unless unpatched.
func buildGoconc(path string, unpatched bool) error {
	work := "off"
	if !unpatched {
		patch := exec.Command("go", "run", "./tools/yaegipatch")
		patch.Stderr = os.Stderr
		out, err := patch.Output()
		if err != nil {
			return fmt.Errorf("patching yaegi (run from the repository root, or use -unpatched): %w", err)
		}
		work = strings.TrimSpace(string(out))
	}
	cmd := exec.Command("go", "build", "-o", path, "./cmd/goconc")
	cmd.Env = append(os.Environ(), "GOWORK="+work)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building goconc (run from the repository root): %w\n%s", err, out)
	}
	return nil
}

// prepare writes the selected workloads out and compiles each.
func prepare(dir, only string) ([]workload, error) {
	names, err := fs.Glob(workloads, "testdata/*.go")
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, n := range strings.Split(only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	var list []workload
	for _, path := range names {
		name := strings.TrimSuffix(filepath.Base(path), ".go")
		if len(want) > 0 && !want[name] {
			continue
		}
		delete(want, name)
		src, err := workloads.ReadFile(path)
		if err != nil {
			return nil, err
		}
		w := workload{name: name, source: filepath.Join(dir, name+".go"), native: filepath.Join(dir, name)}
		w.doc = strings.TrimPrefix(strings.SplitN(string(src), "\n", 2)[0], "// ")
		if err := os.WriteFile(w.source, src, 0o644); err != nil {
			return nil, err
		}
		if out, err := exec.Command("go", "build", "-o", w.native, w.source).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("building %s: %w\n%s", name, err, out)
		}
		list = append(list, w)
	}
	if len(want) > 0 {
		return nil, fmt.Errorf("no such workload: %v", slices.Sorted(maps.Keys(want)))
	}
	return list, nil
}

// timed runs a program and returns its "result" line and the time its
// "elapsed_ns" line reports.
func timed(timeout time.Duration, env []string, name string, args ...string) (string, time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", 0, fmt.Errorf("%w\n%s%s", err, out, stderr.Bytes())
	}
	var result string
	var elapsed time.Duration = -1
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "result ") {
			result = line
		}
		if v, ok := strings.CutPrefix(line, "elapsed_ns "); ok {
			ns, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return "", 0, fmt.Errorf("bad elapsed line %q", line)
			}
			elapsed = time.Duration(ns)
		}
	}
	if result == "" || elapsed < 0 {
		return "", 0, errors.New("no result or elapsed_ns line in:\n" + string(out))
	}
	return result, elapsed, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func gomaxprocs() string {
	if v := os.Getenv("GOMAXPROCS"); v != "" {
		return v
	}
	return "default"
}
