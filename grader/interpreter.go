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

// runInterpreted runs a correctness test g.opts.InterpretedRuns times
// through the interpreter, in one contained process that cycles through
// GOMAXPROCS values, with scheduling noise unless NoNoise. Run numbers
// follow the compiled runs', so their inputs differ.
func (g *Grader) runInterpreted(ctx context.Context, ex *Exercise, sub *Submission, files map[string]string, t Test, seed uint64) interpretedResult {
	n := g.opts.InterpretedRuns
	res := interpretedResult{outcomes: map[string]int{}, noise: !g.opts.NoNoise}
	if g.interpreter == "" || n <= 0 {
		return res
	}
	fail := func(err error) interpretedResult {
		res.outcomes["grader error: "+err.Error()] = n
		res.runs = n
		return res
	}
	g.acquire(1)
	defer g.release(1)
	dir, err := os.MkdirTemp(g.work, "interp-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o777)
	first := g.opts.Runs
	lim := g.opts.Limits
	lim.Time = ex.RunTimeout
	if g.opts.RunTimeout > 0 {
		lim.Time = g.opts.RunTimeout
	}
	job := interpreted.Job{Files: files, Test: t.Func, Seed: seed, First: first, Runs: n, Procs: g.opts.Procs,
		Noise: !g.opts.NoNoise, RunTimeout: lim.Time}
	// The runner interrupts a run past its limit; the process's limit
	// is for code the interpreter cannot interrupt. Loading the cells
	// takes a second or two.
	lim.Time = 10*time.Second + time.Duration(n)*lim.Time
	b, err := json.Marshal(job)
	if err != nil {
		return fail(err)
	}
	jobFile := filepath.Join(dir, "job.json")
	if err := os.WriteFile(jobFile, b, 0o644); err != nil {
		return fail(err)
	}
	g.speedMu.RLock()
	r, err := sandbox.Run(ctx, g.iso, g.interpreter, []string{interpreted.Command, jobFile}, dir, nil, lim)
	g.speedMu.RUnlock()
	if err != nil {
		return fail(err)
	}
	reports := runReports(string(r.Stderr))
	for _, rec := range r.Records {
		switch rec.Kind {
		case interpreted.Unsupported:
			res.unsupported = rec.Outcome
		case "run":
			o := describe(sub, rec.Outcome)
			res.runs++
			res.outcomes[o]++
			if o != "ok" && res.detail == "" {
				res.detail = describe(sub, reports[rec.Run])
			}
		}
	}
	if res.unsupported == "" && !r.Done() {
		// The process ended or was stopped in a run: that run failed,
		// and the rest were not run.
		v := interpret(r)
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
	if res.unsupported != "" {
		res.runs, res.notRun = 0, 0
		res.outcomes = map[string]int{}
	}
	return res
}

// runReports splits an interpreted process's standard error into what
// each run printed after its marker, by run number.
func runReports(stderr string) map[int]string {
	reports := map[int]string{}
	parts := strings.Split(stderr, "\n"+interpreted.RunMarker)
	for _, p := range parts[1:] {
		num, text, _ := strings.Cut(p, "\n")
		if i, err := strconv.Atoi(num); err == nil {
			text = strings.TrimSpace(text)
			if len(text) > 2000 {
				text = text[:2000] + "\n..."
			}
			reports[i] = text
		}
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
