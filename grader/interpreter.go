package grader

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"goconc/grader/interpreted"
	"goconc/grader/program"
	"goconc/grader/sandbox"
)

// copyExecutable copies the binary at from to the file to, which the
// programs' user may run but not read.
func copyExecutable(from, to string) (string, error) {
	in, err := os.Open(from)
	if err != nil {
		return "", fmt.Errorf("the interpreter for graded runs: %w", err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o711)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return "", err
	}
	return to, out.Close()
}

// interpretedResult is how the interpreted runs of one correctness test
// went.
type interpretedResult struct {
	outcomes    map[string]int
	runs        int
	notRun      int
	detail      string // the first failing run's report
	unsupported string // why the interpreter could not load the program, if it could not
	noise       bool
}

func (r interpretedResult) passed() bool {
	return r.unsupported != "" || r.runs+r.notRun == 0 || r.outcomes["ok"] == r.runs && r.notRun == 0
}

// interpretedFiles are the program's files for interpreted runs: those of
// the compiled program, less the harness and its main.
func interpretedFiles(cells []program.Cell) (map[string]string, error) {
	files, _, err := program.Files(cells, "main", noiseHook)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(files))
	for name, b := range files {
		out[name] = string(b)
	}
	return out, nil
}

// runInterpreted runs each correctness test of tests
// g.opts.InterpretedRuns times through the interpreter, with scheduling
// noise unless NoNoise, cycling through GOMAXPROCS values; seeds[k] is
// tests[k]'s. All the tests run in one contained process, which loads the
// cells once; a run that deadlocks, runs past its time limit or ends the
// process costs its test only: that run fails, the test's later runs are
// not run, and another process runs the tests after it. Run numbers
// follow the compiled runs', so their inputs differ.
func (g *Grader) runInterpreted(ctx context.Context, ex *Exercise, sub *Submission, files map[string]string, tests []Test, seeds []uint64, fails []*failure) []interpretedResult {
	n := g.opts.InterpretedRuns
	results := make([]interpretedResult, len(tests))
	for k := range results {
		results[k] = interpretedResult{outcomes: map[string]int{}, noise: !g.opts.NoNoise}
	}
	if g.interpreter == "" || n <= 0 {
		return results
	}
	for next := 0; next < len(tests) && ctx.Err() == nil; {
		next += g.interpretedProcess(ctx, ex, sub, files, tests[next:], seeds[next:], results[next:], fails[next:])
	}
	for k, res := range results {
		if !res.passed() {
			fails[k].set()
		}
	}
	return results
}

// interpretedProcess runs tests in one process, fills in their results
// and returns how many of them it ran to an end: all of them, or up to
// and including the one whose run stopped the process.
// A failing run sets its test's failure as soon as its record arrives.
func (g *Grader) interpretedProcess(ctx context.Context, ex *Exercise, sub *Submission, files map[string]string, tests []Test, seeds []uint64, results []interpretedResult, fails []*failure) int {
	n := g.opts.InterpretedRuns
	fail := func(err error) int {
		for k := range results {
			results[k].outcomes["grader error: "+err.Error()] = n
			results[k].runs = n
		}
		return len(results)
	}
	dir, err := os.MkdirTemp(g.work, "interp-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o777)
	lim := g.opts.Limits
	lim.Time = ex.RunTimeout
	if g.opts.RunTimeout > 0 {
		lim.Time = g.opts.RunTimeout
	}
	// Each test's output and run reports get a share of the standard
	// error the sandbox keeps, so that a test that prints much leaves
	// the others their reports.
	reportRoom := int64(n*len(tests)) * (interpreted.ReportKept + 256)
	job := interpreted.Job{Files: files, First: g.opts.Runs, Runs: n, Procs: g.opts.Procs,
		Noise: !g.opts.NoNoise, RunTimeout: lim.Time,
		OutputKept:  max(4<<10, (sandbox.StderrKept-reportRoom)/int64(len(tests))),
		OutputLimit: lim.Output}
	for k, t := range tests {
		job.Tests = append(job.Tests, interpreted.Test{Func: t.Func, Seed: seeds[k], Key: strconv.Itoa(k)})
	}
	// The runner interrupts a run past its limit; the process's limit
	// is for code the interpreter cannot interrupt. Loading the cells
	// takes a second or two.
	lim.Time = 10*time.Second + time.Duration(n*len(tests))*lim.Time
	b, err := json.Marshal(job)
	if err != nil {
		return fail(err)
	}
	jobFile := filepath.Join(dir, "job.json")
	if err := os.WriteFile(jobFile, b, 0o644); err != nil {
		return fail(err)
	}
	index := map[string]int{}
	for k, t := range job.Tests {
		index[t.Key] = k
	}
	w := sandbox.Watch{Record: func(rec sandbox.Record) {
		if k, ok := index[rec.Test]; ok && rec.Kind == "run" && rec.Outcome != "ok" {
			fails[k].set()
		}
	}}
	g.speedMu.RLock()
	r, err := sandbox.RunWatched(ctx, g.iso, g.interpreter, []string{interpreted.Command, jobFile}, dir, nil, lim, w)
	g.speedMu.RUnlock()
	if err != nil {
		return fail(err)
	}
	stderr := string(r.Stderr)
	reports := runReports(stderr)
	stopped := make([]bool, len(tests))
	for _, rec := range r.Records {
		switch rec.Kind {
		case interpreted.Unsupported:
			// The cells did not load: no test can run.
			for k := range results {
				results[k].unsupported = rec.Outcome
			}
			return len(results)
		case "run":
			k, ok := index[rec.Test]
			if !ok {
				continue
			}
			res := &results[k]
			o := describe(sub, rec.Outcome)
			res.runs++
			res.outcomes[o]++
			if o != "ok" && res.detail == "" {
				res.detail = describe(sub, reports[runKey(rec.Run, rec.Test)])
			}
			if strings.HasPrefix(rec.Outcome, "deadlock") || strings.HasPrefix(rec.Outcome, "did not finish") || strings.HasPrefix(rec.Outcome, "stopped at the output limit") {
				stopped[k] = true
			}
		}
	}
	for k := range tests {
		res := &results[k]
		switch {
		case res.runs >= n:
			continue
		case stopped[k]:
			// The process stopped after this test's run.
		case r.Done():
			// Cannot be: a process that finished ran every run.
			res.outcomes["grader error: the interpreted runs ended early"]++
			res.runs++
		default:
			// The process ended or was stopped in one of this test's
			// runs: that run failed.
			v := interpret(lastRun(r))
			o := v.outcome
			if r.Killed != "" && strings.HasPrefix(r.Killed, "time limit") {
				o = "did not finish within the " + r.Killed + ": a deadlock, or a loop that never ends"
			}
			res.outcomes[describe(sub, o)]++
			res.runs++
			if res.detail == "" {
				res.detail = describe(sub, v.detail)
			}
		}
		res.notRun = max(0, n-res.runs)
		return k + 1
	}
	return len(tests)
}

// lastRun is r with only what its process wrote on standard error after
// the last run's marker: the output of the run that ended it.
func lastRun(r *sandbox.Result) *sandbox.Result {
	c := *r
	if i := strings.LastIndex(string(r.Stderr), "\n"+interpreted.RunMarker); i >= 0 {
		c.Stderr = r.Stderr[i:]
	}
	return &c
}

// runKey names a run of an interpreted process: its number and test.
func runKey(run int, test string) string {
	return strconv.Itoa(run) + " " + test
}

// runReports splits an interpreted process's standard error into what
// each run printed after its marker, by runKey.
func runReports(stderr string) map[string]string {
	reports := map[string]string{}
	parts := strings.Split(stderr, "\n"+interpreted.RunMarker)
	for _, p := range parts[1:] {
		key, text, _ := strings.Cut(p, "\n")
		text = strings.TrimSpace(text)
		if len(text) > 2000 {
			text = text[:2000] + "\n..."
		}
		reports[key] = text
	}
	return reports
}

func (r interpretedResult) lines(t Test) []string {
	if r.unsupported != "" {
		return []string{fmt.Sprintf("%s: not run in the interpreter, which cannot run this code (%s); the compiled runs judge it", t.Name, r.unsupported)}
	}
	if r.runs+r.notRun == 0 {
		return nil
	}
	mark := "ok"
	if !r.passed() {
		mark = "FAILED"
	}
	how := fmt.Sprintf("%d runs in the interpreter", r.runs+r.notRun)
	if r.noise {
		how += " with scheduling noise"
	}
	lines := []string{fmt.Sprintf("%s: %s (%s): %s", t.Name, mark, how, Histogram(r.outcomes, r.notRun))}
	if r.detail != "" && !r.passed() {
		for _, l := range strings.Split(r.detail, "\n") {
			lines = append(lines, "    "+l)
		}
	}
	return lines
}
