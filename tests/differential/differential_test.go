package differential

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"goconc/tests/racereport"
)

// parallel is how many programs run at once. The interpreter is CPU-bound
// and the machines this runs on have two cores; more would only make the
// timing-sensitive programs slower.
const parallel = 2

// config is what the environment can change about a run of the suite.
type config struct {
	runs    int           // interpreted runs per program
	timeout time.Duration // limit for one run of a program
}

func loadConfig(t *testing.T) config {
	t.Helper()
	cfg := config{runs: 5, timeout: 30 * time.Second}
	if testing.Short() {
		cfg.runs = 1
	}
	if s := os.Getenv("GOCONC_DIFF_RUNS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("GOCONC_DIFF_RUNS=%q: want a positive number of runs", s)
		}
		cfg.runs = n
	}
	if s := os.Getenv("GOCONC_DIFF_TIMEOUT"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			t.Fatalf("GOCONC_DIFF_TIMEOUT=%q: want a positive duration such as 60s", s)
		}
		cfg.timeout = d
	}
	return cfg
}

func TestDifferential(t *testing.T) {
	cfg := loadConfig(t)
	programs, err := filepath.Glob(filepath.Join("programs", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	if len(programs) == 0 {
		t.Fatal("no programs in programs/")
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	goconc := filepath.Join(t.TempDir(), "goconc")
	if err := goBuild(t.Context(), root, goconc, "goconc/cmd/goconc"); err != nil {
		t.Fatal(err)
	}
	var raced string // goconc built with -race, for one more run of each program
	if raceEnabled {
		raced = filepath.Join(t.TempDir(), "goconc-race")
		if err := goBuild(t.Context(), root, raced, "goconc/cmd/goconc", "-race"); err != nil {
			t.Fatal(err)
		}
	}

	known, err := readKnownFailures(filepath.Join("programs", "known_failures.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu     sync.Mutex
		passed int
		failed []string
		xfail  int
	)
	slots := make(chan struct{}, parallel)
	start := time.Now()
	t.Run("programs", func(t *testing.T) {
		for _, src := range programs {
			src, err := filepath.Abs(src)
			if err != nil {
				t.Fatal(err)
			}
			name := strings.TrimSuffix(filepath.Base(src), ".go")
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				slots <- struct{}{}
				defer func() { <-slots }()
				diff := checkProgram(t, cfg, root, goconc, raced, src)
				reason, isKnown := known[name]
				switch {
				case isKnown && diff == nil:
					t.Errorf("matches the native program now: take it out of known_failures.txt (%s)", reason)
				case isKnown:
					t.Logf("known engine fault (%s): %v", reason, diff)
				case diff != nil:
					t.Error(diff)
				}
				mu.Lock()
				defer mu.Unlock()
				switch {
				case t.Failed():
					failed = append(failed, name)
				case isKnown:
					xfail++
				default:
					passed++
				}
			})
		}
	})
	if len(failed) > 0 {
		slices.Sort(failed)
		t.Logf("failing programs: %s", strings.Join(failed, " "))
	}
	t.Logf("%d programs, %d interpreted runs each, in %v", len(programs), cfg.runs, time.Since(start).Round(time.Second))
	t.Logf("%d programs match the native run; %d still differ as known_failures.txt expects", passed, xfail)
	fmt.Printf("%d passed, %d failed\n", passed+xfail, len(failed))
}

// checkProgram compiles src natively, runs it once, then runs it up to
// cfg.runs times with goconc, the last of them with raced unless that is
// "", comparing each run with the native one. It stops at the first run that
// differs, which it returns: the program has failed, and runs are slow.
// A race the raced run reports in goconc's own code fails t.
func checkProgram(t *testing.T, cfg config, root, goconc, raced, src string) error {
	dir := t.TempDir()
	native := filepath.Join(dir, "native")
	if err := goBuild(t.Context(), root, native, src); err != nil {
		t.Fatal(err)
	}
	traced, err := comparesTrace(src)
	if err != nil {
		t.Fatal(err)
	}
	var nativeEnv []string
	if traced {
		// Goroutine numbers are Go's own only with one processor: with
		// more, the collector's workers take some at times of the
		// scheduler's choosing.
		nativeEnv = []string{"GOMAXPROCS=1"}
	}
	want := run(t.Context(), cfg.timeout, dir, nativeEnv, native)
	if want.timedOut {
		t.Fatalf("the native program did not finish in %v", cfg.timeout)
	}
	plain := cfg.runs
	if raced != "" {
		plain-- // the run with -race is one of them
	}
	for i := 1; i <= plain; i++ {
		// Fail rather than let go test's own timeout kill the whole
		// suite, which would lose every result.
		if d, ok := t.Deadline(); ok && time.Until(d) < cfg.timeout+10*time.Second {
			t.Fatalf("not run: less than %v left before the go test -timeout deadline", cfg.timeout+10*time.Second)
		}
		got := run(t.Context(), cfg.timeout, dir, nil, goconc, "run", src)
		what := fmt.Sprintf("goconc run %d of %d", i, cfg.runs)
		if err := compare(want, got, what, cfg.timeout); err != nil {
			return err
		}
		if traced {
			if err := compareTrace(want, got, what); err != nil {
				return err
			}
		}
	}
	if raced == "" {
		return nil
	}
	// The race detector slows the interpreter several times over.
	logs := t.TempDir()
	got := run(t.Context(), 10*cfg.timeout, dir, []string{"GORACE=" + racereport.Option(logs)}, raced, "run", src)
	racereport.Check(t, logs, "goconc built with -race")
	return compare(want, got, "goconc built with -race", 10*cfg.timeout)
}

// compare returns how a run of goconc, named what, differs from the
// native run, or nil.
func compare(want, got result, what string, timeout time.Duration) error {
	switch {
	case got.timedOut:
		return fmt.Errorf("%s did not finish in %v\n%s\nstderr (end):\n%s",
			what, timeout, firstDifference(want.stdout, got.stdout), tail(got.stderr, 15))
	case !bytes.Equal(got.stdout, want.stdout) || got.exit != want.exit:
		return fmt.Errorf("%s differs from the native program; exit status %d (native %d)\n%s\nstderr (end):\n%s",
			what, got.exit, want.exit, firstDifference(want.stdout, got.stdout), tail(got.stderr, 15))
	}
	return nil
}

// traceDirective, on a line of its own in a program, makes the suite
// compare the program's standard error too, as a panic report: the native
// program runs with GOMAXPROCS=1, so that its goroutine numbers are the
// same on every run, and both reports are read through traceText.
const traceDirective = "//differential:trace"

func comparesTrace(src string) (bool, error) {
	data, err := os.ReadFile(src)
	if err != nil {
		return false, err
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) == traceDirective {
			return true, nil
		}
	}
	return false, nil
}

var (
	pcOffset   = regexp.MustCompile(` \+0x[0-9a-f]+$`)
	frameCall  = regexp.MustCompile(`^(\S+)\((.*)\)$`)
	signalLine = regexp.MustCompile(`^\[signal `)
	// A panic value Go cannot print as text is shown as its type and
	// the address of its data, "panic: (main.T) 0xc000012345".
	panicAddress = regexp.MustCompile(`^(\t?panic: \(.+\)) 0x[0-9a-f]+`)
)

// traceText is a panic report as the suite compares it: without the
// program counter offsets of frames (" +0x1d"), the address in the report
// of a panic value printed by its type, the line about the signal
// a nil dereference or a division raises, and the values of a frame's
// arguments, which Go prints as words of memory, "main.f(0x3, ...)", as
// "()" for a function without parameters, or "(...)" when it inlined the
// call; goconc prints "(...)" but for main.main and init functions.
func traceText(stderr []byte) string {
	var out []string
	for _, l := range lines(stderr) {
		if signalLine.MatchString(l) {
			continue
		}
		l = pcOffset.ReplaceAllString(l, "")
		l = panicAddress.ReplaceAllString(l, "$1 0xADDRESS")
		if !strings.HasPrefix(l, "\t") && !strings.HasPrefix(l, "created by ") {
			l = frameCall.ReplaceAllString(l, "$1(...)")
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// compareTrace returns how goconc's panic report differs from the native
// program's, or nil.
func compareTrace(want, got result, what string) error {
	w, g := traceText(want.stderr), traceText(got.stderr)
	if w == g {
		return nil
	}
	return fmt.Errorf("%s reports differently on standard error from the native program\n%s",
		what, firstDifference([]byte(w+"\n"), []byte(g+"\n")))
}

// readKnownFailures reads the programs that goconc is known to run
// differently today, each on a line with the engine fault that explains
// it: "NN_name: reason". They are still run, and must still differ, so
// that a fix shows.
func readKnownFailures(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	known := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%s: want \"name: reason\", got %q", path, line)
		}
		known[strings.TrimSpace(name)] = strings.TrimSpace(reason)
	}
	return known, nil
}

// result is what one run of a program produced.
type result struct {
	stdout, stderr []byte
	exit           int
	timedOut       bool
}

// run runs a command in dir with a time limit, adding env to its
// environment. Killing goconc at the limit is enough: its worker process
// dies with it.
func run(ctx context.Context, timeout time.Duration, dir string, env []string, name string, args ...string) result {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	r := result{stdout: stdout.Bytes(), stderr: stderr.Bytes()}
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		r.timedOut = true
		r.exit = -1
	case errors.As(err, &exit):
		r.exit = exit.ExitCode()
	case err != nil:
		r.exit = -1
		r.stderr = append(r.stderr, fmt.Sprintf("\n(%v)\n", err)...)
	}
	return r
}

// goBuild builds the package or file target into out, from the module
// root, with the build flags given.
func goBuild(ctx context.Context, root, out, target string, flags ...string) error {
	cmd := exec.CommandContext(ctx, "go", append(append([]string{"build"}, flags...), "-o", out, target)...)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", target, err, b)
	}
	return nil
}

// moduleRoot finds the directory of the go.mod above the working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// firstDifference shows where got departs from want, in the manner of a
// unified diff: the lines that differ between the common beginning and the
// common end (up to diffLines of each side), with two lines of context.
func firstDifference(want, got []byte) string {
	const context, diffLines = 2, 8
	w, g := lines(want), lines(got)
	start := 0
	for start < len(w) && start < len(g) && w[start] == g[start] {
		start++
	}
	if start == len(w) && start == len(g) {
		return "(standard output is the same)"
	}
	wEnd, gEnd := len(w), len(g)
	for wEnd > start && gEnd > start && w[wEnd-1] == g[gEnd-1] {
		wEnd--
		gEnd--
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--- native\n+++ goconc\n@@ first difference at line %d @@\n", start+1)
	for _, l := range w[max(0, start-context):start] {
		b.WriteString("  " + l + "\n")
	}
	for _, side := range []struct {
		mark  string
		lines []string
	}{{"- ", w[start:wEnd]}, {"+ ", g[start:gEnd]}} {
		if len(side.lines) == 0 {
			b.WriteString(side.mark + "(nothing)\n")
		}
		for _, l := range side.lines[:min(len(side.lines), diffLines)] {
			b.WriteString(side.mark + l + "\n")
		}
		if rest := len(side.lines) - diffLines; rest > 0 {
			fmt.Fprintf(&b, "%s... %d more lines\n", side.mark, rest)
		}
	}
	for _, l := range w[wEnd:min(len(w), wEnd+context)] {
		b.WriteString("  " + l + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// lines splits output into lines, marking a last line that has no newline.
func lines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	s := string(b)
	noEOL := !strings.HasSuffix(s, "\n")
	ls := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range ls {
		if len(l) > 200 {
			ls[i] = l[:200] + "..."
		}
	}
	if noEOL {
		ls[len(ls)-1] += " (no newline at end)"
	}
	return ls
}

// tail returns the last n lines of b.
func tail(b []byte, n int) string {
	ls := lines(b)
	if len(ls) > n {
		ls = append([]string{"..."}, ls[len(ls)-n:]...)
	}
	if len(ls) == 0 {
		return "(empty)"
	}
	return strings.Join(ls, "\n")
}
