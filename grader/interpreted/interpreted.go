// Package interpreted is the grader's interpreted run: a process the
// grader starts in the sandbox, as it starts a compiled program, that
// runs the correctness tests of a submission several times through the
// interpreter (package engine, as a notebook runs it), with scheduling
// noise at the synchronisation points the engine routes through the cell
// runtime, and reports each run's outcome on the results descriptor,
// signed as package harness signs them. One process runs all the
// correctness tests of a submission, so that the cells load once.
//
// The grader hands it the program in a file of the run's directory,
// which it reads and removes, and the secret on descriptor 4, which it
// reads and closes, before any of the submission's code runs.
package interpreted

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"goconc/grader/sandbox/netns"
	"goconc/kernel/engine"
)

// Command is the first argument that makes a binary run Main: goconc's
// hidden subcommand, and the grader's test binary.
const Command = "grade-interpreted"

// Job is what the grader asks of one interpreted process.
type Job struct {
	// Files are the program's files (package grader/program's), each
	// one cell's imports and declarations, by name "cellN.go".
	Files map[string]string
	Tests []Test // run one after another, in this order
	First int    // number of the first run of each test
	Runs  int    // runs of each test, one after another
	Procs []int  // GOMAXPROCS of each run, cycled
	Noise bool
	// RunTimeout is the time limit of one run, past which the run is
	// interrupted and the process stops: the grader starts another for
	// the tests after it.
	RunTimeout time.Duration
	// Each test's output (what the cells print through fmt's Print
	// functions and the print builtins, on either stream) is passed on
	// up to OutputKept bytes and dropped beyond, so that every test's
	// runs keep room for their reports on standard error; a test that
	// prints more than OutputLimit bytes has its run stopped, as the
	// process would be, and the process stops. Zero means no bound.
	// Writes to os.Stdout and os.Stderr themselves go to the process's
	// streams, under the sandbox's limits.
	OutputKept, OutputLimit int64
}

// Test is one correctness test of a job.
type Test struct {
	Func string // the test function: func(*rand.Rand) string
	Seed uint64 // the seed of its runs' inputs
	// Key names the test in its records and run markers, unique in the
	// job: two checks may call one function.
	Key string
}

// ReportKept bounds the report a failed run writes on standard error
// after its marker.
const ReportKept = 4 << 10

// Unsupported is the outcome kind of an interpreted process whose program
// the interpreter cannot load: not the submission's fault, since the
// compiled runs judge it too.
const Unsupported = "unsupported"

// Main runs the job in the file named by args[0] and returns the exit
// status.
func Main(args []string) int {
	s, err := contain()
	if err != nil {
		fmt.Fprintln(os.Stderr, "goconc interpreted run:", err)
		return 3
	}
	if len(args) != 1 {
		fmt.Fprintln(os.Stderr, "usage: "+Command+" JOB.json")
		return 3
	}
	b, err := os.ReadFile(args[0])
	os.Remove(args[0])
	var job Job
	if err == nil {
		err = json.Unmarshal(b, &job)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "goconc interpreted run: reading the job:", err)
		return 3
	}
	run(s, job)
	return 0
}

// record is one result line's content (harness.Record).
type record struct {
	Kind    string `json:"kind"`
	Test    string `json:"test,omitempty"` // the run's test function
	Run     int    `json:"run,omitempty"`
	Outcome string `json:"outcome,omitempty"`
}

// results signs and writes result lines.
type results struct {
	key []byte
	out *os.File
	mu  sync.Mutex
}

func (s *results) send(r record) {
	body, _ := json.Marshal(r)
	mac := hmac.New(sha256.New, s.key)
	mac.Write(body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.out.WriteString("goconc-result " + hex.EncodeToString(mac.Sum(nil)) + " " + string(body) + "\n")
}

// contain does what package harness does as a compiled program starts:
// it takes the secret, then the limits, loopback and the unprivileged
// user the sandbox asks for in the environment.
func contain() (*results, error) {
	secret := os.NewFile(4, "secret")
	if secret == nil {
		return nil, errors.New("no secret from the grader; this runs only under goconc grade")
	}
	b, err := io.ReadAll(io.LimitReader(secret, 256))
	secret.Close()
	if err != nil || len(b) < 16 {
		return nil, errors.New("no secret from the grader; this runs only under goconc grade")
	}
	s := &results{key: b, out: os.NewFile(3, "results")}
	syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{})
	if n, err := strconv.ParseUint(os.Getenv("GOCONC_NPROC"), 10, 64); err == nil && n > 0 {
		syscall.Setrlimit(rlimitNproc, &syscall.Rlimit{Cur: n, Max: n})
	}
	if n, err := strconv.ParseUint(os.Getenv("GOCONC_FSIZE"), 10, 64); err == nil && n > 0 {
		syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n})
	}
	if os.Getenv("GOCONC_LOOPBACK") == "1" {
		netns.LoopbackUp()
	}
	if id, err := strconv.Atoi(os.Getenv("GOCONC_USER")); err == nil {
		if syscall.Setgroups(nil) != nil || syscall.Setgid(id) != nil || syscall.Setuid(id) != nil {
			return nil, errors.New("cannot become an unprivileged user")
		}
	}
	for _, v := range []string{"GOCONC_NPROC", "GOCONC_FSIZE", "GOCONC_LOOPBACK", "GOCONC_USER"} {
		os.Unsetenv(v)
	}
	return s, nil
}

// rlimitNproc is Linux's RLIMIT_NPROC, which package syscall does not name.
const rlimitNproc = 6

// RunMarker starts the line written on standard error before a run's
// failure report, so that the grader can show it (harness.RunMarker); the
// line goes on with the run's number and its test function.
const RunMarker = "=== goconc run "

// run loads the program's cells into one interpreter, then runs each test
// job.Runs times, each run as a cell of its own. After a run that
// deadlocked or ran past its time limit, it stops: its goroutines stay
// parked or spinning, and would weigh on every run after it.
func run(s *results, job Job) {
	nz := &noise{}
	out := &testOutput{kept: job.OutputKept, limit: job.OutputLimit}
	opts := engine.Options{Stdout: out.to(os.Stdout), Stderr: out.to(os.Stderr)}
	if job.Noise {
		opts.Noise = nz.hook
		opts.AfterDone = nz.afterDone
	}
	sess, err := engine.NewSession(opts)
	if err != nil {
		s.send(record{Kind: Unsupported, Outcome: "the interpreter did not start: " + err.Error()})
		return
	}
	defer sess.Close()
	ctx := context.Background()
	// A cell may use what a later one declares (a submission's cell
	// comes first, the locked cells it relies on after): cells that do
	// not compile yet are tried again after the others, until no more
	// compile.
	pending := cellOrder(job.Files)
	pl := &placer{lines: map[string][]string{}}
	for name, src := range job.Files {
		pl.lines[name] = lineMap(src)
	}
	for len(pending) > 0 {
		var failed []string
		var firstErr string
		for _, name := range pending {
			res := sess.Execute(ctx, cellSource(job.Files[name]))
			if res.Err == nil {
				// Positions number the cells that compiled.
				pl.executed = append(pl.executed, name)
			} else {
				failed = append(failed, name)
				if firstErr == "" {
					firstErr = fmt.Sprintf("%s: %s: %s", name, res.Err.Name, firstLine(res.Err.Value))
				}
			}
		}
		if len(failed) == len(pending) {
			s.send(record{Kind: Unsupported, Outcome: firstErr})
			return
		}
		pending = failed
	}
	for _, t := range job.Tests {
		out.start()
		if !runTest(sess, s, nz, out, pl, job, t) {
			return
		}
	}
	s.send(record{Kind: "done"})
}

// runTest runs the test job.Runs times and reports false if it stopped
// at a run that deadlocked or ran past its time limit.
func runTest(sess *engine.Session, s *results, nz *noise, out *testOutput, pl *placer, job Job, t Test) bool {
	ctx := context.Background()
	for i := job.First; i < job.First+job.Runs; i++ {
		if len(job.Procs) > 0 {
			runtime.GOMAXPROCS(job.Procs[(i-job.First)%len(job.Procs)])
		}
		nz.reset(mix(t.Seed ^ mix(uint64(i)+1)))
		fmt.Fprintf(os.Stderr, "\n%s%d %s\n", RunMarker, i, t.Key)
		// The inputs of run i are those of the compiled run i.
		call := fmt.Sprintf("import goconcrand %q\n\n%s(goconcrand.New(goconcrand.NewPCG(%d, %d)))", "math/rand/v2", t.Func, t.Seed, i)
		pl.executed = append(pl.executed, "")
		base, stop := context.WithCancelCause(ctx)
		out.run(stop)
		runCtx, cancel := base, context.CancelFunc(func() {})
		if job.RunTimeout > 0 {
			runCtx, cancel = context.WithTimeout(base, job.RunTimeout)
		}
		res := sess.Execute(runCtx, call)
		timedOut := runCtx.Err() != nil
		overOutput := errors.Is(context.Cause(base), errOutputLimit)
		cancel()
		stop(nil)
		outcome := "ok"
		switch {
		case overOutput:
			outcome = fmt.Sprintf("stopped at the output limit (%d MiB)", job.OutputLimit>>20)
		case timedOut && res.Err != nil && res.Err.Name == "Interrupted":
			outcome = fmt.Sprintf("did not finish within the time limit (%v): a deadlock, or a loop that never ends", job.RunTimeout)
		case res.Err != nil:
			outcome = pl.place(describe(res.Err))
			report := pl.place(strings.Join(res.Err.Traceback, "\n"))
			if len(report) > ReportKept {
				report = report[:ReportKept] + "\n..."
			}
			fmt.Fprintln(os.Stderr, report)
		case res.Exited:
			outcome = fmt.Sprintf("the program ended before the test finished (exit status %d): does the code call os.Exit?", res.ExitCode)
		default:
			text, _ := res.Value["text/plain"].(string)
			if v, err := strconv.Unquote(text); err == nil {
				text = v
			}
			if text != "" {
				outcome = text
			}
		}
		s.send(record{Kind: "run", Test: t.Key, Run: i, Outcome: outcome})
		if strings.HasPrefix(outcome, "deadlock") || timedOut || overOutput {
			// Its goroutines stay parked or spinning; more runs would
			// only add to them, as with a compiled run that never
			// finished.
			return false
		}
	}
	return true
}

// describe words a failed run as the compiled runs' outcomes are worded.
func describe(e *engine.CellError) string {
	switch e.Name {
	case "Deadlock":
		return "deadlock: all goroutines are asleep"
	case "panic":
		msg := "panic: " + firstLine(e.Value)
		if len(e.Traceback) > 0 {
			if _, at, ok := strings.Cut(e.Traceback[0], " (at "); ok {
				msg += " (at " + at
			}
		}
		return msg
	case "Exit":
		return "the program ended before the test finished (" + e.Value + "): does the code call os.Exit?"
	}
	return e.Name + ": " + firstLine(e.Value)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// cellOrder lists the files in their cells' order, so that the cells run
// as the notebook runs them.
func cellOrder(files map[string]string) []string {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	number := func(name string) int {
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, "cell"), ".go"))
		return n
	}
	sort.Slice(names, func(i, j int) bool { return number(names[i]) < number(names[j]) })
	return names
}

// placer turns the positions the interpreter reports ("cell 3, line 7":
// the third cell it ran) into the notebook's ("cell 2, line 5"), through
// the files' line directives.
type placer struct {
	executed []string            // file of each cell that compiled, from 1; "" for a test's call
	lines    map[string][]string // by file, each line's "cell N, line L"
}

var cellLine = regexp.MustCompile(`\bcell (\d+), line (\d+)`)

func (p *placer) place(text string) string {
	return cellLine.ReplaceAllStringFunc(text, func(m string) string {
		sub := cellLine.FindStringSubmatch(m)
		k, _ := strconv.Atoi(sub[1])
		line, _ := strconv.Atoi(sub[2])
		if k < 1 || k > len(p.executed) {
			return m
		}
		name := p.executed[k-1]
		if name == "" {
			return "the grader's call of the test"
		}
		if lines := p.lines[name]; line >= 1 && line <= len(lines) && lines[line-1] != "" {
			return lines[line-1]
		}
		return m
	})
}

// lineMap reads a file's "//line cellN.go:L" directives: the position in
// the notebook of each of the file's lines ("" where none applies).
func lineMap(src string) []string {
	var out []string
	cell, line := -1, 0 // cell -1: before any directive
	for _, l := range strings.Split(src, "\n") {
		if rest, ok := strings.CutPrefix(l, "//line cell"); ok {
			name, num, _ := strings.Cut(rest, ".go:")
			c, err1 := strconv.Atoi(name)
			n, err2 := strconv.Atoi(num)
			if err1 == nil && err2 == nil {
				out = append(out, "")
				cell, line = c, n
				continue
			}
		}
		if cell < 0 {
			out = append(out, "")
			continue
		}
		out = append(out, fmt.Sprintf("cell %d, line %d", cell, line))
		line++
	}
	return out
}

// cellSource is a file's source as a cell: without its package clause.
func cellSource(file string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(file, "\n") {
		if strings.HasPrefix(l, "package ") {
			b.WriteString("\n") // keeps the lines where they were
			continue
		}
		b.WriteString(l)
	}
	return b.String()
}

// noise yields, naps or spins at random before the synchronisation points
// of a run, from a key drawn from the seed and the run's number: each
// run has a profile of its own (how often it yields, naps and spins),
// and each call draws from the key and the number of calls so far. Naps
// are bounded per run, so that a correct program stays within its time
// limit.
type noise struct {
	key    atomic.Uint64
	calls  atomic.Uint64
	napped atomic.Int64
	// ahead sums, over a run's goroutines, the head starts afterDone
	// gave.
	ahead atomic.Int64
}

// headStart is how long a goroutine whose Done left its WaitGroup's
// counter at zero pauses, so that those waiting run first; aheadBudget
// bounds the pauses of a run, so that a program that waits again and
// again stays within its time limit.
const (
	headStart   = 20 * time.Millisecond
	aheadBudget = int64(400 * time.Millisecond)
)

// napBudget bounds the time one run spends in naps, summed over
// goroutines.
const napBudget = int64(100 * time.Millisecond)

func (n *noise) reset(key uint64) {
	n.key.Store(key)
	n.calls.Store(0)
	n.napped.Store(0)
	n.ahead.Store(0)
}

// afterDone runs in a goroutine whose WaitGroup Done left the counter at
// zero. The goroutines waiting on the WaitGroup wake, or one about to
// call Wait returns at once, while the goroutine that called Done goes
// on: a program that writes a result after Done (wg.Done(); results[i] =
// v) is wrong, since the waiter may read first. A compiled program on a
// quiet machine mostly gets away with it, the writer being already on a
// core; here the writer pauses, so that the waiter reads first on every
// run.
func (n *noise) afterDone() {
	if n.ahead.Add(int64(headStart)) > aheadBudget {
		runtime.Gosched()
		return
	}
	time.Sleep(headStart)
}

func (n *noise) hook() {
	key := n.key.Load()
	x := mix(key ^ n.calls.Add(1))
	r := x % 64
	yield, nap, spin := 8+key%40, 2+(key>>8)%6, 2+(key>>16)%8
	switch {
	case r < yield:
		runtime.Gosched()
	case r < yield+nap:
		d := time.Duration(1+(x>>32)%200) * time.Microsecond
		if n.napped.Add(int64(d)) > napBudget {
			runtime.Gosched()
			return
		}
		time.Sleep(d)
	case r < yield+nap+spin:
		d := time.Duration(1+(x>>32)%30) * time.Microsecond
		for start := time.Now(); time.Since(start) < d; {
		}
	}
}

// mix is SplitMix64's finaliser.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// errOutputLimit is the cause a run is stopped with when its test printed
// more than the job's OutputLimit.
var errOutputLimit = errors.New("the test printed more than its output limit")

// testOutput bounds what each test prints: it passes on the first kept
// bytes of a test's output, on both streams together, and stops the
// test's run once it printed more than limit.
type testOutput struct {
	kept, limit int64

	mu      sync.Mutex
	printed int64
	stop    context.CancelCauseFunc // the running run's
}

// start begins a test's count.
func (o *testOutput) start() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.printed = 0
}

// run sets what stops the test's current run.
func (o *testOutput) run(stop context.CancelCauseFunc) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.stop = stop
}

// to returns a writer that counts and bounds what goes to w.
func (o *testOutput) to(w io.Writer) io.Writer { return boundedWriter{o, w} }

type boundedWriter struct {
	o *testOutput
	w io.Writer
}

func (b boundedWriter) Write(p []byte) (int, error) {
	o := b.o
	o.mu.Lock()
	before := o.printed
	o.printed += int64(len(p))
	after, stop := o.printed, o.stop
	o.mu.Unlock()
	pass := int64(len(p))
	if o.kept > 0 {
		pass = min(pass, max(0, o.kept-before))
	}
	if pass > 0 {
		b.w.Write(p[:pass])
	}
	if o.kept > 0 && before < o.kept && after >= o.kept {
		fmt.Fprintf(b.w, "\n[this test's output is cut here, after %d KiB]\n", o.kept>>10)
	}
	if o.limit > 0 && after > o.limit && stop != nil {
		stop(errOutputLimit)
	}
	return len(p), nil
}
