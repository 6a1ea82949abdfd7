// Command stress runs correct concurrent programs many times through the
// engine, in process, under several GOMAXPROCS values, and counts the runs
// whose standard output differs from the compiled program's: a deadlock reported
// for a correct program, a panic, a wrong result.
//
// Usage, from the repository root:
//
//	go run ./tests/bench/stress [-runs 1000] [-procs 1,2,4] [-only pingpong,fanin]
//		[-dir tests/differential/programs] [-budget 45m] [-fresh]
//
// The programs are those under testdata/ (small versions of the course's
// patterns: ping-pong, select fan-in, a Cond queue, a pipeline, a worker
// pool, wg.Go with a map, locked transfers) and, with -dir, every .go file
// of a directory, except those the compiled program ends with a failure
// (meant to exit, panic or deadlock) and those the directory's
// known_failures.txt lists (the engine still runs them differently).
//
// Each program is defined in a session once, and its main is called again
// and again, under each GOMAXPROCS in turn. A compiled program starts with
// its package variables initialised; so before each call the session
// assigns them their initial values again and runs the program's init
// functions (renamed, since init cannot be called). Defining a program
// costs about as much as a hundred calls of its main, so -fresh, which
// defines it again for every run, is for checking that the reset is
// faithful. Goroutines a run leaves behind stay in the session, as they
// would not in a compiled program; every -renew runs the session is
// replaced.
//
// With -budget, each program gets an equal share of the time and runs
// until it has done -runs runs under each GOMAXPROCS or its share is used,
// so that a long stress can be bounded and still covers every program.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"flag"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"goconc/kernel/engine"
)

//go:embed testdata/*.go
var programs embed.FS

func main() {
	runs := flag.Int("runs", 1000, "runs of each program under each GOMAXPROCS")
	procs := flag.String("procs", "1,2,4", "GOMAXPROCS values")
	only := flag.String("only", "", "comma-separated programs to run (default all)")
	dir := flag.String("dir", "", "also run every .go file of `DIR` (such as tests/differential/programs)")
	fresh := flag.Bool("fresh", false, "define the program again for every run, not only reset its package variables")
	renew := flag.Int("renew", 500, "runs after which a program's session is replaced")
	budget := flag.Duration("budget", 0, "total time to spend, shared equally among the programs (0: no limit)")
	timeout := flag.Duration("timeout", time.Minute, "longest one run may take")
	flag.Parse()
	cfg := config{runs: *runs, fresh: *fresh, renew: *renew, timeout: *timeout}
	for _, p := range strings.Split(*procs, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "stress: bad GOMAXPROCS %q\n", p)
			os.Exit(2)
		}
		cfg.procs = append(cfg.procs, n)
	}
	list, err := load(*only, *dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "stress:", err)
		os.Exit(2)
	}
	start := time.Now()
	var total tally
	for i, prog := range list {
		share := time.Duration(0)
		if *budget > 0 {
			left := *budget - time.Since(start)
			if left <= 0 {
				fmt.Printf("%-30s not run: the budget is spent\n", prog.name)
				total.unrun++
				continue
			}
			share = left / time.Duration(len(list)-i)
		}
		t, err := stress(prog, cfg, share)
		if err != nil {
			fmt.Fprintln(os.Stderr, "stress:", err)
			os.Exit(2)
		}
		total.add(t)
	}
	fmt.Printf("\n%d programs, %d runs in %v: at least %d runs of every program under each GOMAXPROCS; %d failed, %d of them deadlock reports\n",
		len(list)-total.unrun, total.runs, time.Since(start).Round(time.Second), total.minRuns, total.failed, total.deadlocks)
	if total.failed > 0 {
		fmt.Printf("FAIL: %d runs failed\n", total.failed)
		os.Exit(1)
	}
	fmt.Println("ok: no run failed")
}

type config struct {
	runs    int
	procs   []int
	fresh   bool
	renew   int
	timeout time.Duration
}

// tally counts runs.
type tally struct {
	runs, failed, deadlocks int
	minRuns                 int // fewest runs of a program under one GOMAXPROCS
	programs, unrun         int
}

func (t *tally) add(u tally) {
	t.runs += u.runs
	t.failed += u.failed
	t.deadlocks += u.deadlocks
	if t.programs == 0 || u.minRuns < t.minRuns {
		t.minRuns = u.minRuns
	}
	t.programs++
}

type program struct {
	name   string
	source string
	want   string // what the compiled program prints
}

// load reads the programs and runs each once compiled for its output.
func load(only, dir string) ([]program, error) {
	want := map[string]bool{}
	for _, n := range strings.Split(only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	tmp, err := os.MkdirTemp("", "stress")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	known := map[string]string{}
	if dir != "" {
		if known, err = knownFailures(filepath.Join(dir, "known_failures.txt")); err != nil {
			return nil, err
		}
	}
	var list []program
	add := func(name string, src []byte, fromDir bool) error {
		if len(want) > 0 && !want[name] {
			return nil
		}
		path := filepath.Join(tmp, name+".go")
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return err
		}
		if reason, ok := known[name]; ok {
			fmt.Printf("%-30s skipped: a known failure (%s)\n", name, reason)
			return nil
		}
		out, stderr, err := compiled(path, src)
		if err != nil && fromDir {
			// A program that is meant to exit or panic is the
			// differential suite's to check; here only correct
			// programs count.
			fmt.Printf("%-30s skipped: the compiled program ends with %v\n", name, err)
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s compiled: %w\n%s", name, err, stderr)
		}
		if bytes.Contains(out, []byte(name+".go")) {
			// Runs in a session name their source otherwise.
			fmt.Printf("%-30s skipped: the compiled program prints its file's name\n", name)
			return nil
		}
		if bytes.Contains(src, []byte("os.Stdout")) {
			// In this process os.Stdout is not the session's output.
			fmt.Printf("%-30s skipped: it writes to os.Stdout itself\n", name)
			return nil
		}
		list = append(list, program{name: name, source: string(src), want: string(out)})
		return nil
	}
	embedded, err := fs.Glob(programs, "testdata/*.go")
	if err != nil {
		return nil, err
	}
	for _, path := range embedded {
		src, err := programs.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if err := add(strings.TrimSuffix(filepath.Base(path), ".go"), src, false); err != nil {
			return nil, err
		}
	}
	if dir != "" {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			return nil, err
		}
		for _, path := range files {
			src, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			if err := add(strings.TrimSuffix(filepath.Base(path), ".go"), src, true); err != nil {
				return nil, err
			}
		}
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("no program selected")
	}
	return list, nil
}

// syncBuffer collects what cells print, from any goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) take() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.b.String()
	s.b.Reset()
	return out
}

// knownFailures reads a list of programs the engine still runs
// differently, "name: reason" a line; a missing file lists none.
func knownFailures(path string) (map[string]string, error) {
	known := map[string]string{}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return known, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, ":")
		known[strings.TrimSuffix(strings.TrimSpace(name), ".go")] = strings.TrimSpace(reason)
	}
	return known, sc.Err()
}

// compiled runs the program at path, whose source is src, with the Go
// toolchain and returns its output. Outputs are kept in the user's cache
// directory by the source's hash and the toolchain's version, since
// building the programs takes minutes.
func compiled(path string, src []byte) (out, stderr []byte, err error) {
	sum := sha256.Sum256(append([]byte(runtime.Version()+"\n"), src...))
	var cache string
	if dir, err := os.UserCacheDir(); err == nil {
		cache = filepath.Join(dir, "goconc-stress", hex.EncodeToString(sum[:12]))
		if out, err := os.ReadFile(cache); err == nil {
			return out, nil, nil
		}
	}
	cmd := exec.Command("go", "run", path)
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	out, err = cmd.Output()
	if err == nil && cache != "" && os.MkdirAll(filepath.Dir(cache), 0o755) == nil {
		_ = os.WriteFile(cache, out, 0o644) // only a cache
	}
	return out, errBuf.Bytes(), err
}

// stress runs prog up to cfg.runs times under each GOMAXPROCS, for at
// most share (0: no limit), and tallies the runs.
func stress(prog program, cfg config, share time.Duration) (tally, error) {
	body, reset, err := prepare(prog.source, cfg.fresh)
	if err != nil {
		return tally{}, fmt.Errorf("%s: %w", prog.name, err)
	}
	out, errOut := &syncBuffer{}, &syncBuffer{}
	var s *engine.Session
	defer func() {
		if s != nil {
			s.Close()
		}
	}()
	define := func() error {
		if s != nil {
			s.Close()
		}
		if s, err = engine.NewSession(engine.Options{Stdout: out, Stderr: errOut}); err != nil {
			return err
		}
		if r := s.Execute(context.Background(), body); r.Err != nil {
			return fmt.Errorf("%s: %s: %s", prog.name, r.Err.Name, r.Err.Value)
		}
		out.take()
		errOut.take()
		return nil
	}
	if err := define(); err != nil {
		return tally{}, err
	}
	old := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(old)
	start := time.Now()
	var t tally
	done := make([]int, len(cfg.procs))
	failed := make([]int, len(cfg.procs))
	sinceDefine := 0
	for round := 0; round < cfg.runs; round++ {
		if share > 0 && round > 0 && time.Since(start) >= share {
			break
		}
		for pi, procs := range cfg.procs {
			if cfg.fresh || sinceDefine >= cfg.renew {
				if err := define(); err != nil {
					return t, err
				}
				sinceDefine = 0
			}
			if !cfg.fresh && reset != "" {
				if r := s.Execute(context.Background(), reset); r.Err != nil {
					return t, fmt.Errorf("%s: resetting its package: %s: %s", prog.name, r.Err.Name, r.Err.Value)
				}
				out.take()
				errOut.take()
			}
			runtime.GOMAXPROCS(procs)
			ctx, cancel := context.WithTimeout(context.Background(), cfg.timeout)
			r := s.Execute(ctx, "main()")
			cancel()
			runtime.GOMAXPROCS(old)
			sinceDefine++
			got, stderr := out.take(), errOut.take()
			done[pi]++
			t.runs++
			switch {
			case r.Err != nil:
				failed[pi]++
				t.failed++
				if r.Err.Name == "Deadlock" {
					t.deadlocks++
				}
				fmt.Fprintf(os.Stderr, "%s GOMAXPROCS=%d run %d: %s: %s\n%s\n", prog.name, procs, done[pi], r.Err.Name, r.Err.Value, strings.Join(r.Err.Traceback, "\n"))
			case got != prog.want:
				failed[pi]++
				t.failed++
				fmt.Fprintf(os.Stderr, "%s GOMAXPROCS=%d run %d printed %q, compiled Go %q; its standard error:\n%s\n", prog.name, procs, done[pi], got, prog.want, stderr)
			}
		}
	}
	var per []string
	t.minRuns = done[0]
	for pi, procs := range cfg.procs {
		per = append(per, fmt.Sprintf("P%d %d/%d", procs, done[pi], failed[pi]))
		t.minRuns = min(t.minRuns, done[pi])
	}
	fmt.Printf("%-30s runs/failed %s  %d deadlock reports  %v\n",
		prog.name, strings.Join(per, ", "), t.deadlocks, time.Since(start).Round(time.Millisecond))
	return t, nil
}

// prepare returns the cell that defines the program and, unless fresh, the
// cell that resets its package before a run: its package variables
// assigned their initial values again, then its init functions, which the
// definition renames so that they can be called, called in order.
func prepare(src string, fresh bool) (body, reset string, err error) {
	body = programBody(src)
	if fresh {
		return body, "", nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.SkipObjectResolution)
	if err != nil {
		return "", "", err
	}
	text := func(n ast.Node) string {
		return src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset]
	}
	var zeros, resets []string
	var inits []int // offsets of their names
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok != token.VAR {
				continue
			}
			for _, spec := range d.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) > 0 {
					continue
				}
				for _, n := range vs.Names {
					if n.Name != "_" {
						zeros = append(zeros, n.Name+" = *new("+text(vs.Type)+")")
					}
				}
			}
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name == "init" {
				inits = append(inits, fset.Position(d.Name.Pos()).Offset)
			}
		}
	}
	// Go gives every variable its zero value, then runs the initializers
	// in the order of their dependencies, which can differ from the
	// order of declaration.
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	info := &types.Info{}
	if _, err := conf.Check("main", fset, []*ast.File{f}, info); err != nil {
		return "", "", fmt.Errorf("type-checking: %w", err)
	}
	resets = zeros
	for _, in := range info.InitOrder {
		var names []string
		for _, v := range in.Lhs {
			names = append(names, v.Name())
		}
		resets = append(resets, strings.Join(names, ", ")+" = "+text(in.Rhs))
	}
	// Rename init functions back to front, so that offsets hold.
	for i := len(inits) - 1; i >= 0; i-- {
		at := inits[i]
		src = src[:at] + fmt.Sprintf("stressInit%d", i) + src[at+len("init"):]
	}
	for i := range inits {
		resets = append(resets, fmt.Sprintf("stressInit%d()", i))
	}
	if len(inits) > 0 {
		body = programBody(src)
	}
	return body, strings.Join(resets, "\n"), nil
}

// programBody makes a package main file a cell: its package clause goes,
// its line stays.
func programBody(src string) string {
	lines := strings.SplitAfter(src, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "package ") {
			lines[i] = "\n"
			break
		}
	}
	return strings.Join(lines, "")
}
