package grader

import (
	"context"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"sync"
	"time"

	"goconc/grader/sandbox"
)

// speedResult is how a speed test went.
type speedResult struct {
	student, reference float64 // speedups: one worker's time over cores workers'
	// Parallelism of the runs with one worker per core: CPU time over
	// wall time.
	studentPar, referencePar float64
	loaded                   bool    // scored on parallelism: the machine was too busy for wall times
	serial                   bool    // the student's runs with N workers kept one core busy
	studentBusy              float64 // cores the student's runs with N workers kept busy
	timedTwice               bool    // the first timing fell short of full marks; this is the better
	// Cores the machine's other processes kept busy during the timings
	// (median of the runs); disturbed when that is enough to cost a
	// parallel program its speedup and the verdict fell short of full.
	others    float64
	disturbed bool
	// The reference's timings: rounds timed in this grading, rounds
	// from the pool shared with other gradings, and when the oldest and
	// newest were made, from the start of the student's.
	refFresh, refShared int
	refSpan             [2]time.Duration
	cores               int
	fraction            float64 // of the points
	note                string
}

// unmeasured says why the speed could not be measured fairly: the
// machine's other processes were too busy. The verdict is then the
// machine's, not the code's, and the submission wants grading again.
func (s speedResult) unmeasured() string {
	switch {
	case s.disturbed:
		return fmt.Sprintf("speed not measured fairly: other processes kept %.2f cores busy during the timings", s.others)
	case s.loaded && s.fraction == 0 && s.note != "":
		return fmt.Sprintf("speed not measured: the machine was so busy that the reference solution kept only %.2f cores busy", s.referencePar)
	}
	return ""
}

// runSpeed times the student's and the reference's code with one worker
// and with one per core, interleaved (student 1, reference 1, student N,
// reference N, again and again) so that a change in the machine's load
// touches both alike, and compares the medians' speedups. Each timing
// runs alone among the grader's processes.
//
// On a machine so busy that even the reference shows no wall-clock
// speedup (other users' processes take the cores), the speedups are
// estimated from the runs with N workers alone: CPU time over wall time,
// which is about N for code that keeps N cores busy whatever the load, and
// about 1 for serial code; the student's estimate is scaled down by how
// much longer than the reference's their run took, so that busy-waiting
// goroutines earn nothing.
func (g *Grader) runSpeed(ctx context.Context, stud, ref *binary, t Test, full float64) speedResult {
	res := speedResult{cores: g.cores}
	if g.cores < 2 {
		res.fraction = 1
		res.note = "this machine has 1 core, where no code can be faster in parallel: speed points given"
		return res
	}
	first := g.timeSpeed(ctx, stud, ref, t, full)
	if first.fraction == 1 || first.student == 0 || first.loaded && first.fraction == 0 && first.note != "" {
		return first
	}
	// Load can only take cores away from a parallel program, never lend
	// them to a serial one: a second timing that finds more parallelism
	// is the truer one, and a verdict short of full marks is given only
	// when both timings agree on it.
	second := g.timeSpeed(ctx, stud, ref, t, full)
	best := first
	if second.student != 0 && second.fraction > first.fraction {
		best = second
	}
	best.timedTwice = true
	return best
}

// timeSpeed makes one set of interleaved timings and judges them. The
// student's code is timed g.opts.SpeedRounds times with one worker and
// with one per core; the reference's timings come from a pool that the
// gradings of a class share (see refPool), timed beside the student's
// (student 1, reference 1, student N, reference N) in as many rounds as
// the pool lacks recent samples, and in one round at least when its
// newest sample is older than refFresh, so that each grading's reference
// medians come from timings made around its own.
func (g *Grader) timeSpeed(ctx context.Context, stud, ref *binary, t Test, full float64) speedResult {
	res := speedResult{cores: g.cores}
	pool := g.refPool(ref, t)
	var tm speedTimings
	start := time.Now()
	fresh := 0
	for round := 0; round < g.opts.SpeedRounds; round++ {
		needRef := pool.needs(g.opts.SpeedRounds, round, fresh)
		var r1, rN timing
		for _, step := range []struct {
			bin     *binary
			workers int
			into    *timing
		}{{stud, 1, nil}, {ref, 1, &r1}, {stud, g.cores, nil}, {ref, g.cores, &rN}} {
			if step.into != nil && !needRef {
				continue
			}
			tmg, err := g.timeOnce(ctx, step.bin, t, step.workers)
			if err != nil {
				res.note = err.Error()
				return res
			}
			if step.into != nil {
				*step.into = tmg
				continue
			}
			if step.workers == 1 {
				tm.s1 = append(tm.s1, tmg.Seconds)
				continue
			}
			tm.sN = append(tm.sN, tmg.Seconds)
			if !math.IsNaN(tmg.others) {
				tm.sOthers = append(tm.sOthers, tmg.others)
			}
			if tmg.Seconds > 0 {
				tm.sPar = append(tm.sPar, tmg.CPU/tmg.Seconds)
			}
		}
		if needRef {
			pool.add(refSample{at: time.Now(), r1: r1.Seconds, rN: rN.Seconds, cpu: rN.CPU, others: r1.others})
			fresh++
		}
	}
	samples := pool.recent(g.opts.SpeedRounds)
	for _, x := range samples {
		tm.r1 = append(tm.r1, x.r1)
		tm.rN = append(tm.rN, x.rN)
		if x.rN > 0 {
			tm.rPar = append(tm.rPar, x.cpu/x.rN)
		}
		if !math.IsNaN(x.others) {
			tm.rOthers = append(tm.rOthers, x.others)
		}
	}
	res = judgeSpeed(tm, g.cores, full)
	res.refFresh, res.refShared = fresh, len(samples)-fresh
	if len(samples) > 0 {
		res.refSpan = [2]time.Duration{samples[0].at.Sub(start), samples[len(samples)-1].at.Sub(start)}
	}
	return res
}

// refPool holds the reference solution's timings of one speed test,
// newest last, for the gradings of a class to share: timing the
// reference beside every student's runs took most of a batch's time.
type refPool struct {
	mu      sync.Mutex
	samples []refSample
}

// refSample is one round of the reference's timings: seconds with one
// worker and with one per core, the CPU seconds of the latter, and the
// cores other processes kept busy during the former (NaN: unknown).
type refSample struct {
	at          time.Time
	r1, rN, cpu float64
	others      float64
}

const (
	// refFresh is the age past which a grading times the reference
	// again before using the pool: the machine's load drifts.
	refFresh = 30 * time.Second
	// refWindow is how old a sample may be and still count.
	refWindow = 3 * time.Minute
)

// refPool returns the pool of ref's timings of t.
func (g *Grader) refPool(ref *binary, t Test) *refPool {
	g.refMu.Lock()
	defer g.refMu.Unlock()
	key := ref.path + "\x00" + t.Func
	p := g.refs[key]
	if p == nil {
		p = &refPool{}
		g.refs[key] = p
	}
	return p
}

// needs reports whether round of a grading that wants rounds samples and
// has timed fresh of them itself must time the reference.
func (p *refPool) needs(rounds, round, fresh int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	recent := 0
	var newest time.Time
	for _, x := range p.samples {
		if now.Sub(x.at) <= refWindow {
			recent++
		}
		newest = x.at
	}
	switch {
	case recent < rounds:
		return true
	case fresh == 0 && now.Sub(newest) > refFresh:
		return true
	case fresh == 0 && round == rounds-1:
		// At least one round of the reference's beside every
		// student's, so that each report rests on timings of its own.
		return true
	}
	return false
}

func (p *refPool) add(x refSample) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.samples = append(p.samples, x)
	if len(p.samples) > 64 {
		p.samples = slices.Clone(p.samples[len(p.samples)-32:])
	}
}

// recent returns the newest n samples, oldest first.
func (p *refPool) recent(n int) []refSample {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.samples[max(0, len(p.samples)-n):])
}

// speedTimings are the seconds of the interleaved timed runs: the
// student's (s) and the reference's (r) with one worker and with one per
// core, the CPU time over wall time of the latter, and, where known, the
// cores the machine's other processes kept busy during the runs that load
// makes look worse for the student: the student's with N workers, the
// reference's with one.
type speedTimings struct {
	s1, sN, r1, rN, sPar, rPar []float64
	sOthers, rOthers           []float64
}

// quietLoad is the most cores other processes may keep busy, in the
// median of the timed runs, for a verdict short of full marks to stand as
// a measure of the code rather than of the machine. A fifth of a core
// costs a two-core parallel run about a tenth of its speedup.
const quietLoad = 0.2

// judgeSpeed scores the student's speedup against the reference's. The
// wall-clock speedup is the measure users know, but load that moves
// between the timed runs can fake one for serial code; the parallelism of
// the runs with N workers (CPU time over wall time) cannot be faked that
// way, so a score is the lower of the two. On a machine too busy for the
// reference to keep more than one core busy, nothing can be measured.
func judgeSpeed(tm speedTimings, cores int, full float64) speedResult {
	res := judgeTimes(tm, cores, full)
	res.others = max(median(tm.sOthers), median(tm.rOthers))
	if res.fraction < 1 && res.others > quietLoad && res.student != 0 && res.note == "" {
		res.disturbed = true
	}
	return res
}

// judgeTimes is judgeSpeed on the times alone.
func judgeTimes(tm speedTimings, cores int, full float64) speedResult {
	res := speedResult{cores: cores}
	res.student = median(tm.s1) / median(tm.sN)
	res.reference = median(tm.r1) / median(tm.rN)
	// Busy-waiting goroutines keep cores busy without finishing sooner:
	// the student's parallelism counts as far as their run kept up with
	// the reference's.
	res.studentPar = median(tm.sPar) * min(1, median(tm.rN)/median(tm.sN))
	res.referencePar = median(tm.rPar)
	if res.referencePar < 1.2 {
		res.loaded = true
		res.note = fmt.Sprintf("the machine was too busy to measure: the reference solution kept only %.2f cores busy; grade again on a quieter machine", res.referencePar)
		return res
	}
	res.studentBusy = median(tm.sPar)
	if res.studentBusy-1 < serialShare*(res.referencePar-1) {
		// One busy core, plus the runtime's own threads: serial code,
		// whatever its wall times say.
		res.serial = true
		return res
	}
	res.fraction = SpeedFraction(res.studentPar, res.referencePar, full)
	if res.reference >= 1.2 {
		wall := SpeedFraction(min(res.student, res.studentPar), min(res.reference, res.referencePar), full)
		res.fraction = min(res.fraction, wall)
	} else {
		res.loaded = true
	}
	return res
}

// serialShare is the share of the reference's parallelism beyond one
// core below which the student's runs with one worker per core count as
// serial.
const serialShare = 0.2

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

// timing is one timed run: what the harness measured, and the cores the
// machine's other processes kept busy meanwhile (NaN: unknown).
type timing struct {
	sandbox.Record
	others float64
}

// timeOnce runs one timing alone among the grader's processes.
func (g *Grader) timeOnce(ctx context.Context, bin *binary, t Test, workers int) (timing, error) {
	g.speedMu.Lock()
	defer g.speedMu.Unlock()
	dir, err := os.MkdirTemp(g.work, "speed-")
	if err != nil {
		return timing{}, err
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o777)
	lim := g.opts.Limits
	lim.Time = 2 * 60e9
	others := othersLoad(g.cores)
	r, err := sandbox.Run(ctx, g.iso, bin.path, []string{"-speed", t.Func, "-workers", strconv.Itoa(workers)}, dir,
		[]string{"GOMAXPROCS=" + strconv.Itoa(g.cores)}, lim)
	if err != nil {
		return timing{}, err
	}
	for _, rec := range r.Records {
		if rec.Kind == "speed" {
			return timing{rec, others(r.Elapsed.Seconds(), r.CPU.Seconds())}, nil
		}
	}
	v := interpret(r)
	return timing{}, fmt.Errorf("the timed run failed: %s", v.outcome)
}

// relative says when a moment was, from a duration after another.
func relative(d time.Duration) string {
	d = d.Round(time.Second)
	if d < 0 {
		return (-d).String() + " before"
	}
	return d.String() + " after"
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
	line := fmt.Sprintf("%s: with %d workers instead of 1 your code ran %.2fx faster, the reference %.2fx, on %d cores",
		t.Name, s.cores, s.student, s.reference, s.cores)
	if s.loaded {
		line += fmt.Sprintf("; the machine was busy, so speedups were estimated from CPU time over wall time: yours %.2f, the reference's %.2f",
			s.studentPar, s.referencePar)
	}
	if s.serial {
		line += fmt.Sprintf("; with %d workers your code kept only %.2f cores busy: it ran serially, and any difference in time is the machine's noise", s.cores, s.studentBusy)
	}
	line += fmt.Sprintf(": %.0f%% of the points", 100*s.fraction)
	if s.timedTwice {
		line += " (the better of two timings)"
	}
	if s.refShared > 0 {
		line += fmt.Sprintf(" (the reference's medians: %d rounds timed beside yours and %d shared with other gradings, made from %s to %s the start of your timings)",
			s.refFresh, s.refShared, relative(s.refSpan[0]), relative(s.refSpan[1]))
	}
	if s.note != "" {
		line += " (" + s.note + ")"
	}
	if s.disturbed {
		line += fmt.Sprintf(" (the machine was too busy to measure this fairly: other processes kept %.2f cores busy during the timings, which slows code with %d workers and can make parallel code look serial; grade again on a quieter machine)",
			s.others, s.cores)
	}
	return []string{line}
}
