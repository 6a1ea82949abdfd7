package grader

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"goconc/grader/sandbox"
	"goconc/kernel/native"
)

// Options configure a Grader.
type Options struct {
	Runs        int   // runs of each correctness test; default 20
	Procs       []int // GOMAXPROCS values the runs cycle through; default 1, 2, 4
	SpeedRounds int   // interleaved timings of each speed test; default 5
	Parallel    int   // processes at once; default the number of cores
	NoRace      bool  // build correctness runs without the race detector
	NoNoise     bool  // build correctness runs without scheduling noise
	Seed        uint64
	Limits      sandbox.Limits // Time is taken from each exercise
	RunTimeout  time.Duration  // overrides the exercises' time limit of one run
	// Isolation overrides sandbox.Probe's answer, for tests.
	Isolation *sandbox.Isolation
	// Interpreter is a binary that runs package interpreted's Main when
	// its first argument is interpreted.Command (goconc itself); empty,
	// tests run compiled only.
	Interpreter string
	// InterpretedRuns is how many runs of each correctness test go
	// through the interpreter, with noise unless NoNoise, in one process
	// cycling through Procs; default 6, negative for none.
	InterpretedRuns int
}

// Grader grades submissions. Its methods may be called by many goroutines
// at once: they share the machine through it.
type Grader struct {
	opts    Options
	iso     sandbox.Isolation
	work    string
	builder *native.Builder
	cores   int
	// interpreter is the binary of interpreted runs, "" for none.
	interpreter string

	*machine
}

// machine is what Graders made from one another share: the processes
// running and the reference builds.
type machine struct {
	slots   chan struct{} // one per process running at once
	speedMu sync.RWMutex  // speed timings run alone on the machine

	buildMu sync.Mutex
	builds  map[[32]byte]*cachedBuild // by exercise, kind and source: see build
	stats   BuildStats

	refMu sync.Mutex
	refs  map[string]*refPool // the reference's speed timings, by binary and test
}

// BuildStats counts the programs a Grader needed and those it built.
type BuildStats struct {
	Needed, Built int
}

// BuildStats returns how many programs g needed so far and how many it
// built (the rest were copies of one it had).
func (g *Grader) BuildStats() BuildStats {
	g.buildMu.Lock()
	defer g.buildMu.Unlock()
	return g.stats
}

// With returns a Grader with options changed by change, sharing g's
// machine, work directory and reference builds.
func (g *Grader) With(change func(*Options)) *Grader {
	c := *g
	change(&c.opts)
	return &c
}

// cachedBuild is a program built once for all the submissions (and the
// reference) with the same source.
type cachedBuild struct {
	once sync.Once
	bin  *binary
	err  error
}

// New returns a Grader with a work directory of its own; Close removes it.
func New(opts Options) (*Grader, error) {
	if opts.Runs <= 0 {
		opts.Runs = 20
	}
	if len(opts.Procs) == 0 {
		opts.Procs = []int{1, 2, 4}
	}
	if opts.SpeedRounds <= 0 {
		opts.SpeedRounds = 5
	}
	if opts.Parallel <= 0 {
		opts.Parallel = runtime.NumCPU()
	}
	if opts.InterpretedRuns == 0 {
		opts.InterpretedRuns = 6
	}
	if opts.Limits == (sandbox.Limits{}) {
		opts.Limits = sandbox.DefaultLimits
	}
	work, err := os.MkdirTemp("", "goconc-grade-")
	if err != nil {
		return nil, err
	}
	// Programs may pass through to their run directories, not list.
	if err := os.Chmod(work, 0o711); err != nil {
		return nil, err
	}
	g := &Grader{
		opts: opts,
		work: work,
		// The module programs build in lives in the work directory,
		// which their user may not list.
		builder: native.NewBuilder(native.BuilderOptions{
			CacheDir: filepath.Join(work, "module"),
			Env:      []string{"CGO_ENABLED=1"},
		}),
		cores: runtime.NumCPU(),
		machine: &machine{
			slots:  make(chan struct{}, opts.Parallel),
			builds: map[[32]byte]*cachedBuild{},
			refs:   map[string]*refPool{},
		},
	}
	if opts.Isolation != nil {
		g.iso = *opts.Isolation
	} else {
		g.iso = sandbox.Probe()
	}
	if opts.Interpreter != "" && opts.InterpretedRuns > 0 {
		// A copy the programs' user may run: the original may be
		// anywhere, behind directories only its owner may enter.
		if g.interpreter, err = copyExecutable(opts.Interpreter, filepath.Join(work, "interpreter")); err != nil {
			os.RemoveAll(work)
			return nil, err
		}
	}
	return g, nil
}

// Close removes the work directory.
func (g *Grader) Close() error { return os.RemoveAll(g.work) }

// Containment says how submissions run.
func (g *Grader) Containment() string { return g.iso.Describe() }

func (g *Grader) acquire(n int) {
	for i := 0; i < n; i++ {
		g.slots <- struct{}{}
	}
}

func (g *Grader) release(n int) {
	for i := 0; i < n; i++ {
		<-g.slots
	}
}

// reference returns the exercise's reference solution, built once.
func (g *Grader) reference(ctx context.Context, ex *Exercise, kind buildKind) (*binary, error) {
	bin, err := g.build(ctx, ex, ex.referenceCells(), kind)
	if err == nil && bin.compileErr != "" {
		err = fmt.Errorf("exercise %s: the reference solution does not compile: %s", ex.ID, bin.compileErr)
	}
	return bin, err
}

// Grade grades one submission of ex.
func (g *Grader) Grade(ctx context.Context, ex *Exercise, sub *Submission) (*Report, error) {
	start := time.Now()
	rep := &Report{
		Exercise:    ex.ID,
		Title:       ex.Title,
		Submission:  sub.Name,
		MaxScore:    ex.MaxScore(),
		Cores:       g.cores,
		Containment: g.iso.Describe(),
	}
	defer func() { rep.Elapsed = time.Since(start) }()
	cells := ex.submissionCells(sub)
	hasSpeed := false
	for _, tc := range ex.Tests {
		hasSpeed = hasSpeed || len(tc.Speeds) > 0
	}
	bin, err := g.build(ctx, ex, cells, buildKind{race: !g.opts.NoRace, noise: !g.opts.NoNoise})
	if err != nil {
		return nil, err
	}
	if bin.compileErr != "" {
		rep.CompileError = describe(sub, bin.compileErr)
		for _, tc := range ex.Tests {
			rep.Tests = append(rep.Tests, TestReport{
				GradeID: tc.GradeID, Name: testNames(tc), MaxScore: tc.Points,
				Lines: []string{"not run: the code does not compile"},
			})
		}
		return rep, nil
	}
	seed := g.opts.Seed
	if seed == 0 {
		seed = rand.Uint64()
	}
	rep.Seed = seed
	rep.Noise = bin.noiseSites > 0
	var files map[string]string
	if g.interpreter != "" {
		if files, err = interpretedFiles(cells); err != nil {
			return nil, err
		}
	}
	// Correctness first: speed points need correct results. The
	// interpreted runs of all the tests share a process, beside the
	// compiled runs.
	var all []Test
	var seeds []uint64
	for i, tc := range ex.Tests {
		for j, t := range tc.Checks {
			all = append(all, t)
			seeds = append(seeds, seed+uint64(1000*i+j))
		}
	}
	// A test's runs all watch for its first failure, in whichever kind
	// of run: its verdict is then a fail, and its other runs only fill
	// its histogram, so they get a short time limit (see runCheck). The
	// interpreted process takes its slot first, since the interpreter's
	// runtime reports a deadlock at once where a compiled program whose
	// test serves HTTP waits out its time limit.
	fails := make([]*failure, len(all))
	for k := range fails {
		fails[k] = newFailure()
	}
	var interp []interpretedResult
	interpDone := make(chan struct{})
	interpreting := g.interpreter != "" && g.opts.InterpretedRuns > 0
	if interpreting {
		g.acquire(1)
	}
	go func() {
		defer close(interpDone)
		if interpreting {
			defer g.release(1)
		}
		interp = g.runInterpreted(ctx, ex, sub, files, all, seeds, fails)
	}()
	checks := make([][]checkResult, len(ex.Tests))
	var wg sync.WaitGroup
	k := 0
	for i, tc := range ex.Tests {
		checks[i] = make([]checkResult, len(tc.Checks))
		for j, t := range tc.Checks {
			wg.Add(1)
			failed := fails[k]
			k++
			go func() {
				defer wg.Done()
				checks[i][j] = g.runCheck(ctx, ex, sub, bin, t, seed+uint64(1000*i+j), failed)
			}()
		}
	}
	wg.Wait()
	<-interpDone
	k = 0
	for i := range checks {
		for j := range checks[i] {
			checks[i][j].interp = interp[k]
			k++
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	allCorrect := true
	for _, cs := range checks {
		for _, c := range cs {
			allCorrect = allCorrect && c.passed()
		}
	}
	var studFast, refFast *binary
	if hasSpeed && allCorrect {
		if studFast, err = g.build(ctx, ex, cells, buildKind{}); err != nil {
			return nil, err
		}
		if studFast.compileErr != "" {
			return nil, fmt.Errorf("the submission compiled with -race but not without: %s", studFast.compileErr)
		}
		if refFast, err = g.reference(ctx, ex, buildKind{}); err != nil {
			return nil, err
		}
	}
	for i, tc := range ex.Tests {
		tr := TestReport{GradeID: tc.GradeID, Name: testNames(tc), MaxScore: tc.Points}
		passed := true
		for j, t := range tc.Checks {
			c := checks[i][j]
			passed = passed && c.passed()
			tr.Lines = append(tr.Lines, c.lines(t, g.opts.Procs, !g.opts.NoRace)...)
		}
		fraction := 1.0
		for _, t := range tc.Speeds {
			if !allCorrect {
				fraction = 0
				tr.Lines = append(tr.Lines, fmt.Sprintf("%s: not timed: speed points need correct results on every run of every test", t.Name))
				continue
			}
			s := g.runSpeed(ctx, studFast, refFast, t, ex.FullRatio)
			fraction = min(fraction, s.fraction)
			tr.Lines = append(tr.Lines, s.lines(t)...)
			if why := s.unmeasured(); why != "" {
				tr.Regrade = why
			}
		}
		if passed {
			tr.Score = tc.Points * fraction
		}
		tr.Passed = passed && fraction == 1
		rep.Score += tr.Score
		rep.Tests = append(rep.Tests, tr)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return rep, nil
}

func testNames(tc TestCell) string {
	var names []string
	for _, t := range tc.Checks {
		names = append(names, t.Name)
	}
	for _, t := range tc.Speeds {
		names = append(names, t.Name)
	}
	return strings.Join(names, "; ")
}

// checkResult is how the runs of one correctness test went.
type checkResult struct {
	outcomes map[string]int
	runs     int
	notRun   int    // after a run that did not finish
	spared   int    // once the test had failed and its histogram had runs enough
	detail   string // the first race report or stuck goroutines, in cell lines
	interp   interpretedResult
}

func (c checkResult) passed() bool {
	return c.runs > 0 && c.outcomes["ok"] == c.runs && c.notRun == 0 && c.interp.passed()
}

func (c checkResult) lines(t Test, procs []int, race bool) []string {
	var ps []string
	for _, p := range procs {
		ps = append(ps, strconv.Itoa(p))
	}
	how := fmt.Sprintf("%d runs across GOMAXPROCS %s", c.runs+c.notRun+c.spared, strings.Join(ps, ", "))
	if race {
		how += " under the race detector"
	}
	compiledOK := c.runs > 0 && c.outcomes["ok"] == c.runs && c.notRun == 0
	mark := "ok"
	if !compiledOK {
		mark = "FAILED"
	}
	hist := Histogram(c.outcomes, c.notRun)
	if c.spared > 0 {
		hist += fmt.Sprintf("; %d x not made (the test had failed, and %d runs show how it fails)", c.spared, c.runs)
	}
	lines := []string{fmt.Sprintf("%s: %s (%s): %s", t.Name, mark, how, hist)}
	if c.detail != "" && !compiledOK {
		for _, l := range strings.Split(c.detail, "\n") {
			lines = append(lines, "    "+l)
		}
	}
	return append(lines, c.interp.lines(t)...)
}

// Histogram lists outcomes with their counts, the most frequent first:
// "17 x ok; 2 x Count(10, 1000) = 9985, want 10000".
func Histogram(outcomes map[string]int, notRun int) string {
	keys := make([]string, 0, len(outcomes))
	for k := range outcomes {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if outcomes[keys[i]] != outcomes[keys[j]] {
			return outcomes[keys[i]] > outcomes[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var parts []string
	for i, k := range keys {
		if i == 6 {
			rest := 0
			for _, k := range keys[6:] {
				rest += outcomes[k]
			}
			parts = append(parts, fmt.Sprintf("%d x other outcomes", rest))
			break
		}
		parts = append(parts, fmt.Sprintf("%d x %s", outcomes[k], k))
	}
	if notRun > 0 {
		parts = append(parts, fmt.Sprintf("%d x not run (after a deadlock or a run past its time limit, more runs would only wait as long)", notRun))
	}
	return strings.Join(parts, "; ")
}

// failure is closed once a correctness test has failed in one of its
// runs, compiled or interpreted.
type failure struct {
	once sync.Once
	ch   chan struct{}
}

func newFailure() *failure { return &failure{ch: make(chan struct{})} }

func (f *failure) set() { f.once.Do(func() { close(f.ch) }) }

func (f *failure) isSet() bool {
	select {
	case <-f.ch:
		return true
	default:
		return false
	}
}

// failedRunLimit is the time limit of a test's runs once the test has
// failed, for a test whose runs may take limit: long enough for a run
// that would finish to add its outcome to the histogram, short enough
// that a deadlock the Go runtime cannot see (a test's HTTP server keeps
// it quiet) costs seconds, not the full limit, run after run.
func failedRunLimit(limit time.Duration) time.Duration {
	return max(2*time.Second, limit/10)
}

// histogramRuns is how many runs of a test are made once it has failed:
// two for each GOMAXPROCS value, enough for the histogram to show how
// often and how it fails. More would cost time and tell the student
// nothing new.
func (g *Grader) histogramRuns() int {
	return min(g.opts.Runs, 2*len(g.opts.Procs))
}

// checkRuns is the state that the processes running one correctness test
// share.
type checkRuns struct {
	mu       sync.Mutex
	res      checkResult
	inFlight int  // runs of processes of one run, started and not counted
	stuck    bool // a run did not finish: more would only wait as long
	need     int  // runs to make once the test has failed
	failed   *failure
}

// enough reports whether a test that failed has made the runs its
// histogram needs. Its caller holds c.mu.
func (c *checkRuns) enough() bool {
	return c.failed.isSet() && c.res.runs+c.inFlight >= c.need
}

// runCheck runs one correctness test g.opts.Runs times, cycling through
// GOMAXPROCS values, in one process per GOMAXPROCS value: starting a
// program under the race detector costs about what a run of a test does,
// and a process warmed by its first run makes the next ones faster. The
// race detector reports a race once per process, so such a process stops
// at its first race report (the run fails) and another one makes the
// runs after it. A run that fails sets failed; once it is set, runs have
// failedRunLimit's time limit, only histogramRuns runs are made in all,
// one per process (each race reported), and once a run did not finish
// the rest are not made.
func (g *Grader) runCheck(ctx context.Context, ex *Exercise, sub *Submission, bin *binary, t Test, seed uint64, failed *failure) checkResult {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	c := &checkRuns{res: checkResult{outcomes: map[string]int{}}, need: g.histogramRuns(), failed: failed}
	var wg sync.WaitGroup
	for k, procs := range g.opts.Procs {
		var runs []int
		for i := k; i < g.opts.Runs; i += len(g.opts.Procs) {
			runs = append(runs, i)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			g.runProcesses(ctx, ex, sub, bin, t, seed, runs, procs, c)
		}()
	}
	wg.Wait()
	return c.res
}

// runProcesses makes runs (their numbers), all under GOMAXPROCS procs,
// in as few processes as it may.
func (g *Grader) runProcesses(ctx context.Context, ex *Exercise, sub *Submission, bin *binary, t Test, seed uint64, runs []int, procs int, c *checkRuns) {
	for len(runs) > 0 {
		g.acquire(1)
		c.mu.Lock()
		switch {
		case c.stuck || ctx.Err() != nil:
			c.res.notRun += len(runs)
			runs = nil
		case c.enough():
			c.res.spared += len(runs)
			runs = nil
		}
		chunk := runs
		single := c.failed.isSet()
		if single {
			chunk = runs[:min(1, len(runs))]
			c.inFlight += len(chunk)
		}
		c.mu.Unlock()
		if len(chunk) == 0 {
			g.release(1)
			return
		}
		g.speedMu.RLock()
		made := g.runProcess(ctx, ex, sub, bin, t, seed, chunk, procs, single, c)
		g.speedMu.RUnlock()
		g.release(1)
		runs = runs[made:]
	}
}

// runProcess makes runs in one process and counts their outcomes in c. It
// returns how many of them it made: all, or up to the one that ended the
// process, or fewer when c had enough. single says runs is one run made
// after the test failed, which c counts as in flight.
func (g *Grader) runProcess(ctx context.Context, ex *Exercise, sub *Submission, bin *binary, t Test, seed uint64, runs []int, procs int, single bool, c *checkRuns) int {
	count := func(outcome, detail string, finished bool) {
		if outcome != "ok" {
			c.failed.set()
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		c.res.runs++
		c.res.outcomes[outcome]++
		if detail != "" && c.res.detail == "" {
			c.res.detail = detail
		}
		if !finished {
			c.stuck = true
		}
	}
	dir, err := os.MkdirTemp(g.work, "run-")
	if err != nil {
		count("grader error: "+err.Error(), "", true)
		return len(runs)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o777)
	lim := g.opts.Limits
	lim.Time = ex.RunTimeout
	if g.opts.RunTimeout > 0 {
		lim.Time = g.opts.RunTimeout
	}
	step := len(g.opts.Procs)
	args := []string{"-test", t.Func, "-runs", strconv.Itoa(len(runs)), "-first", strconv.Itoa(runs[0]),
		"-step", strconv.Itoa(step), "-seed", strconv.FormatUint(seed, 10)}
	// A process of many runs stops at its first race report: the race
	// detector reports each race once per process, so the runs after it
	// could hide the same race. One run alone goes on, to say whether
	// the racing code's result was right.
	halt := 0
	if len(runs) > 1 {
		halt = 1
	}
	env := []string{
		"GOMAXPROCS=" + strconv.Itoa(procs),
		fmt.Sprintf("GORACE=halt_on_error=%d atexit_sleep_ms=0 exitcode=%d", halt, raceExitCode),
	}
	stop := make(chan struct{})
	var stopOnce sync.Once
	w := sandbox.Watch{
		Cut: c.failed.ch, CutTime: failedRunLimit(lim.Time), Why: "once the test had failed",
		EachRun: true,
		Stop:    stop, StopWhy: "once the test had failed and its histogram had runs enough",
		Record: func(rec sandbox.Record) {
			if rec.Kind == "run" && rec.Outcome != "ok" {
				c.failed.set()
			}
			if rec.Kind != "run" || single {
				return
			}
			// Runs are counted once the process ends; those this
			// process made so far count towards the histogram.
			c.mu.Lock()
			c.inFlight++
			enough := c.enough()
			c.mu.Unlock()
			if enough {
				stopOnce.Do(func() { close(stop) })
			}
		},
	}
	r, err := sandbox.RunWatched(ctx, g.iso, bin.path, args, dir, env, lim, w)
	// No longer in flight, and not yet counted: a process that looks
	// at c meanwhile may make a run more than needed, never fewer.
	c.mu.Lock()
	if single {
		c.inFlight -= len(runs)
	} else if r != nil {
		for _, rec := range r.Records {
			if rec.Kind == "run" {
				c.inFlight--
			}
		}
	}
	c.mu.Unlock()
	if err != nil {
		count("grader error: "+err.Error(), "", true)
		return len(runs)
	}
	made := 0
	for _, v := range splitRuns(r, runs) {
		made++
		if v.spared {
			// Stopped by the grader before its end: not made.
			made--
			break
		}
		if ctx.Err() != nil {
			break
		}
		count(describe(sub, v.outcome), describe(sub, v.detail), !v.timedOut)
	}
	return max(made, 0)
}
