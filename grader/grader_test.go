package grader

import (
	"context"
	"fmt"
	"math"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"goconc/exercises"
	"goconc/grader/interpreted"
	"goconc/grader/sandbox"
)

var (
	shared     *Grader
	sharedOnce sync.Once
	sharedErr  error
)

// testGrader is one Grader for every test, so that they share the
// machine's slots and the reference builds.
func testGrader(t *testing.T) *Grader {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	sharedOnce.Do(func() {
		self, err := os.Executable()
		if err != nil {
			sharedErr = err
			return
		}
		shared, sharedErr = New(Options{Runs: 6, SpeedRounds: 3, Seed: uint64(time.Now().UnixNano()), Interpreter: self})
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == interpreted.Command {
		// The interpreted runs of the tests' gradings.
		os.Exit(interpreted.Main(os.Args[2:]))
	}
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	os.Exit(code)
}

func grade(t *testing.T, g *Grader, path, exercise string) *Report {
	t.Helper()
	sub, ex, err := ReadSubmission(path, exercise)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := g.Grade(context.Background(), ex, sub)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestVerdicts grades correct, racy, deadlocking, hard-coded and serial
// submissions of the four named exercises: each test cell must pass or
// fail as listed, on every one of its runs, and say why in the words
// listed.
func TestVerdicts(t *testing.T) {
	g := testGrader(t)
	type want struct {
		pass    map[string]bool // by grade id; speed cells are checked apart
		mention []string        // one of these in a failing cell's lines
		speed   string          // "full", "none" or "" (no speed cell or not timed)
	}
	all := func(ids ...string) map[string]bool {
		m := map[string]bool{}
		for _, id := range ids {
			m[id] = true
		}
		return m
	}
	none := func(ids ...string) map[string]bool {
		m := map[string]bool{}
		for _, id := range ids {
			m[id] = false
		}
		return m
	}
	stuck := []string{"deadlock", "stuck", "did not finish"}
	race := []string{"data race"}
	tests := []struct {
		exercise, file string
		want           want
	}{
		{"counter", "correct", want{pass: all("test_ten_thousand", "test_random")}},
		{"counter", "racy", want{pass: none("test_ten_thousand", "test_random"), mention: race}},
		{"counter", "deadlock", want{pass: none("test_ten_thousand", "test_random"), mention: stuck}},
		{"counter", "hardcoded", want{pass: map[string]bool{"test_ten_thousand": true, "test_random": false}, mention: []string{"want"}}},
		{"bank", "correct", want{pass: all("test_two_way", "test_many")}},
		{"bank", "racy", want{pass: none("test_two_way", "test_many"), mention: race}},
		{"bank", "deadlock", want{pass: none("test_two_way", "test_many"), mention: stuck}},
		// Opposite lock orders with nothing between the locks: only the
		// scheduling noise makes the deadlock come up run after run.
		{"bank", "lockorder", want{pass: none("test_two_way", "test_many"), mention: stuck}},
		{"bank", "hardcoded", want{pass: none("test_two_way", "test_many"), mention: []string{"want"}}},
		{"primes", "correct", want{pass: all("test_known", "test_random"), speed: "full"}},
		{"primes", "serial", want{pass: all("test_known", "test_random"), speed: "none"}},
		{"primes", "racy", want{pass: none("test_known", "test_random"), mention: race, speed: "none"}},
		{"primes", "deadlock", want{pass: none("test_known", "test_random"), mention: stuck, speed: "none"}},
		{"primes", "hardcoded", want{pass: none("test_known", "test_random"), mention: []string{"want"}, speed: "none"}},
		{"fetchall", "correct", want{pass: all("test_all", "test_one_worker")}},
		{"fetchall", "serial", want{pass: map[string]bool{"test_all": false, "test_one_worker": true}, mention: []string{"one at a time"}}},
		{"fetchall", "racy", want{pass: none("test_all", "test_one_worker"), mention: []string{"data race", "concurrent map writes"}}},
		{"fetchall", "deadlock", want{pass: none("test_all", "test_one_worker"), mention: stuck}},
		{"fetchall", "hardcoded", want{pass: none("test_all", "test_one_worker"), mention: []string{"wrong map"}}},
	}
	for _, tt := range tests {
		t.Run(tt.exercise+"/"+tt.file, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join("testdata", tt.exercise, tt.file+".go")
			rep := grade(t, g, path, tt.exercise)
			if rep.CompileError != "" {
				t.Fatalf("does not compile: %s", rep.CompileError)
			}
			text := rep.Text()
			for _, tr := range rep.Tests {
				if strings.HasPrefix(tr.GradeID, "test_speed") {
					checkSpeed(t, tr, tt.want.speed, text)
					continue
				}
				wantPass, listed := tt.want.pass[tr.GradeID]
				if !listed {
					t.Fatalf("no expectation for %s", tr.GradeID)
				}
				passed := tr.Score == tr.MaxScore
				if passed != wantPass {
					t.Errorf("%s: passed = %v, want %v\n%s", tr.GradeID, passed, wantPass, text)
					continue
				}
				if !passed && !mentions(tr.Lines, tt.want.mention) {
					t.Errorf("%s: no mention of %q\n%s", tr.GradeID, tt.want.mention, text)
				}
			}
		})
	}
}

func mentions(lines, words []string) bool {
	text := strings.Join(lines, "\n")
	for _, w := range words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// checkSpeed holds a speed cell to its verdict. A correct solution gets
// full marks unless the machine is too busy for any measure, which the
// report must then say; a serial, wrong or racy one never gets points.
func checkSpeed(t *testing.T, tr TestReport, want, text string) {
	t.Helper()
	switch want {
	case "none":
		if tr.Score != 0 {
			t.Errorf("%s: %v speed points, want none\n%s", tr.GradeID, tr.Score, text)
		}
	case "full":
		if tr.Score != tr.MaxScore && !mentions(tr.Lines, []string{"too busy to measure"}) {
			t.Errorf("%s: %v of %v speed points on a machine that could measure\n%s", tr.GradeID, tr.Score, tr.MaxScore, text)
		}
		if tr.Score != tr.MaxScore {
			t.Logf("machine too busy to time the speed test:\n%s", strings.Join(tr.Lines, "\n"))
		}
	}
}

// TestContainment grades submissions that try to escape or to fool the
// grader: each costs its test, never the grader, and is told why. Each
// test's runs name one of the submission's causes; its other runs are
// ones the grader cut short or left unmade once the test had failed. A
// submission that ends its own process, or meets a limit other than
// time, is never waited out: none of its runs reaches its full time
// limit.
func TestContainment(t *testing.T) {
	tests := []struct {
		file     string
		mention  string
		causes   []string // the outcomes the submission's runs may have
		waitsOut bool     // runs may end at their full time limit
	}{
		{"exit", "ended before the test finished", []string{"the program ended before the test finished (exit status 0)"}, false},
		// forge writes on every descriptor, the Go runtime's poller's
		// too, which may kill it (status 2) before its own exit.
		{"forge", "ended before the test finished", []string{"the program ended before the test finished (exit status", "runtime: netpoll failed"}, false},
		{"gopanic", "assignment to entry in nil map", []string{"panic: assignment to entry in nil map"}, false},
		{"loop", "time limit", []string{"within the time limit"}, true},
		{"memory", "memory limit", []string{"stopped at the memory limit"}, false},
		{"output", "output limit", []string{"stopped at the output limit"}, false},
		{"forkbomb", "deadlock", []string{"stopped at the memory limit", "within the time limit", "deadlock"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			lg := testGrader(t).With(func(o *Options) {
				o.Limits = sandbox.Limits{Time: 5 * time.Second, Memory: containMemory, Output: 1 << 20, Procs: 128}
				o.RunTimeout = 8 * time.Second
				o.Runs = 2
			})
			rep := grade(t, lg, filepath.Join("testdata", "contain", tt.file+".go"), "counter")
			if rep.Score != 0 {
				t.Errorf("score %v, want 0\n%s", rep.Score, rep.Text())
			}
			if !strings.Contains(rep.Text(), tt.mention) {
				t.Errorf("report does not say %q\n%s", tt.mention, rep.Text())
			}
			named := map[string]bool{} // by test name: a run names a cause
			for _, tr := range rep.Tests {
				for _, line := range tr.Lines {
					name, outcomes, _, ok := runOutcomes(line)
					if !ok {
						continue
					}
					causes := tt.causes
					if _, seen := named[name]; !seen {
						named[name] = false
					}
					for _, o := range outcomes {
						cause := false
						for _, c := range causes {
							cause = cause || strings.Contains(o, c)
						}
						named[name] = named[name] || cause
						switch {
						case strings.HasPrefix(o, "did not finish within the time limit") && !tt.waitsOut:
							t.Errorf("%s: a run was waited out to its time limit: %s", tr.GradeID, line)
						case cause, strings.HasPrefix(o, "not run ("), strings.HasPrefix(o, "not made ("):
						case strings.HasPrefix(o, "not finished within the time limit") && strings.Contains(o, "cut from"):
							// Cut short once the test had failed.
						default:
							t.Errorf("%s: a run says %q, want one of %q: %s", tr.GradeID, o, causes, line)
						}
					}
				}
			}
			if len(named) == 0 {
				t.Errorf("no failed runs in the report\n%s", rep.Text())
			}
			for name, ok := range named {
				if !ok {
					t.Errorf("%s: no run says %q\n%s", name, tt.causes, rep.Text())
				}
			}
			if n := leftovers("sleep\x0060", lg.work); tt.file == "forkbomb" && n > 0 {
				t.Errorf("%d child processes left running", n)
			}
		})
	}
}

// runOutcomes returns the test name and the outcomes of a report's line
// of failed runs, "NAME: FAILED (N runs ...): 2 x OUTCOME; 1 x OUTCOME",
// without their counts, and the runs they count; ok is false for other
// lines.
func runOutcomes(line string) (name string, outcomes []string, runs int, ok bool) {
	name, rest, ok := strings.Cut(line, ": FAILED (")
	if !ok {
		return "", nil, 0, false
	}
	_, hist, ok := strings.Cut(rest, "): ")
	if !ok {
		return "", nil, 0, false
	}
	for _, part := range strings.Split(hist, "; ") {
		// An outcome's own detail ("goroutines stuck: ...") follows it
		// after "; " with no count.
		if m := countedOutcome.FindStringSubmatch(part); m != nil {
			n, _ := strconv.Atoi(m[1])
			runs += n
			outcomes = append(outcomes, m[2])
		}
	}
	return name, outcomes, runs, true
}

var countedOutcome = regexp.MustCompile(`^(\d+) x (.*)$`)

// TestContainmentManyRuns grades submissions that end their process or
// forge results with runs enough for a process to make several: the run
// that ends a process fails, its test's other runs are made by other
// processes, and each of them fails too.
func TestContainmentManyRuns(t *testing.T) {
	tests := []struct {
		file   string
		causes []string // each run's outcome says one of these
	}{
		{"exit", []string{"ended before the test finished"}},
		// forge's runs may end with status 0 or 2, or be killed by the
		// runtime's poller (TestContainment says why), so its 6 runs
		// may be split among these outcomes.
		{"forge", []string{"ended before the test finished", "runtime: netpoll failed"}},
		{"gopanic", []string{"assignment to entry in nil map"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			lg := testGrader(t).With(func(o *Options) {
				o.Runs = 6
				o.InterpretedRuns = -1
				// Runs after the first failure get a tenth of this,
				// time enough to start a process on a busy machine.
				o.RunTimeout = 100 * time.Second
			})
			rep := grade(t, lg, filepath.Join("testdata", "contain", tt.file+".go"), "counter")
			if rep.Score != 0 {
				t.Errorf("score %v, want 0\n%s", rep.Score, rep.Text())
			}
			for _, tr := range rep.Tests {
				line := tr.Lines[0]
				_, outcomes, made, ok := runOutcomes(line)
				sayCause := ok && len(outcomes) > 0
				for _, o := range outcomes {
					says := false
					for _, c := range tt.causes {
						says = says || strings.Contains(o, c)
					}
					sayCause = sayCause && says
				}
				if !strings.Contains(line, "FAILED (6 runs") || made != 6 || !sayCause {
					t.Errorf("%s: want all 6 runs made, each failed saying one of %q: %s", tr.GradeID, tt.causes, line)
				}
			}
		})
	}
}

// TestForgedLinesCount checks that result lines a program writes itself
// are seen and rejected.
func TestForgedLinesCount(t *testing.T) {
	g := testGrader(t)
	ex, err := LoadExercise("counter")
	if err != nil {
		t.Fatal(err)
	}
	sub, _, err := ReadSubmission(filepath.Join("testdata", "contain", "forge.go"), "counter")
	if err != nil {
		t.Fatal(err)
	}
	bin, err := g.build(context.Background(), ex, ex.submissionCells(sub), buildKind{})
	if err != nil || bin.compileErr != "" {
		t.Fatal(err, bin.compileErr)
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o777)
	r, err := sandbox.Run(context.Background(), g.iso, bin.path, []string{"-test", "testTenThousand"}, dir, nil, sandbox.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if r.Forged == 0 || r.Done() || len(r.Records) != 0 {
		t.Errorf("forged lines: %d, records %+v", r.Forged, r.Records)
	}
}

// TestBuildOnce checks that a program is built once per source and kind:
// a copy of a submission reuses its binary; another kind is built apart;
// noise goes into correctness builds only.
func TestBuildOnce(t *testing.T) {
	testGrader(t) // skips without the toolchain
	g, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	ex, err := LoadExercise("bank")
	if err != nil {
		t.Fatal(err)
	}
	sub, _, err := ReadSubmission(filepath.Join("testdata", "bank", "lockorder.go"), "bank")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	before := g.BuildStats()
	var bins []*binary
	for _, kind := range []buildKind{{noise: true}, {noise: true}, {}} {
		bin, err := g.build(ctx, ex, ex.submissionCells(sub), kind)
		if err != nil || bin.compileErr != "" {
			t.Fatal(err, bin.compileErr)
		}
		bins = append(bins, bin)
	}
	after := g.BuildStats()
	if got := after.Built - before.Built; got != 2 {
		t.Errorf("built %d programs for two kinds of one source, want 2", got)
	}
	if bins[0] != bins[1] || bins[0].path == bins[2].path {
		t.Errorf("binaries: %s, %s, %s: want the first two shared, the third apart", bins[0].path, bins[1].path, bins[2].path)
	}
	if bins[0].noiseSites == 0 || bins[2].noiseSites != 0 {
		t.Errorf("noise sites: %d with noise, %d without", bins[0].noiseSites, bins[2].noiseSites)
	}
}

// TestIsolation checks that a submission can neither list the grader's
// directories (when the grader is root) nor reach the grader's loopback
// (when the system has network namespaces).
func TestIsolation(t *testing.T) {
	g := testGrader(t)
	if !g.iso.UserNS {
		t.Skip("no user namespaces here: ", g.iso.Describe())
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	src, err := os.ReadFile(filepath.Join("testdata", "contain", "snoop.go"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "snoop.go")
	os.WriteFile(path, []byte(strings.ReplaceAll(string(src), "ADDR", ln.Addr().String())), 0o644)
	rep := grade(t, g.With(func(o *Options) { o.Runs = 2 }), path, "counter")
	if !g.iso.Unprivileged {
		t.Logf("not root: the grader's directories are readable; only the network is checked")
	}
	for _, tr := range rep.Tests {
		if tr.Score != tr.MaxScore && (g.iso.Unprivileged || mentions(tr.Lines, []string{"= -2"})) {
			t.Errorf("the submission reached what it should not:\n%s", rep.Text())
		}
	}
}

// TestReleasesCompileAndFail grades every exercise's release notebook, as
// handed out: it must compile and score nothing.
func TestReleasesCompileAndFail(t *testing.T) {
	g := testGrader(t)
	for _, id := range exercises.IDs() {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			lg := g.With(func(o *Options) { o.Runs = 1; o.NoRace = true })
			rep := grade(t, lg, filepath.Join("..", "exercises", "release", id+".ipynb"), "")
			if rep.CompileError != "" {
				t.Fatalf("release does not compile: %s", rep.CompileError)
			}
			if rep.Score != 0 {
				t.Errorf("release scores %v\n%s", rep.Score, rep.Text())
			}
			if !strings.Contains(rep.Text(), "not implemented") {
				t.Errorf("release fails for another reason than its stub\n%s", rep.Text())
			}
		})
	}
}

// TestReferenceSolutionsPass grades each exercise's source notebook,
// whose solution cells hold the reference solution: full marks for every
// correctness test.
func TestReferenceSolutionsPass(t *testing.T) {
	g := testGrader(t)
	for _, id := range exercises.IDs() {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			lg := g.With(func(o *Options) { o.Runs = 2 })
			rep := grade(t, lg, filepath.Join("..", "exercises", "source", id+".ipynb"), "")
			for _, tr := range rep.Tests {
				if strings.HasPrefix(tr.GradeID, "test_speed") {
					checkSpeed(t, tr, "full", rep.Text())
					continue
				}
				if tr.Score != tr.MaxScore {
					t.Errorf("%s: %v/%v\n%s", tr.GradeID, tr.Score, tr.MaxScore, rep.Text())
				}
			}
		})
	}
}

// TestBadSubmissions are refused with a one-line reason.
func TestBadSubmissions(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"notjson.ipynb": "{",
		"nometa.ipynb":  `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}`,
		"unknown.ipynb": `{"nbformat": 4, "nbformat_minor": 5, "metadata": {"goconc": {"exercise": "nosuch"}}, "cells": []}`,
		"nosol.ipynb":   `{"nbformat": 4, "nbformat_minor": 5, "metadata": {"goconc": {"exercise": "counter"}}, "cells": [{"cell_type": "code", "source": "x := 1", "metadata": {}, "outputs": []}]}`,
		"other.go":      "package main\n\nfunc Unrelated() {}\n",
		"notes.txt":     "hello",
	}
	for name, content := range files {
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
		_, _, err := ReadSubmission(filepath.Join(dir, name), "")
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error spans lines: %q", name, err)
		}
	}
}

// TestBrokenOutOfItsPoints grades a submission folder with nothing to
// grade in it: Gradescope's results give the reason, a zero out of the
// exercise's points when the exercise is known, and a failed entry per
// test that says why.
func TestBrokenOutOfItsPoints(t *testing.T) {
	g := testGrader(t)
	ex, err := LoadExercise("counter")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		exercise string
		max      float64
		entries  int
	}{
		{"counter", ex.MaxScore(), len(ex.Tests)},
		{"", 0, 0},
	}
	for _, tt := range tests {
		gs, err := g.GradePath(context.Background(), t.TempDir(), tt.exercise)
		if err == nil {
			t.Fatalf("exercise %q: an empty folder was graded", tt.exercise)
		}
		if gs.Score != 0 || gs.MaxScore != tt.max || len(gs.Tests) != tt.entries || !strings.Contains(gs.Output, "no notebook or .go file") {
			t.Errorf("exercise %q: %+v; want 0 of %v, %d tests", tt.exercise, gs, tt.max, tt.entries)
		}
		for _, e := range gs.Tests {
			if e.Status != "failed" || e.Score != 0 || !strings.Contains(e.Output, "no notebook or .go file") {
				t.Errorf("exercise %q: test entry %+v", tt.exercise, e)
			}
		}
		// A batch's grades.csv gives the reason in its error column.
		out := t.TempDir()
		if err := writeStudent(filepath.Join(out, "dave"), gs); err != nil {
			t.Fatal(err)
		}
		if err := writeCSV(out); err != nil {
			t.Fatal(err)
		}
		csv, _ := os.ReadFile(filepath.Join(out, "grades.csv"))
		if !strings.Contains(string(csv), ",Could not grade this submission: no notebook or .go file") {
			t.Errorf("exercise %q: grades.csv has no reason:\n%s", tt.exercise, csv)
		}
	}
}

func ExampleHistogram() {
	fmt.Println(Histogram(map[string]int{"10000": 17, "9985": 2, "9993": 1}, 0))
	// Output: 17 x 10000; 2 x 9985; 1 x 9993
}

func TestSpeedFraction(t *testing.T) {
	tests := []struct {
		student, reference, full, want float64
	}{
		{1.0, 1.9, 0.75, 0},     // serial
		{1.9, 1.9, 0.75, 1},     // as fast as the reference
		{1.5, 1.9, 0.75, 1},     // 0.79 of the reference's speedup
		{0.9, 1.9, 0.75, 0},     // slower in parallel
		{3.5, 3.8, 0.75, 1},     // four cores
		{1.2, 2.0, 0.75, 0.4},   // part
		{1.35, 1.9, 0.75, 0.82}, // near the top
	}
	for _, tt := range tests {
		got := SpeedFraction(tt.student, tt.reference, tt.full)
		if d := got - tt.want; d > 0.05 || d < -0.05 {
			t.Errorf("SpeedFraction(%v, %v, %v) = %.2f, want %.2f", tt.student, tt.reference, tt.full, got, tt.want)
		}
	}
}

// TestJudgeSpeed scores timings such as a loaded machine gives: load
// that moves between the timed runs must not pay serial or busy-waiting
// code, nor cost a parallel one its points.
func TestJudgeSpeed(t *testing.T) {
	tests := []struct {
		name    string
		tm      speedTimings
		want    float64
		mention string
	}{
		{"parallel, quiet", speedTimings{
			s1: []float64{2, 2, 2}, sN: []float64{1.05, 1.05, 1.05}, sPar: []float64{1.95, 1.95, 1.95},
			r1: []float64{2, 2, 2}, rN: []float64{1.05, 1.05, 1.05}, rPar: []float64{1.95, 1.95, 1.95}}, 1, "100% of the points"},
		// The one-worker runs met a burst of load: a wall-clock speedup
		// of 1.27 for code that kept one core busy.
		{"serial, load moved", speedTimings{
			s1: []float64{2.5, 2.6, 2.4}, sN: []float64{2, 2, 1.9}, sPar: []float64{1.01, 1.0, 1.02},
			r1: []float64{2, 2, 2}, rN: []float64{1.1, 1.1, 1.1}, rPar: []float64{1.9, 1.9, 1.9}}, 0, "ran serially"},
		{"busy-waiting", speedTimings{
			s1: []float64{2, 2, 2}, sN: []float64{2, 2, 2}, sPar: []float64{2, 2, 2},
			r1: []float64{2, 2, 2}, rN: []float64{1.1, 1.1, 1.1}, rPar: []float64{1.9, 1.9, 1.9}}, 0, "ran 1.00x faster"},
		{"parallel, machine busy", speedTimings{
			s1: []float64{4, 4, 4}, sN: []float64{3.9, 3.9, 3.9}, sPar: []float64{1.7, 1.7, 1.7},
			r1: []float64{4, 4, 4}, rN: []float64{3.9, 3.9, 3.9}, rPar: []float64{1.7, 1.7, 1.7}}, 1, "estimated from CPU time"},
		// Other processes left less than a core: no measure, and the
		// report must say so rather than call the code serial.
		{"machine overloaded", speedTimings{
			s1: []float64{5, 5, 5}, sN: []float64{4, 4, 4}, sPar: []float64{0.5, 0.5, 0.5},
			r1: []float64{5, 5, 5}, rN: []float64{8, 8, 8}, rPar: []float64{0.4, 0.4, 0.4}}, 0, "too busy to measure"},
		{"parallel, no second core to be had", speedTimings{
			s1: []float64{4, 4, 4}, sN: []float64{8, 8, 8}, sPar: []float64{0.3, 0.3, 0.3},
			r1: []float64{4, 4, 4}, rN: []float64{8, 8, 8}, rPar: []float64{0.3, 0.3, 0.3}}, 0, "too busy to measure"},
		// Another process took most of a core during the student's
		// runs with two workers but not during the reference's: the
		// times alone score a correct solution 0, which must not stand
		// as a verdict.
		{"parallel, others busy during its runs", speedTimings{
			s1: []float64{2, 2, 2}, sN: []float64{1.6, 1.6, 1.6}, sPar: []float64{1.3, 1.3, 1.3},
			sOthers: []float64{0.8, 0.7, 0.9, 0.8, 0.8, 0.9},
			r1:      []float64{2, 2, 2}, rN: []float64{1.3, 1.3, 1.3}, rPar: []float64{1.9, 1.9, 1.9},
			rOthers: []float64{0.05, 0.1, 0.05}}, 0.13, "too busy to measure this fairly: other processes kept 0.80 cores"},
		{"serial, others busy", speedTimings{
			s1: []float64{2, 2, 2}, sN: []float64{2, 2, 2}, sPar: []float64{1.0, 1.0, 1.0},
			sOthers: []float64{0.6, 0.6, 0.6, 0.6, 0.6, 0.6},
			r1:      []float64{2, 2, 2}, rN: []float64{1.1, 1.1, 1.1}, rPar: []float64{1.9, 1.9, 1.9},
			rOthers: []float64{0.6, 0.6, 0.6}}, 0, "ran serially"},
		// A little load is the machine's own: no excuse is made for
		// code that earns part of the points.
		{"part, quiet enough", speedTimings{
			s1: []float64{2, 2, 2}, sN: []float64{1.6, 1.6, 1.6}, sPar: []float64{1.3, 1.3, 1.3},
			sOthers: []float64{0.05, 0.1, 0.05, 0.1, 0.05, 0.1},
			r1:      []float64{2, 2, 2}, rN: []float64{1.05, 1.05, 1.05}, rPar: []float64{1.95, 1.95, 1.95},
			rOthers: []float64{0.05, 0.1, 0.05}}, 0, "of the points"},
		{"parallel, others busy but full marks", speedTimings{
			s1: []float64{2, 2, 2}, sN: []float64{1.05, 1.05, 1.05}, sPar: []float64{1.95, 1.95, 1.95},
			sOthers: []float64{0.5, 0.5, 0.5, 0.5, 0.5, 0.5},
			r1:      []float64{2, 2, 2}, rN: []float64{1.05, 1.05, 1.05}, rPar: []float64{1.95, 1.95, 1.95},
			rOthers: []float64{0.5, 0.5, 0.5}}, 1, "100% of the points"},
	}
	for _, tt := range tests {
		got := judgeSpeed(tt.tm, 2, 0.75)
		if d := got.fraction - tt.want; d > 0.05 || d < -0.05 {
			t.Errorf("%s: %.2f of the points, want %.2f (%+v)", tt.name, got.fraction, tt.want, got)
		}
		text := strings.Join(got.lines(Test{Name: "speed"}), "\n")
		if !strings.Contains(text, tt.mention) {
			t.Errorf("%s: report does not say %q: %s", tt.name, tt.mention, text)
		}
		if busy := max(median(tt.tm.sOthers), median(tt.tm.rOthers)); got.fraction < 1 && busy > quietLoad && !strings.Contains(text, "too busy to measure") {
			t.Errorf("%s: a verdict short of full marks with other processes keeping %.2f cores busy does not say so: %s", tt.name, busy, text)
		}
	}
}

// TestOthersLoad burns a core in this process, which othersLoad must
// count as another's since the program it is told of used no CPU. Other
// processes on the machine can only add to the figure.
func TestOthersLoad(t *testing.T) {
	_, cpus, ok := machineCPU()
	measurable := ok && cpus == runtime.NumCPU()
	others := othersLoad(runtime.NumCPU())
	start := time.Now()
	for time.Since(start) < 400*time.Millisecond {
	}
	got := others(time.Since(start).Seconds(), 0)
	switch {
	case !measurable && !math.IsNaN(got):
		t.Errorf("/proc/stat counts %d CPUs (read: %v) for %d usable, yet the load reads %.2f cores instead of unknown", cpus, ok, runtime.NumCPU(), got)
	case measurable && !(got >= 0.6):
		t.Errorf("a core kept busy for 400ms counts as %.2f cores, want about 1", got)
	}
}

// TestLeftovers checks that leftovers sees a process started as a graded
// submission's child would be, and only under its own work directory.
func TestLeftovers(t *testing.T) {
	work := t.TempDir()
	cmd := exec.Command("sleep", "60")
	cmd.Env = []string{"PATH=/usr/bin:/bin", "TMPDIR=" + filepath.Join(work, "run-1")}
	if err := cmd.Start(); err != nil {
		t.Skip("cannot start sleep: ", err)
	}
	defer cmd.Wait()
	defer cmd.Process.Kill()
	if n := leftovers("sleep\x0060", work); n != 1 {
		t.Errorf("leftovers counts %d processes of the work directory, want 1", n)
	}
	if n := leftovers("sleep\x0060", work+"-other"); n != 0 {
		t.Errorf("leftovers counts %d processes of another work directory, want 0", n)
	}
}

// leftovers counts the processes whose command line holds cmdline that a
// submission graded with the work directory work started: their
// environment has TMPDIR in it, as sandbox.Run sets it and a child
// inherits it. Other processes on the machine, other gradings' among
// them, are not counted.
func leftovers(cmdline, work string) int {
	n := 0
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), cmdline) {
			continue
		}
		env, err := os.ReadFile(filepath.Join(filepath.Dir(p), "environ"))
		if err == nil && strings.Contains("\x00"+string(env), "\x00TMPDIR="+work+"/") {
			n++
		}
	}
	return n
}

// TestBatch grades a small class: a correct and a racy student, and one
// whose notebook is broken; then again, skipping all, then with Force.
func TestBatch(t *testing.T) {
	g := testGrader(t).With(func(o *Options) { o.Runs = 2 })
	in, out := t.TempDir(), t.TempDir()
	copyFile(t, filepath.Join("testdata", "counter", "correct.go"), filepath.Join(in, "alice.go"))
	os.MkdirAll(filepath.Join(in, "bob"), 0o755)
	copyFile(t, filepath.Join("testdata", "counter", "racy.go"), filepath.Join(in, "bob", "counter.go"))
	os.WriteFile(filepath.Join(in, "carol.ipynb"), []byte("{not json"), 0o644)
	var progress strings.Builder
	res, err := g.Batch(context.Background(), BatchOptions{Dir: in, Out: out, Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	if res.Graded != 2 || res.Broken != 1 {
		t.Errorf("graded %d, broken %d; want 2 and 1", res.Graded, res.Broken)
	}
	if !strings.Contains(progress.String(), "3/3") {
		t.Errorf("no progress shown: %q", progress.String())
	}
	if !strings.Contains(progress.String(), "graded 2; 1 could not be graded") {
		t.Errorf("the summary does not count the broken submission apart: %q", progress.String())
	}
	csv, err := os.ReadFile(filepath.Join(out, "grades.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	want := []string{
		"student,total,max,test_ten_thousand,test_random,error",
		"alice,6,6,3,3,",
		"bob,0,6,0,0,",
	}
	if len(lines) != 4 || lines[0] != want[0] || lines[1] != want[1] || lines[2] != want[2] || !strings.HasPrefix(lines[3], "carol,0,0,,,Could not grade") {
		t.Errorf("grades.csv:\n%s", csv)
	}
	for _, student := range []string{"alice", "bob", "carol"} {
		for _, f := range []string{"results.json", "feedback.txt"} {
			if _, err := os.Stat(filepath.Join(out, student, f)); err != nil {
				t.Errorf("%s: %v", student, err)
			}
		}
	}
	fb, _ := os.ReadFile(filepath.Join(out, "bob", "feedback.txt"))
	if !strings.Contains(string(fb), "data race") {
		t.Errorf("bob's feedback does not mention the race:\n%s", fb)
	}
	res, err = g.Batch(context.Background(), BatchOptions{Dir: in, Out: out})
	if err != nil || res.Skipped != 3 || res.Graded+res.Broken != 0 {
		t.Errorf("second batch: %+v, %v; want all skipped", res, err)
	}
	// A grading whose speed test the machine was too busy to time asks
	// to be done again: grades.csv says so, and the next batch grades
	// that student again, and no other.
	rep := &Report{Exercise: "counter", Tests: []TestReport{{GradeID: "test_speed", Name: "speed", MaxScore: 5, Regrade: "speed not measured fairly: other processes kept 0.90 cores busy during the timings"}}}
	gs := rep.Gradescope()
	if err := writeStudent(filepath.Join(out, "alice"), &gs); err != nil {
		t.Fatal(err)
	}
	if err := writeCSV(out); err != nil {
		t.Fatal(err)
	}
	csv, _ = os.ReadFile(filepath.Join(out, "grades.csv"))
	if !strings.Contains(string(csv), "test_speed: speed not measured fairly: other processes kept 0.90 cores busy during the timings (the next batch run grades it again)") {
		t.Errorf("grades.csv does not say alice wants grading again:\n%s", csv)
	}
	progress.Reset()
	res, err = g.Batch(context.Background(), BatchOptions{Dir: in, Out: out, Progress: &progress})
	if err != nil || res.Skipped != 2 || res.Graded != 1 || res.Regrade != 0 {
		t.Errorf("batch after a grading that asked to be done again: %+v, %v; want alice graded, the others skipped", res, err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "alice", "results.json")); strings.Contains(string(b), "regrade") {
		t.Errorf("alice's new results still ask to be graded again:\n%s", b)
	}
	res, err = g.Batch(context.Background(), BatchOptions{Dir: in, Out: out, Force: true, Parallel: 1})
	if err != nil || res.Graded != 2 {
		t.Errorf("forced batch: %+v, %v", res, err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestInterpretedNoise grades bank submissions through the interpreter
// with scheduling noise: opposite lock orders with nothing between the
// locks deadlock in the interpreted runs of every test on every grading,
// the correct submission passes every interpreted run, and the racy one
// keeps its verdict (the compiled runs catch its races; its interpreted
// runs may or may not lose money).
func TestInterpretedNoise(t *testing.T) {
	g := testGrader(t)
	tests := []struct {
		file       string
		pass       bool // every interpreted run
		anyOutcome bool
	}{
		{"lockorder", false, false},
		{"correct", true, false},
		{"racy", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			rep := grade(t, g, filepath.Join("testdata", "bank", tt.file+".go"), "bank")
			var lines []string
			for _, tr := range rep.Tests {
				for _, l := range tr.Lines {
					if strings.Contains(l, "in the interpreter") {
						lines = append(lines, l)
					}
				}
			}
			if len(lines) != 3 {
				t.Fatalf("%d interpreted checks, want 3\n%s", len(lines), rep.Text())
			}
			for _, l := range lines {
				if !strings.Contains(l, "with scheduling noise") {
					t.Errorf("no noise in the interpreted runs: %s", l)
				}
				switch {
				case tt.anyOutcome:
				case tt.pass && !strings.Contains(l, ": ok ("):
					t.Errorf("the correct submission failed in the interpreter:\n%s", rep.Text())
				case !tt.pass && !(strings.Contains(l, "FAILED") && strings.Contains(l, "deadlock")):
					t.Errorf("opposite lock orders did not deadlock in the interpreter: %s\n%s", l, rep.Text())
				}
			}
			if passed := rep.Score == rep.MaxScore; passed != tt.pass {
				t.Errorf("score %v of %v\n%s", rep.Score, rep.MaxScore, rep.Text())
			}
		})
	}
}

// TestRefPool holds the sharing of the reference's speed timings to its
// rules: a grading times the reference in every round while the pool
// lacks recent samples, and in one round at least otherwise.
func TestRefPool(t *testing.T) {
	now := time.Now()
	samples := func(ages ...time.Duration) *refPool {
		p := &refPool{}
		for _, a := range ages {
			p.samples = append(p.samples, refSample{at: now.Add(-a)})
		}
		return p
	}
	full := samples(50*time.Second, 40*time.Second, 30*time.Second, 20*time.Second, 10*time.Second)
	tests := []struct {
		name         string
		pool         *refPool
		round, fresh int
		want         bool
	}{
		{"empty pool", samples(), 0, 0, true},
		{"too few samples", samples(time.Second, time.Second), 3, 2, true},
		{"old samples do not count", samples(4*time.Minute, 4*time.Minute, 4*time.Minute, 4*time.Minute, time.Second), 2, 1, true},
		{"enough, recent, not the last round", full, 0, 0, false},
		{"enough, but this grading timed none yet in its last round", full, 4, 0, true},
		{"enough, and this grading timed one", full, 4, 1, false},
		{"newest too old", samples(2*time.Minute, 2*time.Minute, 2*time.Minute, 2*time.Minute, time.Minute), 0, 0, true},
	}
	for _, tt := range tests {
		if got := tt.pool.needs(5, tt.round, tt.fresh); got != tt.want {
			t.Errorf("%s: needs = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestInterpretedStopCostsOneTest grades counter submissions that are
// right but for lesson 02's numbers, where they wait for ever, allocate
// until the memory limit ends the process, or print without end. The interpreted runs of all
// the tests share a process; the test that stopped it fails, with its
// later runs not run, and the tests after it run in a new process and
// pass.
func TestInterpretedStopCostsOneTest(t *testing.T) {
	tests := []struct {
		file    string
		mention string
	}{
		{"stuckone", "deadlock"},
		{"memoryone", "memory limit"},
		// Its own output limit stops the test's run: the process
		// passes on a share of each test's output, so that the reports
		// of the tests after it are kept.
		{"printone", "output limit"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			lg := testGrader(t).With(func(o *Options) {
				// Memory enough for the interpreter, and time enough
				// to reach the limit on a busy machine.
				o.Limits = sandbox.Limits{Time: 30 * time.Second, Memory: 192 << 20, Output: 1 << 20, Procs: 256}
				o.RunTimeout = 20 * time.Second
				o.Runs = 2
			})
			rep := grade(t, lg, filepath.Join("testdata", "contain", tt.file+".go"), "counter")
			seen := 0
			for _, tr := range rep.Tests {
				for _, l := range tr.Lines {
					if !strings.Contains(l, "in the interpreter") {
						continue
					}
					seen++
					stopped := tr.GradeID == "test_ten_thousand"
					switch {
					case stopped && !(strings.Contains(l, "FAILED") && strings.Contains(l, tt.mention) && strings.Contains(l, "not run")):
						t.Errorf("%s: the interpreted runs did not fail at the first and stop: %s\n%s", tr.GradeID, l, rep.Text())
					case !stopped && !strings.Contains(l, ": ok ("):
						t.Errorf("%s: a test after the stopped one did not pass: %s\n%s", tr.GradeID, l, rep.Text())
					}
				}
			}
			if seen < 3 {
				t.Errorf("%d tests with interpreted runs, want 3 at least\n%s", seen, rep.Text())
			}
		})
	}
}

// TestFailedTestCutsItsRuns grades fetchall submissions with a deadlock
// that the Go runtime cannot see (the test's HTTP server keeps it quiet)
// and a correct one. Once a run of a test has failed, its other runs have
// a short time limit and, once one of them is stopped, are not made: the
// deadlocking submission's report says so. A correct submission makes
// every run of every test, compiled and interpreted.
func TestFailedTestCutsItsRuns(t *testing.T) {
	tests := []struct {
		file string
		pass bool
	}{
		{"deadlock", false},
		{"correct", true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			g := testGrader(t).With(func(o *Options) { o.Runs = 6 })
			rep := grade(t, g, filepath.Join("testdata", "fetchall", tt.file+".go"), "fetchall")
			text := rep.Text()
			lines := 0
			for _, tr := range rep.Tests {
				for _, l := range tr.Lines {
					compiled := strings.Contains(l, "under the race detector")
					if !compiled && !strings.Contains(l, "in the interpreter") {
						continue
					}
					lines++
					switch {
					case tt.pass && !(strings.Contains(l, ": ok (") && !strings.Contains(l, "not run")):
						t.Errorf("a correct submission did not pass every run: %s\n%s", l, text)
					case tt.pass && compiled && !strings.Contains(l, "6 x ok"):
						t.Errorf("a correct submission did not make every compiled run: %s", l)
					case tt.pass && !compiled && !strings.Contains(l, fmt.Sprintf("%d x ok", g.opts.InterpretedRuns)):
						t.Errorf("a correct submission did not make every interpreted run: %s", l)
					case !tt.pass && !strings.Contains(l, "FAILED"):
						t.Errorf("a deadlocking submission passed: %s", l)
					case !tt.pass && compiled && !(strings.Contains(l, "cut from 30s once the test had failed") && strings.Contains(l, "not run")):
						t.Errorf("the compiled runs of a failed test were not cut short: %s", l)
					}
				}
			}
			if lines < 8 {
				t.Errorf("%d lines of runs, want 8 (4 tests, compiled and interpreted)\n%s", lines, text)
			}
		})
	}
}

// TestInterpretedTestsApart runs two checks that call the same test
// function in one interpreted process: each gets its own runs, matched
// by the test's own key, not by the function's name.
func TestInterpretedTestsApart(t *testing.T) {
	g := testGrader(t)
	ex, err := LoadExercise("counter")
	if err != nil {
		t.Fatal(err)
	}
	sub, _, err := ReadSubmission(filepath.Join("testdata", "counter", "correct.go"), "counter")
	if err != nil {
		t.Fatal(err)
	}
	files, err := interpretedFiles(ex.submissionCells(sub))
	if err != nil {
		t.Fatal(err)
	}
	tests := []Test{{Name: "first", Func: "testTenThousand"}, {Name: "second", Func: "testTenThousand"}}
	fails := []*failure{newFailure(), newFailure()}
	res := g.runInterpreted(context.Background(), ex, sub, files, tests, []uint64{1, 2}, fails)
	for k, r := range res {
		if r.unsupported != "" {
			t.Fatalf("the interpreter could not run the submission: %s", r.unsupported)
		}
		if r.runs != g.opts.InterpretedRuns || r.outcomes["ok"] != r.runs || r.notRun != 0 {
			t.Errorf("%s: %d runs, %v, %d not run; want %d runs, all ok", tests[k].Name, r.runs, r.outcomes, r.notRun, g.opts.InterpretedRuns)
		}
	}
}

// TestFailedTestMakesFewRuns grades submissions whose tests fail on every
// run: once a test has failed, its runs are made only as far as its
// histogram needs (two per GOMAXPROCS value, and those already under
// way), and the report says how many were made and why the rest were not.
// A test that passes makes every run.
func TestFailedTestMakesFewRuns(t *testing.T) {
	tests := []struct {
		file    string
		failing string // grade id of the test that fails every run
		passing string // grade id of one that passes, or ""
	}{
		{"hardcoded", "test_random", "test_ten_thousand"},
		{"racy", "test_random", ""},
	}
	const runs = 20
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			g := testGrader(t).With(func(o *Options) { o.Runs = runs; o.InterpretedRuns = -1 })
			rep := grade(t, g, filepath.Join("testdata", "counter", tt.file+".go"), "counter")
			text := rep.Text()
			for _, tr := range rep.Tests {
				line := tr.Lines[0]
				switch tr.GradeID {
				case tt.failing:
					m := notMade.FindStringSubmatch(line)
					if !strings.Contains(line, "FAILED") || m == nil {
						t.Fatalf("%s: a failed test made every run, or did not say why it did not:\n%s", tr.GradeID, text)
					}
					made := runs - atoi(t, m[1])
					if made < g.histogramRuns() || made >= runs {
						t.Errorf("%s: %d runs made, want at least %d and fewer than %d\n%s", tr.GradeID, made, g.histogramRuns(), runs, text)
					}
				case tt.passing:
					if !strings.Contains(line, fmt.Sprintf("%d x ok", runs)) || strings.Contains(line, "not made") {
						t.Errorf("%s: a passing test did not make every run: %s", tr.GradeID, line)
					}
				}
			}
		})
	}
}

var notMade = regexp.MustCompile(`; (\d+) x not made \(the test had failed, and \d+ runs show how it fails\)`)

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
