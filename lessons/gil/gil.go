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
//			v := t.Load(&n)             // n += 1 in two of its bytecodes:
//			t.Store(&n, v+1)            // the GIL may change hands between
//			t.IO(10 * time.Millisecond) // a blocking call drops the GIL
//		})
//	}
//	interp.Wait()
//	fmt.Println(interp.Stats()) // switches, time each thread waited
//	interp.Timeline().Show()    // who held the GIL when
//
// Three modes follow the interpreter's history:
//
//   - Python3 is the GIL as rewritten for CPython 3.2 and kept since: a
//     thread that wants the GIL waits one switch interval (5 ms unless
//     set otherwise, as sys.getswitchinterval() reports), then sets a
//     drop request; the holder drops the GIL at its next bytecode
//     boundary and then waits until another thread has taken it
//     ("forced switching"), so that it cannot simply take it straight
//     back.
//   - Python2 is the older scheme: every CheckInterval bytecodes (100
//     unless set otherwise, as sys.getcheckinterval() reports in Python
//     2.7) the running thread releases the GIL and requests it again at
//     once. Which thread gets it is up to the scheduler. Here the
//     releasing thread gives up its processor once in between, so a
//     thread woken to take the GIL often, not always, gets it first;
//     the less time between checks, the likelier the releasing thread
//     is to win the race straight back, as it was in CPython 2.
//   - NoGIL runs threads with no global lock, for comparison.
//
// In the GIL modes, blocking calls (Thread.IO, waiting for a Lock)
// release the GIL and take it back afterwards, as CPython's C code does
// around a socket connect or a sleep, and Thread.ComputeWithoutGIL
// stands for C extension code that releases the GIL while it crunches
// numbers.
//
// The simulation is simpler than CPython in known ways: every bytecode
// boundary checks for a drop request (CPython checks only at some
// instructions), Python 2's ticker counts exactly CheckInterval
// bytecodes, and a thread function's own Go code between calls on its
// Thread costs nothing. That Go code runs while the thread holds the
// GIL, so in the GIL modes it never races with other threads' Go code;
// in NoGIL mode it does, as free-threaded code would.
package gil

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// A Mode says how an Interp shares its GIL: Python3, Python2 or NoGIL.
type Mode interface {
	fmt.Stringer
	isMode()
}

// Python3 is CPython's GIL from version 3.2 on.
type Python3 struct {
	// SwitchInterval is how long a thread waits for the GIL before it
	// asks the holder to drop it. Zero or less means 5 ms, CPython's
	// default.
	SwitchInterval time.Duration
}

// Python2 is CPython 2's GIL.
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

// DefaultBytecodeCost is how much CPU a simulated bytecode burns unless
// BytecodeCost says otherwise. A real CPython bytecode takes tens of
// nanoseconds; a microsecond keeps simulated work large against the
// simulator's own overhead while a million bytecodes still take about a
// second.
const DefaultBytecodeCost = time.Microsecond

func (m Python3) String() string {
	return fmt.Sprintf("Python 3.2+ GIL, switch interval %v", m.interval())
}

func (m Python2) String() string {
	return fmt.Sprintf("Python 2 GIL, check interval %d", m.check())
}

func (NoGIL) String() string { return "no GIL" }

func (Python3) isMode() {}
func (Python2) isMode() {}
func (NoGIL) isMode()   {}

func (m Python3) interval() time.Duration {
	if m.SwitchInterval <= 0 {
		return DefaultSwitchInterval
	}
	return m.SwitchInterval
}

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

// An Interp is one simulated Python interpreter and its threads. Make
// one with New. Its methods may be called from any goroutine.
type Interp struct {
	mode     Mode
	interval time.Duration // Python3
	check    int           // Python2
	cost     time.Duration
	spins    int // work per bytecode, in iterations of spin
	slice    int // bytecodes of work between yields of the processor

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
// mode means Python3{}.
func New(mode Mode, opts ...Option) *Interp {
	if mode == nil {
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
	case Python2:
		in.check = m.check()
		in.ticker = in.check
	}
	for _, opt := range opts {
		opt(in)
	}
	in.spins = calibrate(in.cost)
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
	in.threads = append(in.threads, t)
	in.rec.Unlock()
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
	if in.locked || in.lastHolder != t {
		// Unless t takes back a GIL nobody else had meanwhile, what t
		// was doing ended at since.
		t.enter(stateWaiting, since)
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
	in.waiters = append(in.waiters, t)
	in.mu.Unlock()
	if in.interval > 0 {
		t.timer.Reset(in.interval)
		select {
		case <-t.wake:
		case <-t.timer.C:
			timedOut = true
		case <-in.stop:
		}
		t.timer.Stop()
	} else {
		select {
		case <-t.wake:
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
		case <-in.stop:
		}
		in.mu.Lock()
	}
}

// boundary does what CPython's eval loop does between two bytecodes.
func (in *Interp) boundary(t *Thread) {
	in.checkStop()
	switch {
	case in.interval > 0:
		if in.dropRequest.Load() {
			since := time.Now()
			in.drop(t, true, stateWaiting)
			in.take(t, since)
		}
	case in.check > 0:
		in.ticker--
		if in.ticker > 0 {
			return
		}
		in.ticker = in.check
		since := time.Now()
		if in.drop(t, false, "") {
			// "Other threads may run now", says CPython 2 here. Let
			// them, for a moment: give up the processor once, and a
			// thread woken to take the GIL may get it first. Whether it
			// does is up to the scheduler, as it is in CPython.
			runtime.Gosched()
		}
		in.take(t, since)
	}
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
// machine, measured on the fastest of a few short runs so that a busy
// moment does not count.
func calibrate(cost time.Duration) int {
	if cost <= 0 {
		return 0
	}
	const probe = 1 << 15
	best := time.Duration(math.MaxInt64)
	x := uint64(88172645463325252)
	for range 7 {
		start := time.Now()
		x = spin(x, probe)
		best = min(best, time.Since(start))
	}
	if x == 0 || best <= 0 { // xorshift never reaches 0; this keeps x alive
		best = time.Nanosecond * probe
	}
	return max(int(float64(probe)*float64(cost)/float64(best)), 1)
}
