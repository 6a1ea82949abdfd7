package grader

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"

	"goconc/grader/sandbox"
)

// speedResult is how a speed test went.
type speedResult struct {
	student, reference float64 // speedups: one worker's time over cores workers'
	cores              int
	fraction           float64 // of the points
	note               string
}

// runSpeed times the student's and the reference's code with one worker
// and with one per core, interleaved (student 1, reference 1, student N,
// reference N, again and again) so that a change in the machine's load
// touches both alike, and compares the medians' speedups. Each timing
// runs alone: correctness runs wait for it.
func (g *Grader) runSpeed(ctx context.Context, stud, ref *binary, t Test, full float64) speedResult {
	res := speedResult{cores: g.cores}
	if g.cores < 2 {
		res.fraction = 1
		res.note = "this machine has 1 core, where no code can be faster in parallel: speed points given"
		return res
	}
	var s1, sN, r1, rN []float64
	for round := 0; round < g.opts.SpeedRounds; round++ {
		for _, step := range []struct {
			bin     *binary
			workers int
			into    *[]float64
		}{{stud, 1, &s1}, {ref, 1, &r1}, {stud, g.cores, &sN}, {ref, g.cores, &rN}} {
			secs, err := g.timeOnce(ctx, step.bin, t, step.workers)
			if err != nil {
				res.note = err.Error()
				return res
			}
			*step.into = append(*step.into, secs)
		}
	}
	res.student = median(s1) / median(sN)
	res.reference = median(r1) / median(rN)
	if res.reference < 1.2 {
		res.fraction = 1
		res.note = fmt.Sprintf("the reference solution was only %.2fx faster on %d cores here: this machine cannot tell, speed points given", res.reference, g.cores)
		return res
	}
	res.fraction = SpeedFraction(res.student, res.reference, full)
	return res
}

// SpeedFraction scores a speedup against the reference's: nothing for a
// speedup of 1 (serial code), full marks from full times the reference's
// speedup, linear in between.
func SpeedFraction(student, reference, full float64) float64 {
	ratio := student / reference
	floor := 1 / reference
	top := full
	if top <= floor {
		top = floor + 0.01
	}
	f := (ratio - floor) / (top - floor)
	return max(0, min(1, f))
}

// timeOnce runs one timing alone on the machine and returns the seconds
// the harness measured.
func (g *Grader) timeOnce(ctx context.Context, bin *binary, t Test, workers int) (float64, error) {
	g.speedMu.Lock()
	defer g.speedMu.Unlock()
	dir, err := os.MkdirTemp(g.work, "speed-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o777)
	lim := g.opts.Limits
	lim.Time = 2 * 60e9
	r, err := sandbox.Run(ctx, g.iso, bin.path, []string{"-speed", t.Func, "-workers", strconv.Itoa(workers)}, dir,
		[]string{"GOMAXPROCS=" + strconv.Itoa(g.cores)}, lim)
	if err != nil {
		return 0, err
	}
	for _, rec := range r.Records {
		if rec.Kind == "speed" {
			return rec.Seconds, nil
		}
	}
	v := interpret(r)
	return 0, fmt.Errorf("the timed run failed: %s", v.outcome)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func (s speedResult) lines(t Test) []string {
	if s.student == 0 {
		return []string{fmt.Sprintf("%s: %s", t.Name, s.note)}
	}
	line := fmt.Sprintf("%s: your code %.2fx faster with %d workers than with 1, the reference %.2fx, on %d cores: %.0f%% of the points",
		t.Name, s.student, s.cores, s.reference, s.cores, 100*s.fraction)
	if s.note != "" {
		line += " (" + s.note + ")"
	}
	return []string{line}
}
