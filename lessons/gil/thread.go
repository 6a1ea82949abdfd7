package gil

import (
	"fmt"
	"runtime"
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
	holding   bool // holds the GIL
	isStarted bool // started is closed
	work      uint64

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

// maxSpans bounds the timeline an Interp records, so that a long run
// with a check interval of 1 cannot eat the notebook's memory.
const maxSpans = 200_000

// Name returns the name the thread was started with.
func (t *Thread) Name() string { return t.name }

// Compute runs n bytecodes of pure Python computation, such as the
// arithmetic in a loop. The thread holds the GIL for each one, and may
// lose it between any two.
func (t *Thread) Compute(n int) {
	for range n {
		t.bytecode()
	}
}

// Load reads a shared variable in one bytecode (LOAD_GLOBAL) and
// returns its value.
func (t *Thread) Load(p *int64) int64 {
	t.bytecode()
	return atomic.LoadInt64(p)
}

// Store writes a shared variable in one bytecode (STORE_GLOBAL).
func (t *Thread) Store(p *int64, v int64) {
	t.bytecode()
	atomic.StoreInt64(p, v)
}

// Add runs the Python statement n += delta on a shared variable. It
// compiles to four bytecodes, LOAD_GLOBAL, LOAD_CONST, INPLACE_ADD and
// STORE_GLOBAL, and the GIL can change hands between any two of them:
// the GIL does not make it atomic.
func (t *Thread) Add(p *int64, delta int64) {
	v := t.Load(p)
	t.bytecode() // LOAD_CONST
	t.bytecode() // INPLACE_ADD
	t.Store(p, v+delta)
}

// Print records a line of output, like print or appending to a shared
// list, in one bytecode. Interp.Output returns the lines in order.
func (t *Thread) Print(a ...any) {
	t.bytecode()
	in := t.interp
	in.rec.Lock()
	in.output = append(in.output, fmt.Sprint(a...))
	in.rec.Unlock()
}

// IO makes a blocking call that takes d, such as a socket connect, a
// file read or time.sleep. Like CPython's C code around such a call, it
// releases the GIL for the duration and must take it back afterwards,
// which can mean waiting behind a thread that is computing.
func (t *Thread) IO(d time.Duration) {
	t.bytecode() // the call
	t.blocking(stateIO, func() { t.sleep(d) }, true)
}

// ComputeWithoutGIL runs n bytecodes' worth of CPU work in C code that
// releases the GIL, as hashlib or NumPy do around their number
// crunching. Other threads run Python meanwhile.
func (t *Thread) ComputeWithoutGIL(n int) {
	t.bytecode() // the call
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
	t.bytecode() // the call
	in := t.interp
	child := in.start(name, fn)
	t.blocking(stateLock, func() {
		select {
		case <-child.started:
		case <-in.stop:
		}
	}, false)
}

// bytecode executes one bytecode: first what CPython's eval loop does
// between instructions (which may hand the GIL over), then the work.
func (t *Thread) bytecode() {
	in := t.interp
	in.boundary(t)
	t.work = spin(t.work, in.spins)
	if t.bytecodes.Add(1)%int64(in.slice) == 0 {
		runtime.Gosched()
	}
}

// blocking runs wait with the GIL released, in the given state, and
// takes the GIL back afterwards.
func (t *Thread) blocking(state string, wait func(), io bool) {
	in := t.interp
	in.drop(t, true, state)
	wait()
	in.checkStop()
	if io {
		in.rec.Lock()
		t.ios++
		t.afterIO = true
		in.rec.Unlock()
	}
	in.take(t, time.Now())
}

// sleep waits for d unless the interpreter is stopped first.
func (t *Thread) sleep(d time.Duration) {
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
	fn(t)
}

// exit lets go of the GIL, as a finishing thread does (with no forced
// switch), and records how the thread ended.
func (t *Thread) exit(panicked any) {
	in := t.interp
	now := time.Now()
	if t.holding {
		in.drop(t, false, "")
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
