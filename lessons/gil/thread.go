package gil

import (
	"fmt"
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"goconc/lessons/chart"
)

// A Thread is one simulated Python thread. Its methods are the Python
// operations the simulation knows; call them only from the function
// the thread runs, which is where they get their *Thread.
type Thread struct {
	interp   *Interp
	name     string
	wake     chan struct{} // the GIL's condition variable, signalled for this thread
	lockWake chan struct{} // a Lock handed to this thread
	timer    *time.Timer   // times a wait for the GIL (Python 3 mode) or an I/O call
	started  chan struct{} // closed once the thread first holds the GIL

	// Touched only by the thread's own goroutine.
	holding      bool // holds the GIL
	isStarted    bool // started is closed
	work         uint64
	lastOp       op   // the kind of the last bytecode run
	untilYield   int  // bytecodes to run before yielding the processor
	loopPos      int  // bytecodes into Compute's loop body
	fromBlocking bool // the next take follows a blocking call

	// Guarded by interp.mu.
	boosted   bool          // waiting for the GIL just after a blocking call
	queued    bool          // put among the GIL's waiters by start
	wakeDelay time.Duration // how long the OS takes to run t after its wake-up

	bytecodes atomic.Int64

	// Guarded by interp.rec.
	state    string
	since    time.Time
	spans    []chart.Span
	takes    int
	waited   time.Duration
	afterIO  bool
	ios      int
	ioWaited time.Duration
	ended    time.Time
}

// Kinds of span on the timeline: what a thread is doing.
const (
	stateRunning = "running"
	stateWaiting = "waiting for the GIL"
	stateIO      = "I/O"
	stateLock    = "waiting for a lock"
	stateNative  = "C code, GIL released"
)

// The kinds of span on the timeline (chart.Span.Kind), for a program
// that reads Timeline().Spans.
const (
	KindRunning = stateRunning // running Python, holding the GIL
	KindWaiting = stateWaiting // wanting the GIL
	KindIO      = stateIO      // in a blocking call (IO), GIL released
	KindLock    = stateLock    // waiting for a Lock or a thread to start
	KindNative  = stateNative  // in ComputeWithoutGIL
)

// maxSpans bounds the timeline an Interp records, so that a long run
// with a check interval of 1 cannot eat the notebook's memory.
const maxSpans = 200_000

// Name returns the name the thread was started with.
func (t *Thread) Name() string { return t.name }

// computeBody is how many bytecodes Compute counts to a loop iteration:
// JD's countdown, while n > 0: n -= 1, runs eight per iteration in
// CPython 3.11, the last a backward jump.
const computeBody = 8

// Compute runs n bytecodes of a pure Python loop, such as the
// countdown while n > 0: n -= 1. The thread holds the GIL for each one.
// Every eighth is the loop's backward jump, where 3.10+ checks for a
// drop request; earlier releases check between nearly any two.
func (t *Thread) Compute(n int) {
	for range n {
		if t.loopPos++; t.loopPos == computeBody {
			t.loopPos = 0
			t.bytecode(opJump)
		} else {
			t.bytecode(opPlain)
		}
	}
}

// Loop runs body n times, as for _ in range(n): body. Each iteration
// adds three bytecodes around body's: FOR_ITER, STORE_FAST and the
// backward jump JUMP_BACKWARD, where every release checks.
func (t *Thread) Loop(n int, body func()) {
	for range n {
		t.bytecode(opPlain) // FOR_ITER
		t.bytecode(opFast)  // STORE_FAST _
		body()
		t.bytecode(opJump) // JUMP_BACKWARD (JUMP_ABSOLUTE before 3.11)
	}
}

// Call runs body as a call of a Python function: the CALL bytecode,
// where every release checks (3.10+ also at the function's entry),
// body's own bytecodes and RETURN_VALUE.
func (t *Thread) Call(body func()) {
	t.bytecode(opCall)
	body()
	t.bytecode(opPlain) // RETURN_VALUE
}

// Load reads a shared variable in one bytecode (LOAD_GLOBAL) and
// returns its value.
func (t *Thread) Load(p *int64) int64 {
	t.bytecode(opPlain)
	return atomic.LoadInt64(p)
}

// Store writes a shared variable in one bytecode (STORE_GLOBAL).
func (t *Thread) Store(p *int64, v int64) {
	t.bytecode(opPlain)
	atomic.StoreInt64(p, v)
}

// Add runs the Python statement n += delta on a global. It compiles to
// four bytecodes, LOAD_GLOBAL, LOAD_CONST, BINARY_OP (INPLACE_ADD
// before 3.11) and STORE_GLOBAL. In Python 2.7 and 3.2-3.9 the GIL can
// change hands inside it and updates get lost. In 3.10 and later it
// cannot, since none of the four is a call or a backward jump: the
// statement is atomic there by accident, not by any promise.
func (t *Thread) Add(p *int64, delta int64) {
	v := t.Load(p)
	t.bytecode(opFast)  // LOAD_CONST
	t.bytecode(opPlain) // BINARY_OP
	t.Store(p, v+delta)
}

// AddCall runs n += f() on a global, where f is a Python function (in
// JD's demo, one() returning 1): LOAD_GLOBAL n, LOAD_GLOBAL f, CALL,
// f's LOAD_CONST and RETURN_VALUE, BINARY_OP, STORE_GLOBAL. The call
// sits between the read and the write, so every release can hand the
// GIL over inside it and lose updates, 3.10+ included.
func (t *Thread) AddCall(p *int64, f func() int64) {
	v := t.Load(p)
	t.bytecode(opPlain) // LOAD_GLOBAL f
	var d int64
	t.Call(func() {
		t.bytecode(opFast) // LOAD_CONST
		d = f()
	})
	t.bytecode(opPlain) // BINARY_OP
	t.Store(p, v+d)
}

// Print records a line of output, like print or appending to a shared
// list: one call. Interp.Output returns the lines in order.
func (t *Thread) Print(a ...any) {
	t.bytecode(opCall)
	in := t.interp
	in.rec.Lock()
	in.output = append(in.output, fmt.Sprint(a...))
	in.rec.Unlock()
}

// IO makes one blocking call that takes d, such as a socket connect,
// one send or recv, or time.sleep: a call bytecode, then C code that
// releases the GIL for d and must take it back afterwards, which can
// mean waiting behind a thread that is computing: in Python 3 mode, one
// that the release woke and the OS ran before the call returned (see
// WakeLatency). A round trip on a socket is two calls (send, then
// recv), so two IOs.
//
// A call shorter than a millisecond spins rather than sleeping on a Go
// timer, which would last half a millisecond or more: IO(10*time.Microsecond)
// lasts 10 µs, as a socket call to a local process does.
func (t *Thread) IO(d time.Duration) {
	t.bytecode(opCall)
	t.blocking(stateIO, func() { t.sleep(d) }, true)
}

// ComputeWithoutGIL runs n bytecodes' worth of CPU work in C code that
// releases the GIL, as hashlib or NumPy do around their number
// crunching: one call. Other threads run Python meanwhile.
func (t *Thread) ComputeWithoutGIL(n int) {
	t.bytecode(opCall)
	t.blocking(stateNative, func() {
		in := t.interp
		for i := range n {
			in.checkStop()
			t.work = spin(t.work, in.spins)
			if i%in.slice == in.slice-1 {
				runtime.Gosched()
			}
		}
	}, false)
}

// Go starts another thread, as threading.Thread(...).start() does from
// a thread: it waits for the new thread to be running, without the GIL,
// as start() waits on an event.
func (t *Thread) Go(name string, fn func(t *Thread)) {
	t.bytecode(opCall)
	in := t.interp
	child := in.start(name, fn)
	t.blocking(stateLock, func() {
		select {
		case <-child.started:
		case <-in.stop:
		}
	}, false)
}

// bytecode executes one bytecode of the given kind: first what
// CPython's eval loop does between instructions (which may hand the GIL
// over), then the work.
func (t *Thread) bytecode(kind op) {
	in := t.interp
	in.boundary(t, kind)
	t.work = spin(t.work, in.spins)
	t.bytecodes.Add(1)
	t.maybeYield()
}

// maybeYield lets other goroutines have the processor once the thread
// has run its share of bytecodes. The share varies, as an OS preempts a
// thread at no particular instruction: at a fixed count, a drop request
// set meanwhile on one processor would always be seen at the same place
// in a loop, and a pause at a thread's first bytecode would always fall
// inside its first statement.
func (t *Thread) maybeYield() {
	if t.untilYield--; t.untilYield <= 0 {
		t.untilYield = t.yieldShare()
		runtime.Gosched()
	}
}

// yieldShare is how many bytecodes the thread runs before its next
// yield: from half a time slice to one and a half.
func (t *Thread) yieldShare() int {
	s := t.interp.slice
	return s/2 + int(t.work%uint64(s))
}

// blocking runs wait with the GIL released, in the given state, and
// takes the GIL back afterwards.
func (t *Thread) blocking(state string, wait func(), io bool) {
	in := t.interp
	in.drop(t, true, state)
	wait()
	in.checkStop()
	t.fromBlocking = true
	if io {
		in.rec.Lock()
		t.ios++
		t.afterIO = true
		in.rec.Unlock()
	}
	in.take(t, time.Now())
}

// shortSleep is the longest wait that sleep spins through rather than
// leaving to a Go timer, which lasts 0.5-1.1 ms when set for less.
const shortSleep = time.Millisecond

// sleep waits for d unless the interpreter is stopped first.
func (t *Thread) sleep(d time.Duration) {
	if d < shortSleep {
		// Yield while spinning, so that on one processor the other
		// goroutines, the GIL's holder among them, go on.
		for deadline := time.Now().Add(d); time.Now().Before(deadline); runtime.Gosched() {
			t.interp.checkStop()
		}
		return
	}
	t.timer.Reset(d)
	select {
	case <-t.timer.C:
	case <-t.interp.stop:
	}
	t.timer.Stop()
}

// run is the thread's goroutine.
func (t *Thread) run(fn func(t *Thread)) {
	in := t.interp
	defer in.wg.Done()
	defer func() { t.exit(recover()) }()
	in.checkStop()
	in.take(t, time.Now())
	close(t.started)
	t.isStarted = true
	// What threading's bootstrap runs after it has told start() the
	// thread is running and before it calls the target: bookkeeping
	// under a lock, checks for trace and profile hooks, run(). It gives
	// the GIL a chance to change hands before the target begins, as it
	// does in CPython, and is not counted in Stats. The thread that
	// called start() wakes up now; on one processor, let it run.
	runtime.Gosched()
	for range threadBootstrap {
		in.boundary(t, opPlain)
		t.work = spin(t.work, in.spins)
		t.maybeYield()
	}
	t.lastOp = opCall // the target's entry
	fn(t)
}

// threadBootstrap is how many bytecodes threading's bootstrap runs
// between start() returning and the target's first bytecode.
const threadBootstrap = 100

// exit lets go of the GIL, as a finishing thread does (with no forced
// switch), and records how the thread ended.
func (t *Thread) exit(panicked any) {
	in := t.interp
	now := time.Now()
	if t.holding {
		in.drop(t, false, "")
	} else if in.hasGIL() { // stopped before it took the GIL
		in.mu.Lock()
		if i := slices.Index(in.waiters, t); i >= 0 {
			in.waiters = slices.Delete(in.waiters, i, i+1)
		}
		in.mu.Unlock()
	}
	if !t.isStarted {
		close(t.started)
	}
	in.rec.Lock()
	defer in.rec.Unlock()
	t.recordSpan(now)
	t.state = ""
	t.ended = now
	if now.After(in.last) {
		in.last = now
	}
	switch err, isErr := panicked.(error); {
	case panicked == nil || panicked == errStopped:
	case isErr:
		in.errs = append(in.errs, fmt.Errorf("thread %s: %w", t.name, err))
	default:
		in.errs = append(in.errs, fmt.Errorf("thread %s: panic: %v", t.name, panicked))
	}
}

// enter records that the thread is now in state, from at on.
func (t *Thread) enter(state string, at time.Time) {
	in := t.interp
	in.rec.Lock()
	defer in.rec.Unlock()
	if t.state == state {
		return
	}
	t.recordSpan(at)
	t.state, t.since = state, at
}

// took records that the thread got the GIL (or, with no GIL, went on
// running) at now after wanting it since since.
func (t *Thread) took(since, now time.Time, gil bool) {
	t.holding = gil
	in := t.interp
	in.rec.Lock()
	defer in.rec.Unlock()
	if gil {
		t.takes++
	}
	wait := now.Sub(since)
	t.waited += wait
	if t.afterIO {
		t.ioWaited += wait
		t.afterIO = false
	}
	if t.state != stateRunning {
		t.recordSpan(now)
		t.state, t.since = stateRunning, now
	}
}

// recordSpan closes the thread's current span at end. in.rec is held.
func (t *Thread) recordSpan(end time.Time) {
	in := t.interp
	if t.state == "" || !end.After(t.since) || in.spanCount >= maxSpans {
		if t.state != "" && in.spanCount >= maxSpans {
			in.truncated = true
		}
		return
	}
	t.spans = append(t.spans, chart.Span{
		Row:   t.name,
		Kind:  t.state,
		Start: t.since.Sub(in.zero),
		End:   end.Sub(in.zero),
	})
	in.spanCount++
}
