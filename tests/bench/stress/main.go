// Command stress runs correct concurrent programs many times through the
// engine, in process, under several GOMAXPROCS values, and counts the runs
// whose output differs from the compiled program's: a deadlock reported
// for a correct program, a panic, a wrong result.
//
// Usage, from the repository root:
//
//	go run ./tests/bench/stress [-runs 1000] [-procs 1,2,4] [-only pingpong,fanin] [-dir tests/differential/programs]
//
// The programs are those under testdata/ (small versions of the course's
// patterns: ping-pong, select fan-in, a Cond queue, a pipeline, a worker
// pool, wg.Go with a map, locked transfers) and, with -dir, every .go file
// of a directory. Each program is defined in a session once per GOMAXPROCS
// and its main is called -runs times; with -fresh the whole program is
// run again each time (for programs whose main uses package variables).
package main

import (
	"bytes"
	"context"
	"embed"
	"flag"
	"fmt"
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
	fresh := flag.Bool("fresh", false, "run the whole program each time, not only its main")
	timeout := flag.Duration("timeout", time.Minute, "longest one run may take")
	flag.Parse()
	failed, err := run(*runs, *procs, *only, *dir, *fresh, *timeout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "stress:", err)
		os.Exit(2)
	}
	if failed > 0 {
		fmt.Printf("FAIL: %d runs failed\n", failed)
		os.Exit(1)
	}
	fmt.Println("ok: no run failed")
}

type program struct {
	name   string
	source string
	want   string // what the compiled program prints
}

func run(runs int, procs, only, dir string, fresh bool, timeout time.Duration) (int, error) {
	list, err := load(only, dir)
	if err != nil {
		return 0, err
	}
	failed := 0
	for _, p := range strings.Split(procs, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 {
			return failed, fmt.Errorf("bad GOMAXPROCS %q", p)
		}
		old := runtime.GOMAXPROCS(n)
		for _, prog := range list {
			f, err := stress(prog, runs, fresh, timeout)
			if err != nil {
				runtime.GOMAXPROCS(old)
				return failed, err
			}
			failed += f
		}
		runtime.GOMAXPROCS(old)
	}
	return failed, nil
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
	var list []program
	add := func(name string, src []byte, fromDir bool) error {
		if len(want) > 0 && !want[name] {
			return nil
		}
		path := filepath.Join(tmp, name+".go")
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return err
		}
		cmd := exec.Command("go", "run", path)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil && fromDir {
			// A program that is meant to exit or panic is the
			// differential suite's to check; here only correct
			// programs count.
			fmt.Printf("%-30s skipped: the compiled program ends with %v\n", name, err)
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s compiled: %w\n%s", name, err, stderr.Bytes())
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

// stress runs prog runs times in one session and returns how many runs
// failed.
func stress(prog program, runs int, fresh bool, timeout time.Duration) (int, error) {
	out := &syncBuffer{}
	s, err := engine.NewSession(engine.Options{Stdout: out, Stderr: out})
	if err != nil {
		return 0, err
	}
	defer s.Close()
	body := programBody(prog.source)
	define := func() error {
		if r := s.Execute(context.Background(), body); r.Err != nil {
			return fmt.Errorf("%s: %s: %s", prog.name, r.Err.Name, r.Err.Value)
		}
		out.take()
		return nil
	}
	if err := define(); err != nil {
		return 0, err
	}
	start := time.Now()
	failed, deadlocks := 0, 0
	for i := 0; i < runs; i++ {
		if fresh && i > 0 {
			if err := define(); err != nil {
				return failed, err
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		r := s.Execute(ctx, "main()")
		cancel()
		got := out.take()
		switch {
		case r.Err != nil:
			failed++
			if r.Err.Name == "Deadlock" {
				deadlocks++
			}
			fmt.Fprintf(os.Stderr, "%s run %d: %s: %s\n%s\n", prog.name, i+1, r.Err.Name, r.Err.Value, strings.Join(r.Err.Traceback, "\n"))
		case got != prog.want:
			failed++
			fmt.Fprintf(os.Stderr, "%s run %d printed %q, compiled Go %q\n", prog.name, i+1, got, prog.want)
		}
	}
	fmt.Printf("%-30s GOMAXPROCS=%d %5d runs %4d failed %4d deadlock reports  %v\n",
		prog.name, runtime.GOMAXPROCS(0), runs, failed, deadlocks, time.Since(start).Round(time.Millisecond))
	return failed, nil
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
