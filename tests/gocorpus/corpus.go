// Package gocorpus measures goconc against programs nobody on the project
// wrote: the run tests of the Go distribution, read from $GOROOT/test where
// the Go installation keeps them. A program is eligible when its header is
// a plain "// run" (no flags, no extra files) and its build constraint, if
// any, holds on this machine. The Go project's own test harness passes
// such a program when it exits 0 and its combined standard output and
// error equal its .out file (or are empty when there is none); goconc's
// run of it is held to the same rule, or, on request, to the output of
// the program built natively.
//
// The bench command tests/bench/gocorpus runs the whole corpus and prints
// a table; this package's test runs a fixed, fast subset in CI against a
// list of expected failures.
package gocorpus

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/build/constraint"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Dir returns the directory of the Go distribution's test programs.
func Dir(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "test")
	if _, err := os.Stat(filepath.Join(dir, "chan")); err != nil {
		return "", fmt.Errorf("the Go installation has no test programs: %w", err)
	}
	return dir, nil
}

// Eligible lists the eligible programs of the given subdirectories of
// testDir ("." for the top level), as paths relative to testDir, sorted.
func Eligible(testDir string, subdirs []string) ([]string, error) {
	var names []string
	for _, sub := range subdirs {
		files, err := filepath.Glob(filepath.Join(testDir, sub, "*.go"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			ok, err := isRunTest(f)
			if err != nil {
				return nil, err
			}
			if ok {
				rel, err := filepath.Rel(testDir, f)
				if err != nil {
					return nil, err
				}
				names = append(names, filepath.ToSlash(rel))
			}
		}
	}
	slices.Sort(names)
	return names, nil
}

// isRunTest reports whether the file at path is a plain run test whose
// build constraint holds here.
func isRunTest(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
			continue
		case constraint.IsGoBuild(line) || constraint.IsPlusBuild(line):
			expr, err := constraint.Parse(line)
			if err != nil || !expr.Eval(buildTag) {
				return false, nil
			}
			continue
		}
		fields := strings.Fields(strings.TrimPrefix(line, "//"))
		return strings.HasPrefix(line, "//") && len(fields) == 1 && fields[0] == "run", nil
	}
	return false, sc.Err()
}

// buildTag reports whether a build tag holds for a program run here: the
// machine's system and architecture, the gc toolchain and any Go release.
func buildTag(tag string) bool {
	switch tag {
	case runtime.GOOS, runtime.GOARCH, "gc", "cgo":
		return true
	case "unix":
		return runtime.GOOS != "windows" && runtime.GOOS != "plan9" && runtime.GOOS != "js" && runtime.GOOS != "wasip1"
	}
	return strings.HasPrefix(tag, "go1.")
}

// Outcome is how goconc's run of a program compared with what it should
// print.
type Outcome int

const (
	Matched  Outcome = iota // same output, exit status 0
	Differed                // ran to the end but printed or exited otherwise
	Rejected                // goconc reported a compile error
	Panicked                // the program panicked or deadlocked under goconc
	Crashed                 // goconc itself died: a signal, a fatal error, a lost worker
	TimedOut                // no end within the time limit
	// Not measured: with Runner.Native, the program built by the go
	// command did not build or did not end (a server, a program waiting
	// for a signal or for input).
	NoReference
)

var outcomeNames = [...]string{"matched", "differed", "rejected", "panicked", "crashed", "timed out", "no reference"}

func (o Outcome) String() string { return outcomeNames[o] }

// Outcomes lists every outcome, in the order of a report.
func Outcomes() []Outcome {
	return []Outcome{Matched, Differed, Rejected, Panicked, Crashed, TimedOut, NoReference}
}

// Result is the measure of one program.
type Result struct {
	Name    string // relative to the test directory
	Outcome Outcome
	Reason  string // for a failure: the line that says most about it
	Took    time.Duration
}

// Runner runs programs of the corpus through goconc.
type Runner struct {
	TestDir string        // $GOROOT/test
	Goconc  string        // the goconc binary
	Timeout time.Duration // for one run of a program
	// Native compares with the program built and run by the go command
	// instead of with its .out file, exit status included.
	Native bool
	// Loose, with Native, runs the native program again, up to 6 times,
	// when goconc's output has its lines in another order or other
	// numbers: where the native runs print differently (goroutines,
	// clocks, random numbers, maps), goconc's output need only have the
	// same lines in some order, but for numbers.
	Loose bool
	// WorkDir holds the native builds; a temporary directory if "".
	WorkDir string
}

// Run measures the program name (relative to the test directory).
func (r *Runner) Run(ctx context.Context, name string) Result {
	start := time.Now()
	res := r.run(ctx, name)
	res.Name = name
	res.Took = time.Since(start)
	return res
}

func (r *Runner) run(ctx context.Context, name string) Result {
	src := filepath.Join(r.TestDir, filepath.FromSlash(name))
	if r.Native {
		return r.runNative(ctx, src)
	}
	want, err := os.ReadFile(strings.TrimSuffix(src, ".go") + ".out")
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return Result{Outcome: Differed, Reason: "no reference output: " + err.Error()}
	}
	got, exit, timedOut := r.goconc(ctx, src)
	return Classify(want, got, exit, timedOut)
}

// goconc runs the program through goconc in its own directory, as the
// harness runs it, so that files it opens by relative name are found.
func (r *Runner) goconc(ctx context.Context, src string) (out []byte, exit int, timedOut bool) {
	return combinedRun(ctx, r.Timeout, filepath.Dir(src), r.Goconc, "run", src)
}

// runNative holds goconc's run of src to the program built natively.
func (r *Runner) runNative(ctx context.Context, src string) Result {
	bin, done, err := r.build(ctx, src)
	if err != nil {
		return Result{Outcome: NoReference, Reason: err.Error()}
	}
	defer done()
	want, wantExit, timedOut := combinedRun(ctx, r.Timeout, filepath.Dir(src), bin)
	if timedOut {
		return Result{Outcome: NoReference, Reason: fmt.Sprintf("the native program did not end within %v", r.Timeout)}
	}
	got, exit, timedOut := r.goconc(ctx, src)
	again := want
	if r.Loose && !bytes.Equal(got, want) && bytes.Equal(loosely(got), loosely(want)) {
		// Whether the native program varies: a map of two keys comes
		// out in the same order in two runs one time in two.
		for i := 0; i < 6 && bytes.Equal(again, want); i++ {
			again, _, _ = combinedRun(ctx, r.Timeout, filepath.Dir(src), bin)
		}
	}
	if !timedOut && exit == wantExit && sameLoosely(want, again, got) {
		return Result{Outcome: Matched}
	}
	res := Classify(want, got, exit, timedOut)
	if res.Outcome == Matched || res.Outcome == Differed && exit != wantExit {
		res = Result{Outcome: Differed, Reason: fmt.Sprintf("exit status %d, the native program's %d; %s", exit, wantExit, firstDifference(want, got, exit))}
	}
	return res
}

// build builds src with the go command; done removes the binary.
func (r *Runner) build(ctx context.Context, src string) (bin string, done func(), err error) {
	dir := r.WorkDir
	if dir == "" {
		dir = os.TempDir()
	}
	tmp, err := os.MkdirTemp(dir, "native-")
	if err != nil {
		return "", nil, err
	}
	done = func() { os.RemoveAll(tmp) }
	bin = filepath.Join(tmp, "prog")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, src)
	cmd.Dir = tmp
	if out, err := cmd.CombinedOutput(); err != nil {
		done()
		return "", nil, fmt.Errorf("go build: %w: %s", err, firstLine(out))
	}
	return bin, done, nil
}

// combinedRun runs a command with a time limit, its standard output and
// error into one buffer as the Go harness takes them.
func combinedRun(ctx context.Context, timeout time.Duration, dir, name string, args ...string) (out []byte, exit int, timedOut bool) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var buf bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Stdout = &buf
	cmd.Stderr = &buf
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return buf.Bytes(), -1, true
	case errors.As(err, &ee):
		return buf.Bytes(), ee.ExitCode(), false
	case err != nil:
		return append(buf.Bytes(), err.Error()...), -1, false
	}
	return buf.Bytes(), 0, false
}

var (
	compileError = regexp.MustCompile(`(?m)^\S+\.go:\d+:\d+: .*$`)
	crashLine    = regexp.MustCompile(`(?m)^.*(SIGSEGV|SIGBUS|fatal error|signal: |unexpected fault address|worker (died|exited|crashed)|goconc: ).*$`)
	panicLine    = regexp.MustCompile(`(?m)^(panic: |fatal error: all goroutines are asleep).*$`)
)

// Classify compares goconc's combined output and exit status with the
// output wanted.
func Classify(want, got []byte, exit int, timedOut bool) Result {
	switch {
	case timedOut:
		return Result{Outcome: TimedOut, Reason: lastLine(got)}
	case exit == 0 && bytes.Equal(got, want):
		return Result{Outcome: Matched}
	}
	// A failure the program's expected output does not contain is
	// goconc's.
	fresh := func(re *regexp.Regexp) string {
		for _, m := range re.FindAll(got, -1) {
			if !bytes.Contains(want, m) {
				return string(m)
			}
		}
		return ""
	}
	if m := fresh(crashLine); m != "" {
		return Result{Outcome: Crashed, Reason: m}
	}
	if m := fresh(panicLine); m != "" {
		return Result{Outcome: Panicked, Reason: m}
	}
	if m := fresh(compileError); m != "" && exit != 0 {
		return Result{Outcome: Rejected, Reason: m}
	}
	return Result{Outcome: Differed, Reason: firstDifference(want, got, exit)}
}

// firstDifference names the first line where got departs from want.
func firstDifference(want, got []byte, exit int) string {
	w := strings.Split(string(want), "\n")
	g := strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl || i >= len(w) || i >= len(g) {
			return fmt.Sprintf("exit %d; line %d: want %q, got %q", exit, i+1, clip(wl), clip(gl))
		}
	}
	return fmt.Sprintf("exit %d; same output", exit)
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return clip(s)
}

func lastLine(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return clip(s)
}

// Shorten makes a reason fit a table row, without the file's directory.
func Shorten(reason string, width int) string {
	reason = strings.TrimSpace(reason)
	if i := strings.Index(reason, ".go:"); i >= 0 {
		if j := strings.LastIndexByte(reason[:i], '/'); j >= 0 {
			reason = reason[j+1:]
		}
	}
	if len(reason) > width {
		reason = reason[:width-3] + "..."
	}
	return reason
}
