// Package cellrt is the run-time support that rewritten notebook cells
// call, as the package goconc_rt. Most of it is where they may block:
// channel sends and receives, select, the waits of sync's Mutex, RWMutex,
// WaitGroup and Cond, sleeps and timers.
//
// It keeps account of the goroutines the cells started and of what each
// one waits on, so that it can
//
//   - stop them all: when a cell is interrupted, deadlocks or one of its
//     goroutines panics, every goroutine waiting in the runtime, and every
//     one that reaches it later, parks for good instead of running another
//     statement of the cell;
//   - tell a deadlock from a slow program: the cell ends with Go's "all
//     goroutines are asleep - deadlock!" and who waits on what, and who
//     holds each lock, only when no goroutine made progress for a while and
//     a trace of every goroutine confirms that none can run;
//   - do this at the interpreter's speed: operations that need not block
//     (an uncontended Lock, a send to a waiting receiver) take no lock of
//     the runtime's and read the goroutine's id from the runtime's
//     descriptor rather than from a stack trace.
//
// The engine's rewrite passes (kernel/engine/rewrite) turn those
// operations into calls of this package, and so also what the interpreter
// gets wrong about values at run time: run-time panics with
// Go's messages (panics.go), errors.Is, As and Unwrap over cells' errors
// (errors.go), fmt's rules for cell values whose methods the interpreter
// drops and the field names %+v prints (methods.go, fields.go), and the
// print builtins' formats (print.go). Symbols, FmtSymbols and a Printer's
// Symbols are the tables the engine binds.
//
// The package does not import the interpreter that runs the cells; its
// owner tells it how interpreted code shows in a stack trace.
package cellrt

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a Runtime.
type Options struct {
	// CodeFrames are prefixes of the function names (as a stack trace
	// prints them, "github.com/traefik/yaegi/interp.") that mark a
	// goroutine as running the cells' code. A deadlock is confirmed only
	// when no such goroutine can run.
	CodeFrames []string
	// Settle bounds how long no goroutine may make progress before a
	// deadlock is suspected and checked against a trace; the first check
	// comes after a tenth of it (see watch). Zero means 100ms.
	Settle time.Duration
	// Noise, when set, is called before each operation that may block
	// (a lock, a channel operation, a select, a wait, a sleep), before
	// each that may wake a goroutine (an unlock, a WaitGroup's Done, a
	// Cond's Signal and Broadcast) and as a new goroutine's first act. The grader makes it yield, nap or spin
	// at random, so that a few runs meet many interleavings.
	Noise func()
	// AfterDone, when set, is called right after a WaitGroup's Done
	// that left its counter at zero, in the goroutine that called it.
	// The grader pauses there, so that the goroutines the Done lets out
	// of Wait run ahead of what its caller does next: a result written
	// after Done is then missed, as Go allows.
	AfterDone func()
}

// A Runtime serves the cells of one interpreter session.
type Runtime struct {
	codeFrames []string
	settle     time.Duration
	noise      func()
	afterDone  func()

	// epoch counts the events after which a deadlock suspected before
	// them may no longer hold: a goroutine blocking, waking, starting or
	// ending.
	epoch   atomic.Uint64
	live    atomic.Int64 // goroutines in gs
	waiting atomic.Int64 // of them, those blocked in the runtime
	timers  atomic.Int64 // timers, tickers and sleeps that may still wake someone
	gs      sync.Map     // goroutine id to *goroutine
	holders holders

	cellFuncs atomic.Int64 // of them, cell functions (started "")
	// cellExited is set, until the next cell begins, once the running
	// cell's own goroutine has ended by runtime.Goexit (see CellExited).
	cellExited atomic.Bool
	// panicking counts goroutines that started to panic and have neither
	// recovered nor ended the cell (see Panicking); lastPanic is when the
	// latest of them started, as time since born.
	panicking atomic.Int64
	lastPanic atomic.Int64
	born      time.Time
	// heldWakes counts the wakes that waited for a panic (see woke).
	heldWakes atomic.Int64
	// recovered is closed, and replaced, each time a recover in the cells
	// ends a panic (see Recovered and brokenBy).
	recovered atomic.Pointer[stopper]

	stopper atomic.Pointer[stopper] // what the next stop closes
	mu      sync.Mutex
	cancel  context.CancelCauseFunc // ends the running cell, nil between cells
}

// A stopper is a channel closed once, with a flag that says it is. The
// Runtime's stopper is closed when a cell stops, waking the goroutines
// that wait in the runtime; they park. Once closed it stays closed until
// the next cell begins with a new one, so that goroutines reaching the
// runtime meanwhile park too. Its recovered stopper is closed, and
// replaced, when a recover ends a panic.
type stopper struct {
	ch     chan struct{}
	closed atomic.Bool
}

func newStopper() *stopper { return &stopper{ch: make(chan struct{})} }

func (s *stopper) close() {
	if s.closed.CompareAndSwap(false, true) {
		close(s.ch)
	}
}

// goroutine is what the runtime knows of one goroutine the cells started.
type goroutine struct {
	id      int64
	started string // where its go statement is, "" for a cell's own function
	wait    atomic.Pointer[wait]
	// panicking is set from the panic until a recover.
	panicking atomic.Bool
}

// wait is what a goroutine is blocked in.
type wait struct {
	what  string // "chan receive", "sync.Mutex.Lock", ...
	where string // where in the cell
	on    any    // the lock it waits for, if any
}

// New returns a Runtime.
func New(opts Options) *Runtime {
	r := &Runtime{codeFrames: opts.CodeFrames, settle: opts.Settle, noise: opts.Noise, afterDone: opts.AfterDone, born: time.Now()}
	if r.settle <= 0 {
		r.settle = 100 * time.Millisecond
	}
	r.stopper.Store(newStopper())
	r.recovered.Store(newStopper())
	return r
}

// Deadlock is the cause a cell ends with when its goroutines deadlock.
type Deadlock struct {
	// Report is Go's message and, for each goroutine, what it waits on,
	// where, and who holds the lock it waits for.
	Report []string
}

func (Deadlock) Error() string { return "all goroutines are asleep - deadlock!" }

// BeginCell starts a cell that runs under ctx. It returns the context the
// cell runs under, which Fail and a deadlock cancel with their cause, and
// a function to call when the cell is over. While the cell runs, a watcher
// looks for deadlocks. When the cell's context ends, for whatever reason,
// every goroutine waiting in the runtime parks for good.
func (r *Runtime) BeginCell(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	st := r.stopper.Load()
	if st.closed.Load() {
		// Goroutines the last stop parked stay parked; those it left to
		// the interpreter to stop are forgotten once they are gone.
		st = newStopper()
		r.stopper.Store(st)
		r.prune()
	}
	// A panic that ended no cell and was not seen recovered (compiled
	// code recovers some) holds no later cell up.
	r.panicking.Store(0)
	r.cellExited.Store(false)
	r.mu.Lock()
	r.cancel = cancel
	r.mu.Unlock()
	stop := context.AfterFunc(ctx, st.close)
	done := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		r.watch(done)
	}()
	return ctx, func() {
		close(done)
		<-watched
		stop()
		cancel(nil)
		r.mu.Lock()
		r.cancel = nil
		r.mu.Unlock()
	}
}

// Fail ends the running cell, if any, with cause: its context is
// cancelled and its goroutines stop.
func (r *Runtime) Fail(cause error) {
	r.mu.Lock()
	cancel := r.cancel
	r.mu.Unlock()
	if cancel != nil {
		// Stop first: a goroutine this one wakes afterwards (its
		// deferred wg.Done, say) must find the cell stopped.
		r.stopper.Load().close()
		cancel(cause)
	}
}

// halt parks the calling goroutine if the cells have been stopped.
func (r *Runtime) halt() {
	if r.noise != nil {
		r.noise()
	}
	if r.stopper.Load().closed.Load() {
		r.park(nil)
	}
}

// Enter and Exit bracket the run of a cell's function (started is "")
// and of every goroutine a cell starts (started says where its go
// statement is). A goroutine that enters after a stop parks.
func (r *Runtime) Enter(started string) { r.EnterAs(Goid(), started) }

// EnterAs is Enter for a goroutine whose id the caller has read.
func (r *Runtime) EnterAs(id int64, started string) {
	if r.stopper.Load().closed.Load() {
		park()
	}
	g := &goroutine{id: id, started: started}
	if old, loaded := r.gs.Swap(id, g); loaded {
		r.dropped(old.(*goroutine))
	}
	r.live.Add(1)
	if started == "" {
		r.cellFuncs.Add(1)
	}
	r.epoch.Add(1)
	if r.noise != nil {
		r.noise()
	}
}

// Exit ends what Enter began.
func (r *Runtime) Exit() {
	r.forget(Goid())
	r.epoch.Add(1)
}

func (r *Runtime) forget(id int64) {
	if v, ok := r.gs.LoadAndDelete(id); ok {
		r.dropped(v.(*goroutine))
	}
}

// dropped updates the counts for a goroutine no longer in gs.
func (r *Runtime) dropped(g *goroutine) {
	r.live.Add(-1)
	if g.started == "" {
		r.cellFuncs.Add(-1)
	}
	if g.wait.Load() != nil {
		r.waiting.Add(-1)
	}
}

// current returns the calling goroutine's record, nil for a goroutine the
// cells did not start through a go statement (a callback of compiled
// code): such goroutines are not counted.
func (r *Runtime) current() *goroutine {
	v, ok := r.gs.Load(Goid())
	if !ok {
		return nil
	}
	return v.(*goroutine)
}

// block records that the calling goroutine waits in what, at where, for
// the lock on (if any). It returns the goroutine's record for unblock.
func (r *Runtime) block(what, where string, on any) *goroutine {
	g := r.current()
	if g == nil {
		return nil
	}
	if g.wait.Swap(&wait{what: what, where: where, on: on}) == nil {
		r.waiting.Add(1)
	}
	r.epoch.Add(1)
	return g
}

// unblock records that g no longer waits.
func (r *Runtime) unblock(g *goroutine) {
	if g == nil {
		return
	}
	r.epoch.Add(1)
	if g.wait.Swap(nil) != nil {
		r.waiting.Add(-1)
	}
}

// park ends the calling goroutine's part in the cells for good: it was
// stopped (an interrupt, a deadlock, a panic) and must run no further
// statement of the cell. It is forgotten and blocks forever; the
// interpreter's state it refers to is kept.
func (r *Runtime) park(g *goroutine) {
	if g != nil {
		r.forget(g.id)
	} else {
		r.forget(Goid())
	}
	park()
}

// park blocks the calling goroutine for good.
func park() { select {} }

// Park ends the calling goroutine's part in the cells for good, as a stop
// does: a goroutine that ended its cell (os.Exit) and must run nothing
// more. Running and Settle count it as stopped at once.
func (r *Runtime) Park() { r.park(nil) }

// Running returns how many goroutines run the cells' code, or wait
// outside the runtime, after a stop: those the runtime counts that a trace
// still shows (the interpreter, stopping, unwinds a goroutine without its
// deferred calls, so some end without saying so), and those it does not
// count (the interpreter's own goroutine evaluating a cell's last
// expression, callbacks of compiled code) whose trace shows interpreted
// code and that have not parked.
func (r *Runtime) Running() int {
	stacks := r.prune()
	self := Goid()
	n := int(r.live.Load())
	for _, s := range stacks {
		if _, tracked := r.gs.Load(s.id); tracked || s.id == self {
			continue
		}
		if s.interpreted(r.codeFrames) && !s.parked() {
			n++
		}
	}
	return n
}

// UncountedRunning reports whether a goroutine the runtime does not count
// (one that compiled code started: a time.AfterFunc's function, a
// callback) runs interpreted code and can go on by itself: it runs, or
// waits for a timer, input or a system call, rather than for a channel,
// a lock or a select, which only a goroutine that runs could end. Unlike
// Running, it leaves out goroutines blocked for good, such as those of
// other sessions in the same process.
func (r *Runtime) UncountedRunning() bool {
	self := Goid()
	for _, s := range parseStacks(allStacks()) {
		if _, counted := r.gs.Load(s.id); counted || s.id == self {
			continue
		}
		if s.interpreted(r.codeFrames) && !s.parked() && (!s.asleep() || !s.parkedOnSync()) {
			return true
		}
	}
	return false
}

// Settle waits up to d for every goroutine of the cells to end or park,
// and returns how many still run: after an interrupt the interpreter stops
// each at its next step, but not those blocked in compiled code (a read
// from a pipe, say).
func (r *Runtime) Settle(d time.Duration) int {
	deadline := time.Now().Add(d)
	for {
		n := r.Running()
		if n <= 0 || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// prune forgets the goroutines a trace of all goroutines no longer shows,
// and returns the trace's goroutines.
func (r *Runtime) prune() []stack {
	stacks := parseStacks(allStacks())
	present := map[int64]bool{}
	for _, s := range stacks {
		present[s.id] = true
	}
	r.gs.Range(func(k, _ any) bool {
		if !present[k.(int64)] {
			r.forget(k.(int64))
		}
		return true
	})
	return stacks
}

// CellExited records that the running cell's own goroutine has ended by
// runtime.Goexit, as a program's main goroutine may, while the cell waits
// for the goroutines it leaves: they may still deadlock, which is then
// reported although no cell function is counted any more.
func (r *Runtime) CellExited() { r.cellExited.Store(true) }

// Idle reports whether no goroutine the cells started is counted and no
// timer that may start or wake one is pending.
func (r *Runtime) Idle() bool { return r.live.Load() == 0 && r.timers.Load() == 0 }

// Panicking records that the calling goroutine is about to panic. Its
// deferred calls run before the panic reaches the recover that ends the
// cell (see the engine's go statements), and one of them (a deferred
// wg.Done, mu.Unlock, close) may wake another goroutine, which must not
// run on before the cell stops: goroutines waking while one panics wait
// for the cell to stop, for the panic to be recovered, or at most
// panicGrace (see woke).
func (r *Runtime) Panicking() {
	if g := r.current(); g != nil && g.panicking.CompareAndSwap(false, true) {
		r.lastPanic.Store(int64(time.Since(r.born)))
		r.panicking.Add(1)
	}
}

// Recovered records that the calling goroutine recovered from its panic.
// A goroutine the runtime no longer counts (after Exit) recovers nothing:
// the engine's guard of a go statement exits before it recovers a panic
// that is to end the cell.
func (r *Runtime) Recovered() {
	if r.endPanic() {
		r.recovered.Swap(newStopper()).close()
	}
}

// KeptAside is Recovered for a recover that keeps a deferred call's panic
// aside, to raise it again once the other deferred calls have run: no
// panic is over.
func (r *Runtime) KeptAside() { r.endPanic() }

// endPanic records that the calling goroutine no longer panics, and
// reports whether it did.
func (r *Runtime) endPanic() bool {
	g := r.current()
	if g == nil || !g.panicking.CompareAndSwap(true, false) {
		return false
	}
	for {
		n := r.panicking.Load()
		if n <= 0 || r.panicking.CompareAndSwap(n, n-1) {
			return true
		}
	}
}

// panicGrace bounds how long a goroutine that woke waits for a panic to
// end the cell or be recovered. A panic is normally over much sooner:
// recovered (Recovered) or ending the cell. One that compiled code
// recovered (fmt recovers a String method's) is never seen to end, so
// no goroutine waits for it once staleGrace has passed since it began:
// it stalls the cell once, not at every wake.
const (
	panicGrace = 100 * time.Millisecond
	staleGrace = 5 * panicGrace
)

// woke is called by a goroutine that is about to return from an operation
// that waited or took what another goroutine gave: while a goroutine
// panics, what woke it may be that goroutine's deferred calls.
func (r *Runtime) woke() {
	if r.panicking.Load() <= 0 {
		return
	}
	if g := r.current(); g != nil && g.panicking.Load() {
		return // its own deferred calls
	}
	st := r.stopper.Load()
	deadline := time.Now().Add(panicGrace)
	if stale := r.born.Add(time.Duration(r.lastPanic.Load()) + staleGrace); stale.Before(deadline) {
		deadline = stale
	}
	held := false
	for r.panicking.Load() > 0 && !st.closed.Load() && time.Now().Before(deadline) {
		if !held {
			held = true
			r.heldWakes.Add(1)
		}
		time.Sleep(50 * time.Microsecond)
	}
	r.halt()
}

// HeldWakes returns how many wakes have waited for a goroutine's panic
// to end (see woke) since the runtime began: none, where every panic was
// recovered before the goroutines its deferred calls woke ran on.
func (r *Runtime) HeldWakes() int64 { return r.heldWakes.Load() }

// IDs returns the ids of the goroutines the runtime counts.
func (r *Runtime) IDs() []int64 {
	var ids []int64
	r.gs.Range(func(k, _ any) bool {
		ids = append(ids, k.(int64))
		return true
	})
	return ids
}

// Waiting reports whether goroutine id waits in the runtime, and whether
// the runtime counts it at all.
func (r *Runtime) Waiting(id int64) (waiting, known bool) {
	v, ok := r.gs.Load(id)
	if !ok {
		return false, false
	}
	return v.(*goroutine).wait.Load() != nil, true
}

// A GoroutineState is one goroutine of the cells, as a trace of every
// goroutine (runtime.Stack(buf, true)) shows it.
type GoroutineState struct {
	ID   int64 // the runtime's id
	Cell bool  // a cell's own function, which no go statement started
	// What is what it waits for in the runtime, as Go's traces say it
	// ("chan receive"), or "" when it runs or may.
	What  string
	Where string // where it waits: "cell N, line L"
}

// Goroutines returns the goroutines of the cells that have not ended.
func (r *Runtime) Goroutines() []GoroutineState {
	var out []GoroutineState
	r.gs.Range(func(_, v any) bool {
		g := v.(*goroutine)
		s := GoroutineState{ID: g.id, Cell: g.started == ""}
		if w := g.wait.Load(); w != nil {
			s.What, s.Where = w.what, w.where
		}
		out = append(out, s)
		return true
	})
	return out
}

// InPanic reports whether the calling goroutine panics and has not
// recovered (see Panicking).
func (r *Runtime) InPanic() bool {
	g := r.current()
	return g != nil && g.panicking.Load()
}
