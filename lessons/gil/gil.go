// Package gil simulates CPython's global interpreter lock, so that a
// lesson can watch what Python threads live with.
//
// An Interp is one simulated interpreter. Its threads are goroutines
// that run simulated bytecode, and in the GIL modes a thread must hold
// the interpreter's one lock to execute a bytecode. Each bytecode burns a
// little real CPU, so without the GIL the threads really run in parallel.
//
//	interp := gil.New(gil.Python3{SwitchInterval: 5 * time.Millisecond})
//	var n int64
//	for i := range 2 {
//		interp.Go(fmt.Sprint(i), func(t *gil.Thread) {
//			t.Compute(10_000)           // pure Python work
//			t.Add(&n, 1)                // n += 1: cut in 2.7 and 3.2-3.9, never in 3.10+
//			t.IO(10 * time.Millisecond) // a blocking call drops the GIL
//		})
//	}
//	interp.Wait()
//	fmt.Println(interp.Stats()) // switches, time each thread waited
//	interp.Timeline().Show()    // who held the GIL when
//
// The modes follow the interpreter's history:
//
//   - Python2 is CPython 2.7 (and 3.0-3.1): every CheckInterval
//     bytecodes (100 unless set otherwise, as sys.getcheckinterval()
//     reports) the running thread releases the GIL and asks for it again
//     at once. Whether a waiting thread gets it in between is up to the
//     OS. On a machine with several cores it rarely does: the holder
//     usually takes the GIL straight back, while signalling the waiter
//     on another core slows it down. A thread back from a blocking call
//     is the exception, as the OS runs a thread that just woke up first.
//   - Python3 is the GIL as rewritten for CPython 3.2 and kept since: a
//     thread that wants the GIL waits one switch interval (5 ms unless
//     set otherwise, as sys.getswitchinterval() reports), then sets a
//     drop request; the holder drops the GIL at its next check and then
//     waits until another thread has taken it ("forced switching").
//     A thread that a release of the GIL wakes is not running at once:
//     the OS takes a while to run it (WakeLatency), and if the thread
//     that let go takes the GIL back meanwhile, as it does after a short
//     blocking call, the woken thread finds it taken and waits again.
//     So a blocking call that lasts longer than that hands the GIL to a
//     CPU-bound thread and costs a switch interval to get it back (the
//     convoy effect), and one that returns first costs nothing.
//     Where the checks are depends on the release (Python3.Minor): up to
//     3.9 the eval loop checks between nearly any two bytecodes; from
//     3.10 on it checks only at calls, backward jumps and function
//     entry, so a statement with none of those inside, such as n += 1
//     on a global, is never cut.
//   - NoGIL runs threads with no global lock, for comparison.
//
// Each Thread method says which bytecodes it stands for, and so where a
// mode may hand the GIL over. In the GIL modes, blocking calls
// (Thread.IO, waiting for a Lock) release the GIL and take it back
// afterwards, as CPython's C code does around a socket connect or a
// sleep, and Thread.ComputeWithoutGIL stands for C extension code that
// releases the GIL while it crunches numbers.
//
// The simulation is slower than CPython: a simulated bytecode costs a
// microsecond (BytecodeCost), where CPython's cost tens of nanoseconds,
// so a check interval of 100 bytecodes lasts 100 µs here and 1-2 µs in
// CPython 2.7. The odds that a Python 2 check hands the GIL over are
// set so that the demos come out as CPython 2.7's do: see the bench in
// tests/bench/gil. A thread function's own Go code between calls on its
// Thread costs nothing. That Go code runs while the thread holds the
// GIL, so in the GIL modes it never races with other threads' Go code;
// in NoGIL mode it does, as free-threaded code would.
package gil

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// A Mode says how an Interp shares its GIL: Python2, Python3 or NoGIL.
// Its methods are exported so that interpreted code (a notebook cell)
// can pass the modes around; New knows only these three.
type Mode interface {
	fmt.Stringer
	// HasGIL reports whether the mode's threads share a global lock.
	HasGIL() bool
}

// Python3 is CPython's GIL from version 3.2 on.
type Python3 struct {
	// SwitchInterval is how long a thread waits for the GIL before it
	// asks the holder to drop it. Zero or less means 5 ms, CPython's
	// default.
	SwitchInterval time.Duration
	// Minor is the 3.x release whose eval loop is simulated. From 2 to
	// 9 the holder checks for a drop request between nearly any two
	// bytecodes (not after the few "fast" ones such as LOAD_CONST); from
	// 10 on only at calls, backward jumps and function entry. Zero means
	// 3.10 and later, as on today's systems; 1 or less than 0 means 3.2-3.9.
	Minor int
}

// Python2 is CPython 2.7's GIL (and 3.0's and 3.1's).
type Python2 struct {
	// CheckInterval is how many bytecodes a thread runs between releases
	// of the GIL. Zero or less means 100, CPython 2.7's default.
	CheckInterval int
}

// NoGIL runs threads with no global lock at all.
type NoGIL struct{}

// Defaults of the modes, as in CPython.
const (
	DefaultSwitchInterval = 5 * time.Millisecond
	DefaultCheckInterval  = 100
)

// DefaultWakeLatency is how long, unless WakeLatency says otherwise,
// the OS takes to run a thread that a release of the GIL woke, in
// Python 3 mode. Measured on a 2-core VM: a thread blocked in a read
// that another thread's write wakes runs 3-20 µs later (median), while
// the machine is quiet; on a busy machine some wake-ups wait for a core
// for milliseconds.
const DefaultWakeLatency = 20 * time.Microsecond

// DefaultBytecodeCost is how much CPU a simulated bytecode burns unless
// BytecodeCost says otherwise. A real CPython bytecode takes tens of
// nanoseconds; a microsecond keeps simulated work large against the
// simulator's own overhead while a million bytecodes still take about a
// second.
const DefaultBytecodeCost = time.Microsecond

// Python 2's hand-off odds and multi-core penalty, calibrated against
// CPython 2.7.18 on a 2-core machine (tests/bench/gil prints both side
// by side):
//
//   - handOffBytecodes: a waiting thread gets the GIL at a check with
//     odds CheckInterval/handOffBytecodes. With a check interval of 1,
//     JD's 1,000 threads each running n += 1 lose 0-4 updates (CPython
//     2.7: 996-1000, median 1 lost); with 100, two CPU-bound threads
//     print irregular runs of a few lines (CPython 2.7: mean run 2.2).
//   - contention: on two cores or more, each check that signals a
//     waiting thread costs the holder this fraction of the work since
//     the last check. Two CPU-bound threads then take about 1.9 times as
//     long as running the same work sequentially (CPython 2.7: 1.87).
const (
	handOffBytecodes = 2000
	contention       = 0.87
)

func (m Python3) String() string {
	switch {
	case m.Minor == 0:
		return fmt.Sprintf("Python 3.10+ GIL, switch interval %v", m.interval())
	case m.modern():
		return fmt.Sprintf("Python 3.%d GIL, switch interval %v", m.Minor, m.interval())
	default:
		return fmt.Sprintf("Python 3.2-3.9 GIL, switch interval %v", m.interval())
	}
}

func (m Python2) String() string {
	return fmt.Sprintf("Python 2.7 GIL, check interval %d", m.check())
}

func (NoGIL) String() string { return "no GIL" }

// HasGIL reports true.
func (Python3) HasGIL() bool { return true }

// HasGIL reports true.
func (Python2) HasGIL() bool { return true }

// HasGIL reports false.
func (NoGIL) HasGIL() bool { return false }

func (m Python3) interval() time.Duration {
	if m.SwitchInterval <= 0 {
		return DefaultSwitchInterval
	}
	return m.SwitchInterval
}

// modern reports whether the release checks only at calls, backward
// jumps and function entry (3.10 and later).
func (m Python3) modern() bool { return m.Minor == 0 || m.Minor >= 10 }

func (m Python2) check() int {
	if m.CheckInterval <= 0 {
		return DefaultCheckInterval
	}
	return m.CheckInterval
}

// An Option changes how New sets up an Interp.
type Option func(*Interp)

// BytecodeCost sets how much CPU time each simulated bytecode burns,
// measured once when the Interp is made. It is a fixed amount of work,
// not a wait, so two threads on one core take twice as long as on two.
func BytecodeCost(d time.Duration) Option {
	return func(in *Interp) { in.cost = max(d, 0) }
}

// WakeLatency sets how long the OS takes to run a thread that a release
// of the GIL woke: in Python 3 mode a thread waiting for the GIL, or
// one that dropped it on request and waits for the switch; in Python 2
// mode a thread woken by a release around a blocking call (the hand-off
// odds at checks have the OS's part in them already). A blocking call
// shorter than that usually gets the GIL straight back, even beside a
// CPU-bound thread; a longer one loses it, in Python 3 for a switch
// interval. A busy machine, where a woken thread waits for a free core,
// behaves as a longer latency. Zero means a thread runs the moment it
// is woken.
func WakeLatency(d time.Duration) Option {
	return func(in *Interp) { in.wakeLatency = max(d, 0); in.wakeSet = true }
}

// Seed seeds the dice that decide, in Python 2 mode, whether a check
// hands the GIL over, so that a run can be repeated as far as the Go
// scheduler allows. Without it every Interp rolls differently.
func Seed(seed uint64) Option {
	return func(in *Interp) { in.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }
}

// An Interp is one simulated Python interpreter and its threads. Make
// one with New. Its methods may be called from any goroutine.
type Interp struct {
	mode     Mode
	interval time.Duration // Python3
	modern   bool          // Python3: checks only at calls, jumps, entry
	check    int           // Python2
	odds     float64       // Python2: chance a check hands the GIL over
	penalty  int           // Python2: spins a contended check costs
	rng      *rand.Rand    // Python2: used only by the GIL's holder
	cost     time.Duration
	// wakeLatency is how long a thread woken by a release of the GIL
	// takes to run; wakeSet says an option set it.
	wakeLatency time.Duration
	wakeSet     bool
	spins       int // work per bytecode, in iterations of spin
	slice       int // bytecodes of work between yields of the processor

	// mu is the mutex inside the GIL, like the one that guards the
	// GIL's state in CPython; the GIL itself is the locked flag.
	mu         sync.Mutex
	locked     bool
	lastHolder *Thread
	waiters    []*Thread     // threads waiting for the GIL, oldest first
	switched   chan struct{} // closed, and replaced, when the GIL changes hands
	switches   int
	dropReqs   int

	// dropRequest is CPython's gil_drop_request: set by a thread that
	// waited a whole interval, read by the holder at every bytecode.
	dropRequest atomic.Bool
	// ticker counts down to Python 2's next release; only the thread
	// holding the GIL touches it, as in CPython 2.
	ticker int

	stopped atomic.Bool
	stop    chan struct{}
	halt    sync.Once

	wg sync.WaitGroup

	rec       sync.Mutex // guards the fields below and every Thread's record
	zero      time.Time  // when the first thread started
	last      time.Time  // when the last thread finished
	threads   []*Thread
	output    []string
	errs      []error
	spanCount int
	truncated bool // the timeline reached maxSpans
}

// New returns an interpreter that shares its GIL as mode says. A nil
// mode, or one of a type other than Python3, Python2 and NoGIL, means
// Python3{}.
func New(mode Mode, opts ...Option) *Interp {
	switch mode.(type) {
	case Python3, Python2, NoGIL:
	default:
		mode = Python3{}
	}
	in := &Interp{
		mode:     mode,
		cost:     DefaultBytecodeCost,
		switched: make(chan struct{}),
		stop:     make(chan struct{}),
	}
	switch m := mode.(type) {
	case Python3:
		in.interval = m.interval()
		in.modern = m.modern()
	case Python2:
		in.check = m.check()
		in.ticker = in.check
		in.odds = min(float64(in.check)/handOffBytecodes, 1)
	}
	for _, opt := range opts {
		opt(in)
	}
	switch {
	case !in.hasGIL(): // nothing waits for a GIL
		in.wakeLatency = 0
	case !in.wakeSet:
		in.wakeLatency = DefaultWakeLatency
	}
	if in.rng == nil {
		seed := uint64(time.Now().UnixNano())
		in.rng = rand.New(rand.NewPCG(seed, seed>>17))
	}
	in.spins = calibrate(in.cost)
	if in.check > 0 && runtime.GOMAXPROCS(0) > 1 {
		in.penalty = int(contention * float64(in.spins*in.check))
	}
	in.slice = 1024
	if in.cost > 0 {
		in.slice = max(int(timeSlice/in.cost), 1)
	}
	return in
}

// Mode returns the interpreter's mode.
func (in *Interp) Mode() Mode { return in.mode }

// Go starts a thread that runs fn, like threading.Thread(target=fn).start():
// it returns once the new thread is running, that is once it has taken
// the GIL for the first time. Call it from outside the interpreter's
// threads: called from a thread function, it would wait for a GIL its
// own thread holds. A thread starts another with Thread.Go, which lets
// go of the GIL while it waits.
//
// A panic in fn ends that thread only, as an exception ends a Python
// thread, and Wait reports it.
func (in *Interp) Go(name string, fn func(t *Thread)) {
	t := in.start(name, fn)
	select {
	case <-t.started:
	case <-in.stop:
	}
}

func (in *Interp) start(name string, fn func(t *Thread)) *Thread {
	t := &Thread{
		interp:   in,
		name:     name,
		wake:     make(chan struct{}, 1),
		lockWake: make(chan struct{}, 1),
		timer:    time.NewTimer(time.Hour),
		started:  make(chan struct{}),
	}
	t.timer.Stop()
	in.rec.Lock()
	if in.zero.IsZero() {
		in.zero = time.Now()
	}
	// The spin's xorshift state: never zero, which it would keep, and
	// different per thread, as it also times the thread's yields.
	t.work = uint64(len(in.threads)+1) * 0x9e3779b97f4a7c15
	// A new thread's first yield comes part way into a time slice, not
	// at its first bytecode: yielding there would pause every thread of
	// JD's race inside its n += 1, and on a busy machine a pause is when
	// a waiting thread's switch interval runs out.
	t.untilYield = t.yieldShare()
	in.threads = append(in.threads, t)
	in.rec.Unlock()
	if in.hasGIL() {
		// A new thread asks for the GIL as soon as it exists, as
		// CPython's does first thing; a goroutine would be late to ask
		// by however long the Go scheduler takes to run it.
		in.mu.Lock()
		if in.locked {
			in.waiters = append(in.waiters, t)
			t.queued = true
		}
		in.mu.Unlock()
	}
	in.wg.Add(1)
	go t.run(fn)
	return t
}

// Wait waits for every thread started so far to finish and returns the
// panics that ended any of them, joined.
func (in *Interp) Wait() error {
	in.wg.Wait()
	return in.err()
}

// WaitContext is Wait with a way out: if ctx ends first, it stops every
// thread at its next bytecode or blocking call, waits for them to
// finish and returns ctx's error. A stopped interpreter stays stopped:
// threads started afterwards end at once.
func (in *Interp) WaitContext(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		in.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return in.err()
	case <-ctx.Done():
		in.halt.Do(func() {
			in.stopped.Store(true)
			close(in.stop)
		})
		<-done
		return fmt.Errorf("gil: threads stopped: %w", ctx.Err())
	}
}

func (in *Interp) err() error {
	in.rec.Lock()
	defer in.rec.Unlock()
	return errors.Join(in.errs...)
}

// Output returns what the threads printed with Thread.Print, in the
// order they printed it.
func (in *Interp) Output() []string {
	in.rec.Lock()
	defer in.rec.Unlock()
	return slices.Clone(in.output)
}

// errStopped unwinds a thread when WaitContext gives up on it.
var errStopped = errors.New("gil: interpreter stopped")

// checkStop ends the calling thread if the interpreter was stopped.
func (in *Interp) checkStop() {
	if in.stopped.Load() {
		panic(errStopped)
	}
}

func (in *Interp) hasGIL() bool { return in.interval > 0 || in.check > 0 }

// take gives the GIL to t, waiting as long as it takes. t has wanted it
// since since, which is what the wait is counted from.
func (in *Interp) take(t *Thread, since time.Time) {
	if !in.hasGIL() {
		t.took(since, time.Now(), false)
		return
	}
	in.mu.Lock()
	t.boosted = t.fromBlocking
	t.fromBlocking = false
	if in.locked || in.lastHolder != t {
		// Unless t takes back a GIL nobody else had meanwhile, what t
		// was doing ended at since.
		t.enter(stateWaiting, since)
	}
	if t.queued && !in.locked { // queued by start, and the GIL is free
		t.queued = false
		if i := slices.Index(in.waiters, t); i >= 0 {
			in.waiters = slices.Delete(in.waiters, i, i+1)
		}
		select {
		case <-t.wake:
		default:
		}
	}
	for in.locked {
		saved := in.switches
		timedOut := in.waitForDrop(t)
		if in.stopped.Load() {
			in.mu.Unlock()
			panic(errStopped)
		}
		// A whole interval went by and nobody took the GIL in between:
		// ask the holder to drop it.
		if timedOut && in.locked && in.switches == saved && !in.dropRequest.Swap(true) {
			in.dropReqs++
		}
	}
	in.locked = true
	t.boosted = false
	if in.lastHolder != t {
		if in.lastHolder != nil {
			in.switches++
		}
		in.lastHolder = t
		close(in.switched)
		in.switched = make(chan struct{})
	}
	in.dropRequest.Store(false)
	in.mu.Unlock()
	t.took(since, time.Now(), true)
}

// waitForDrop waits, with in.mu held and released meanwhile, until
// whoever holds the GIL drops it, or, in Python 3 mode, for one switch
// interval at most. It reports whether the interval ran out.
func (in *Interp) waitForDrop(t *Thread) (timedOut bool) {
	if t.queued {
		t.queued = false // start put t in line already
	} else {
		in.waiters = append(in.waiters, t)
	}
	in.mu.Unlock()
	if in.interval > 0 {
		t.timer.Reset(in.interval)
		woken := false
		select {
		case <-t.wake:
			woken = true
		case <-t.timer.C:
			timedOut = true
		case <-in.stop:
		}
		t.timer.Stop()
		if woken {
			// The GIL was released, and the OS gets round to running
			// this thread only now; meanwhile the GIL may have been
			// taken back, and then the loop in take waits again.
			in.pause(t.wakeDelay)
		}
	} else {
		select {
		case <-t.wake:
			in.pause(t.wakeDelay)
		case <-in.stop:
		}
	}
	in.mu.Lock()
	if i := slices.Index(in.waiters, t); i >= 0 {
		in.waiters = slices.Delete(in.waiters, i, i+1)
	}
	select { // a wake-up that crossed the timeout is not needed now
	case <-t.wake:
	default:
	}
	return timedOut
}

// drop releases the GIL held by t, which goes on to do next: the
// thread's timeline switches to next as the GIL is released, so that
// no two threads are ever seen running at once. An empty next leaves
// the timeline to the take that follows.
//
// With forced set, as when CPython's eval loop or a blocking call drops
// the GIL, a thread that drops it because another asked for it waits
// until that one has taken it. drop reports whether it woke a thread
// that was waiting for the GIL.
func (in *Interp) drop(t *Thread, forced bool, next string) (woke bool) {
	t.holding = false
	if !in.hasGIL() {
		if next != "" {
			t.enter(next, time.Now())
		}
		return false
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	mustSwitch := forced && in.dropRequest.Load() && in.lastHolder == t
	switch {
	case mustSwitch:
		t.enter(stateWaiting, time.Now())
	case next != "":
		t.enter(next, time.Now())
	}
	in.locked = false
	if len(in.waiters) > 0 {
		w := in.waiters[0]
		in.waiters = in.waiters[1:]
		w.wakeDelay = in.wakeLatency
		if in.check > 0 && next != stateIO && next != stateLock && next != stateNative {
			w.wakeDelay = 0 // a Python 2 check: its odds include the OS
		}
		w.wake <- struct{}{} // cannot block: a thread takes one wake-up at a time
		woke = true
	}
	if mustSwitch {
		in.dropRequest.Store(false)
		in.waitForSwitch(t)
		if next != "" {
			t.enter(next, time.Now())
		}
	}
	return woke
}

// waitForSwitch waits, with in.mu held and released meanwhile, until
// another thread has taken the GIL since t held it.
func (in *Interp) waitForSwitch(t *Thread) {
	for in.lastHolder == t && !in.stopped.Load() {
		ch := in.switched
		in.mu.Unlock()
		select {
		case <-ch:
			// Woken by the switch, t runs again once the OS gets round
			// to it, and only then asks for the GIL again. (Python 2's
			// checks have the OS's part in their odds.)
			if in.interval > 0 {
				in.pause(in.wakeLatency)
			}
		case <-in.stop:
		}
		in.mu.Lock()
	}
}

// pause lets d go by, or less if the interpreter is stopped. Under a
// millisecond it spins, yielding the processor, because a Go timer set
// for less lasts half a millisecond or more.
func (in *Interp) pause(d time.Duration) {
	if d <= 0 {
		return
	}
	if d >= time.Millisecond {
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-in.stop:
		}
		return
	}
	for deadline := time.Now().Add(d); time.Now().Before(deadline) && !in.stopped.Load(); {
		runtime.Gosched()
	}
}

// An op is the kind of a simulated bytecode, which decides whether the
// eval loop checks for a hand-over of the GIL before it.
type op uint8

const (
	// opPlain is most bytecodes: LOAD_GLOBAL, BINARY_OP, STORE_GLOBAL...
	// Up to 3.9 (and in 2.7) the eval loop checks before each.
	opPlain op = iota
	// opFast is a bytecode after which CPython up to 3.9 skips the check
	// before the next one (LOAD_CONST, LOAD_FAST, STORE_FAST: "goto
	// fast_next_opcode"); 2.7's ticker does not count it either.
	opFast
	// opCall is a call (CALL, CALL_FUNCTION), where every release checks.
	opCall
	// opJump is a backward jump, the end of a loop's body, where every
	// release checks.
	opJump
)

// boundary does what CPython's eval loop does between two bytecodes,
// before one of kind op.
func (in *Interp) boundary(t *Thread, kind op) {
	in.checkStop()
	afterFast := t.lastOp == opFast
	t.lastOp = kind
	switch {
	case in.interval > 0:
		if in.modern && kind != opCall && kind != opJump {
			return
		}
		if !in.modern && afterFast {
			return
		}
		if in.dropRequest.Load() {
			since := time.Now()
			in.drop(t, true, stateWaiting)
			in.take(t, since)
		}
	case in.check > 0:
		if afterFast {
			return
		}
		in.ticker--
		if in.ticker > 0 {
			return
		}
		in.ticker = in.check
		in.checkPython2(t)
	}
}

// checkPython2 is CPython 2's periodic release: drop the GIL, signal a
// waiting thread and take the GIL again. Who gets it is a race that the
// holder, already running, usually wins; a thread that has just woken
// from a blocking call is the one the OS lets win.
func (in *Interp) checkPython2(t *Thread) {
	in.mu.Lock()
	waiting := len(in.waiters) > 0
	first := slices.IndexFunc(in.waiters, func(w *Thread) bool { return w.boosted })
	in.mu.Unlock()
	if !waiting {
		return // released and taken straight back: nothing changes
	}
	// Signalling a thread on another core costs the holder time.
	t.work = spin(t.work, in.penalty)
	if first < 0 && in.rng.Float64() >= in.odds {
		return
	}
	since := time.Now()
	in.mu.Lock()
	if first > 0 && first < len(in.waiters) { // the woken thread goes first
		w := in.waiters[first]
		in.waiters = slices.Delete(in.waiters, first, first+1)
		in.waiters = slices.Insert(in.waiters, 0, w)
	}
	in.dropRequest.Store(true) // the waiter won: a switch it is
	in.mu.Unlock()
	in.drop(t, true, stateWaiting)
	in.take(t, since)
}

// timeSlice is how much work a busy thread does before it lets other
// goroutines have its processor. An OS lets a thread that wakes from
// I/O preempt a busy one at once; Go's scheduler would leave it waiting
// for up to 10 ms when every processor is busy, which would stretch the
// simulated I/O of a thread that runs beside busy ones.
const timeSlice = 100 * time.Microsecond

// spin burns n iterations of arithmetic that the compiler cannot skip,
// because its result is kept.
func spin(x uint64, n int) uint64 {
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

// calibrate returns how many iterations of spin take cost on this
// machine.
func calibrate(cost time.Duration) int {
	if cost <= 0 {
		return 0
	}
	return max(int(spinRate()*float64(cost)), 1)
}

// spinRate is how many iterations of spin this machine runs per
// nanosecond, measured once per process on the fastest of a few short
// runs, so that a busy moment does not count. Measured afresh for every
// Interp, it would give interpreters made at busy and quiet moments
// different bytecode costs, and comparisons between them (sequential
// against threaded) would measure the machine's load.
var spinRate = sync.OnceValue(func() float64 {
	const probe = 1 << 15
	best := time.Duration(math.MaxInt64)
	x := uint64(88172645463325252)
	for range 15 {
		start := time.Now()
		x = spin(x, probe)
		best = min(best, time.Since(start))
	}
	if x == 0 || best <= 0 { // xorshift never reaches 0; this keeps x alive
		best = time.Nanosecond * probe
	}
	return probe / float64(best)
})
