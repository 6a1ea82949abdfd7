package cellrt

import (
	"context"
	"os"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
	"weak"
)

// The blocking operations. Each first tries to complete without blocking
// (TrySend, TryRecv, TryLock, a select with a default case), which needs
// no bookkeeping; only an operation that must wait records that it does,
// so that the watcher can see a deadlock, and waits on the stopper too, so
// that a stop wakes it, and then parks it.

// SelectCase is one case of a rewritten select statement.
type SelectCase struct {
	Dir  int // 1 receive, 2 send
	Chan any
	Send any
	// Ptr is set for a channel of interfaces: Send then points to the
	// value to send, and a receive yields a pointer to the value received
	// (see SendPtr and RecvPtr).
	Ptr bool
}

// Send is ch <- v.
func (r *Runtime) Send(ch, v any, where string) {
	c := reflect.ValueOf(ch)
	val := reflect.ValueOf(v)
	if c.IsValid() && !val.IsValid() {
		val = reflect.Zero(c.Type().Elem())
	}
	r.send(c, val, where)
}

// SendPtr is ch <- *p, for a channel of interfaces. A value passed as an
// any loses the interface type it was converted to, which the
// interpreter may need to wrap it in (a cell's type as an error) or may
// represent in its own way (a cell's interface types): *p has the
// channel's element type exactly.
func (r *Runtime) SendPtr(ch, p any, where string) {
	r.send(reflect.ValueOf(ch), reflect.ValueOf(p).Elem(), where)
}

func (r *Runtime) send(c, val reflect.Value, where string) {
	r.halt()
	what := "chan send (nil chan)"
	if c.IsValid() && !c.IsNil() {
		if c.TrySend(val) {
			return
		}
		what = "chan send"
	}
	r.await(what, where, nil, reflect.SelectCase{Dir: reflect.SelectSend, Chan: c, Send: val})
}

// Recv is <-ch, with the comma-ok result.
func (r *Runtime) Recv(ch any, where string) (any, bool) {
	v, ok := r.recv(reflect.ValueOf(ch), where)
	return value(v), ok
}

// Recv1 is <-ch, the value only.
func (r *Runtime) Recv1(ch any, where string) any {
	v, _ := r.Recv(ch, where)
	return v
}

// RecvPtr is <-ch for a channel of interfaces, with the comma-ok result:
// it returns a pointer to the value received, which has the channel's
// element type exactly (see SendPtr).
func (r *Runtime) RecvPtr(ch any, where string) (any, bool) {
	c := reflect.ValueOf(ch)
	v, ok := r.recv(c, where)
	return pointerTo(c, v), ok
}

// RecvPtr1 is RecvPtr, the value only.
func (r *Runtime) RecvPtr1(ch any, where string) any {
	p, _ := r.RecvPtr(ch, where)
	return p
}

// pointerTo returns a pointer to a new value of c's element type holding
// v, as an any.
func pointerTo(c, v reflect.Value) any {
	if !c.IsValid() {
		return nil
	}
	p := reflect.New(c.Type().Elem())
	if v.IsValid() {
		p.Elem().Set(v)
	}
	return p.Interface()
}

// Deref sets *dst to *src, where src is what RecvPtr returned (a pointer
// to the value received, as an any): generic code receives from a
// channel of a type parameter's values through it, since the interpreter
// mistakes the type *T for T in some instantiations.
func Deref(dst, src any) {
	d := reflect.ValueOf(dst).Elem()
	if s := reflect.ValueOf(src); s.IsValid() && !s.IsNil() {
		d.Set(s.Elem())
		return
	}
	d.SetZero()
}

func (r *Runtime) recv(c reflect.Value, where string) (reflect.Value, bool) {
	r.halt()
	what := "chan receive (nil chan)"
	if c.IsValid() && !c.IsNil() {
		if v, ok := c.TryRecv(); v.IsValid() {
			r.woke()
			return v, ok
		}
		what = "chan receive"
	}
	_, v, ok := r.await(what, where, nil, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: c})
	return v, ok
}

// Select runs a select statement's cases with reflect.Select, on cases
// built afresh for each execution, and returns the chosen case (-1 for
// default), the value received and whether it came from a send.
func (r *Runtime) Select(cases []SelectCase, hasDefault bool, where string) (int, any, bool) {
	r.halt()
	rc := make([]reflect.SelectCase, 0, len(cases)+1)
	for _, c := range cases {
		ch := reflect.ValueOf(c.Chan)
		if c.Dir == 2 {
			send := reflect.ValueOf(c.Send)
			if c.Ptr {
				send = send.Elem()
			} else if ch.IsValid() {
				elem := ch.Type().Elem()
				if !send.IsValid() {
					send = reflect.Zero(elem)
				} else if send.Type() != elem && send.Type().ConvertibleTo(elem) {
					send = send.Convert(elem)
				}
			}
			rc = append(rc, reflect.SelectCase{Dir: reflect.SelectSend, Chan: ch, Send: send})
			continue
		}
		rc = append(rc, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: ch})
	}
	chosen := func(i int, v reflect.Value, ok bool) (int, any, bool) {
		if cases[i].Ptr && cases[i].Dir == 1 {
			return i, pointerTo(rc[i].Chan, v), ok
		}
		return i, value(v), ok
	}
	if len(rc) > 0 {
		i, v, ok := reflect.Select(append(rc, reflect.SelectCase{Dir: reflect.SelectDefault}))
		if i < len(cases) {
			r.woke()
			return chosen(i, v, ok)
		}
	}
	if hasDefault {
		return -1, nil, false
	}
	what := "select"
	if len(cases) == 0 {
		what = "select (no cases)"
	}
	i, v, ok := r.await(what, where, nil, rc...)
	return chosen(i, v, ok)
}

// await blocks in cases, and in the stopper, recording what the calling
// goroutine waits for.
func (r *Runtime) await(what, where string, on any, cases ...reflect.SelectCase) (int, reflect.Value, bool) {
	st := r.stopper.Load()
	cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(st.ch)})
	g := r.block(what, where, on)
	i, v, ok := reflect.Select(cases)
	if i == len(cases)-1 || st.closed.Load() {
		// Stopped, or woken as the stop came: either way no further
		// statement of the cell runs.
		r.park(g)
	}
	r.unblock(g)
	r.woke()
	return i, v, ok
}

// value returns what a receive yielded: its element type's zero value
// for a closed channel.
func value(v reflect.Value) any {
	if v.IsValid() && v.CanInterface() {
		return v.Interface()
	}
	return nil
}

// Lock is m.Lock() for a sync.Locker: a *sync.Mutex, a *sync.RWMutex, the
// Locker of an RWMutex's RLocker, or another type, whose own Lock is
// called (a cell's type's Lock goes through the runtime itself).
func (r *Runtime) Lock(m sync.Locker, where string) {
	switch m := m.(type) {
	case *sync.Mutex:
		r.LockMutex(m, where)
	case *sync.RWMutex:
		r.LockRW(m, where)
	case *rlocker:
		r.RLock(m.rw, where)
	default:
		r.halt()
		m.Lock()
	}
}

// LockMutex is Lock for a *sync.Mutex, and LockRW for a *sync.RWMutex:
// called from interpreted code through reflection, a parameter of
// interface type costs an allocation and a method-set check per call,
// more than the rest of an uncontended Lock.
func (r *Runtime) LockMutex(m *sync.Mutex, where string) {
	r.halt()
	if m.TryLock() {
		r.holders.set(unsafe.Pointer(m), Goid(), where)
		r.woke()
		return
	}
	r.lockSlow(m, tryLock, unsafe.Pointer(m), where, "sync.Mutex.Lock")
}

// LockRW is rw.Lock() (see LockMutex).
func (r *Runtime) LockRW(rw *sync.RWMutex, where string) {
	r.halt()
	if rw.TryLock() {
		r.holders.set(unsafe.Pointer(rw), Goid(), where)
		r.woke()
		return
	}
	r.lockSlow(rw, tryLock, unsafe.Pointer(rw), where, "sync.RWMutex.Lock")
}

// lockSlow takes m, which try failed to take at once.
func (r *Runtime) lockSlow(m sync.Locker, try func(sync.Locker) bool, key unsafe.Pointer, where, what string) {
	// Whoever holds the lock most likely holds it for a few statements:
	// letting it run is cheaper than a helper goroutine.
	for range lockYields {
		runtime.Gosched()
		if try(m) {
			r.holders.set(key, Goid(), where)
			r.woke()
			return
		}
	}
	r.blockOn(m, where, what, m.Lock, m.Unlock)
	r.holders.set(key, Goid(), where)
}

// lockYields is how often Lock lets other goroutines run before it
// blocks.
const lockYields = 4

func tryLock(m sync.Locker) bool {
	switch m := m.(type) {
	case *sync.Mutex:
		return m.TryLock()
	case *sync.RWMutex:
		return m.TryLock()
	case interface{ TryLock() bool }:
		return m.TryLock()
	}
	return false
}

// Unlock is m.Unlock() for a sync.Locker (see Lock).
func (r *Runtime) Unlock(m sync.Locker) {
	switch m := m.(type) {
	case *sync.Mutex:
		r.UnlockMutex(m)
	case *sync.RWMutex:
		r.UnlockRW(m)
	case *rlocker:
		r.RUnlock(m.rw)
	default:
		r.beforeRelease()
		m.Unlock()
	}
}

// beforeRelease calls the noise hook before an operation that wakes
// others (an Unlock, a Done, a Signal): a goroutine paused there still
// holds what it is about to give up, which is when a program that uses a
// shared value outside the lock, or a TryLock that gives up, shows it.
func (r *Runtime) beforeRelease() {
	if r.noise != nil {
		r.noise()
	}
}

// UnlockMutex is Unlock for a *sync.Mutex (see LockMutex). It leaves the
// record of who holds m: a Mutex has one holder at a time, and every Lock
// of it in the cells (LockMutex, TryLockMutex, Cond's relock in CondWait)
// records the next one, so the record is only read, for a deadlock
// report, of a Mutex someone waits for, which is held, by the goroutine
// that took it last. Leaving it saves Unlock a lock of the runtime's,
// the most frequent operation of locked code.
func (r *Runtime) UnlockMutex(m *sync.Mutex) {
	r.beforeRelease()
	m.Unlock()
}

// TryLockMutex is m.TryLock(), recording the holder as LockMutex does.
func (r *Runtime) TryLockMutex(m *sync.Mutex, where string) bool {
	if !m.TryLock() {
		return false
	}
	r.holders.set(unsafe.Pointer(m), Goid(), where)
	return true
}

// TryLockRW is rw.TryLock(), recording the holder as LockRW does.
func (r *Runtime) TryLockRW(rw *sync.RWMutex, where string) bool {
	if !rw.TryLock() {
		return false
	}
	r.holders.set(unsafe.Pointer(rw), Goid(), where)
	return true
}

// TryRLock is rw.TryRLock(), recording the reader as RLock does.
func (r *Runtime) TryRLock(rw *sync.RWMutex, where string) bool {
	if !rw.TryRLock() {
		return false
	}
	r.holders.addReader(unsafe.Pointer(rw), Goid(), where)
	return true
}

// UnlockRW is Unlock for a *sync.RWMutex (see LockMutex).
func (r *Runtime) UnlockRW(rw *sync.RWMutex) {
	r.beforeRelease()
	r.holders.clear(unsafe.Pointer(rw))
	rw.Unlock()
}

// RLock is rw.RLock().
func (r *Runtime) RLock(rw *sync.RWMutex, where string) {
	r.halt()
	if !rw.TryRLock() {
		r.blockOn(rw, where, "sync.RWMutex.RLock", rw.RLock, rw.RUnlock)
	}
	r.holders.addReader(unsafe.Pointer(rw), Goid(), where)
}

// RUnlock is rw.RUnlock().
func (r *Runtime) RUnlock(rw *sync.RWMutex) {
	r.beforeRelease()
	r.holders.dropReader(unsafe.Pointer(rw), Goid())
	rw.RUnlock()
}

// RLocker is rw.RLocker(), called at where: a Locker whose Lock and
// Unlock are rw's RLock and RUnlock, through the runtime.
func (r *Runtime) RLocker(rw *sync.RWMutex, where string) sync.Locker {
	return &rlocker{r: r, rw: rw, where: where}
}

// rlocker is the Locker RLocker returns. The cells' calls of its methods
// through a sync.Locker go to the runtime's Lock and Unlock, which know
// where they are; its own methods serve the rest: method values a cell
// takes (the runtime's RLock, at the RLocker call), and compiled code on
// goroutines the cells did not start, sync.Cond's Wait on CondWait's
// helper above all, which take the read lock directly and leave the
// accounting to CondWait.
type rlocker struct {
	r     *Runtime
	rw    *sync.RWMutex
	where string
}

func (l *rlocker) Lock() {
	if l.r.current() == nil {
		l.rw.RLock()
		return
	}
	l.r.RLock(l.rw, l.where)
}

func (l *rlocker) Unlock() {
	if l.r.current() == nil {
		l.rw.RUnlock()
		return
	}
	l.r.RUnlock(l.rw)
}

// blockOn runs a blocking acquire in a helper goroutine, so that the
// caller can be stopped; an acquire that completes after the stop is
// undone.
//
// A panic of acquire (sync.WaitGroup.Wait's "WaitGroup is reused before
// previous Wait has returned") is the caller's, as it is in Go: the
// helper goroutine hands it over rather than end the process.
func (r *Runtime) blockOn(m any, where, what string, acquire, undo func()) {
	recovered := r.recovered.Load()
	done := make(chan struct{})
	var failed any // acquire's panic, read once done is closed
	go func() {
		defer close(done)
		defer func() { failed = recover() }()
		acquire()
	}()
	st := r.stopper.Load()
	g := r.block(what, where, m)
	select {
	case <-done:
		if !st.closed.Load() {
			r.unblock(g)
			r.woke()
			if failed == nil && waitGroupBroken(m) {
				// The Done that let this Wait out was a panicking
				// goroutine's deferred call, and a later one took the
				// counter below zero while this goroutine had yet to
				// run. In Go, that goroutine runs straight on to its
				// second Done, and the woken Wait finds the counter
				// changed; here the wake may win on a busy machine.
				failed = errWaitGroupReused
			}
			if failed != nil {
				r.brokenBy(m, st, recovered)
				panic(failed)
			}
			return
		}
		undo()
		r.park(g)
	case <-st.ch:
		go func() {
			<-done
			undo()
		}()
		r.park(g)
	}
}

// errWaitGroupReused is sync.WaitGroup.Wait's panic when the counter
// has changed between its wake and its return.
const errWaitGroupReused = "sync: WaitGroup is reused before previous Wait has returned"

// waitGroupBroken reports whether m is a WaitGroup whose counter a Done
// took below zero.
func waitGroupBroken(m any) bool {
	wg, ok := m.(*sync.WaitGroup)
	return ok && waitGroupLayout() && waitGroupCounter(wg) < 0
}

// brokenBy waits, when m is a WaitGroup whose Wait failed because a Done
// took its counter below zero, until the panic of that Done ends the cell
// or a recover in the cells ends a panic (recovered, read before the wait
// began, is closed). In Go the goroutine of that Done runs on and
// panics first, and its panic is the one reported, however long its
// deferred calls take.
func (r *Runtime) brokenBy(m any, st, recovered *stopper) {
	if !waitGroupBroken(m) {
		return
	}
	select {
	case <-st.ch:
	case <-recovered.ch:
	}
	r.halt()
}

// WaitGroupWait is wg.Wait().
func (r *Runtime) WaitGroupWait(wg *sync.WaitGroup, where string) {
	r.halt()
	r.blockOn(wg, where, "sync.WaitGroup.Wait", wg.Wait, func() {})
}

// WaitGroupDone is wg.Done().
func (r *Runtime) WaitGroupDone(wg *sync.WaitGroup) {
	r.beforeRelease()
	wg.Done()
	if r.afterDone != nil && waitGroupIdle(wg) {
		r.waitersOut(wg)
		r.afterDone()
	}
}

// waitersOutBound bounds how long waitersOut waits.
const waitersOutBound = time.Second

// waitersOut waits until no goroutine the runtime counts is still blocked
// in wg.Wait, or waitersOutBound has passed: the head start AfterDone
// gives the goroutines a Done lets out of Wait counts from when they
// run, not from when they were woken, which on a busy machine may be
// much later.
func (r *Runtime) waitersOut(wg *sync.WaitGroup) {
	deadline := time.Now().Add(waitersOutBound)
	for r.waitsOn(wg) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Microsecond)
	}
}

// waitsOn reports whether a goroutine the runtime counts is blocked on m.
func (r *Runtime) waitsOn(m any) bool {
	found := false
	r.gs.Range(func(_, v any) bool {
		if w := v.(*goroutine).wait.Load(); w != nil && w.on == m {
			found = true
		}
		return !found
	})
	return found
}

// waitGroupIdle reports whether wg's counter is zero. sync.WaitGroup does
// not tell: its counter is read where this Go release keeps it, the high
// half of its first word, which waitGroupLayout checks once; where the
// check fails, every WaitGroup counts as idle.
func waitGroupIdle(wg *sync.WaitGroup) bool {
	return !waitGroupLayout() || waitGroupCounter(wg) == 0
}

func waitGroupCounter(wg *sync.WaitGroup) int32 {
	return int32((*atomic.Uint64)(unsafe.Pointer(wg)).Load() >> 32)
}

var waitGroupLayout = sync.OnceValue(func() bool {
	var wg sync.WaitGroup
	wg.Add(3)
	three := waitGroupCounter(&wg)
	wg.Done()
	two := waitGroupCounter(&wg)
	wg.Add(-2)
	return three == 3 && two == 2 && waitGroupCounter(&wg) == 0
})

// CondSignal is c.Signal().
func (r *Runtime) CondSignal(c *sync.Cond) {
	r.beforeRelease()
	c.Signal()
}

// CondBroadcast is c.Broadcast().
func (r *Runtime) CondBroadcast(c *sync.Cond) {
	r.beforeRelease()
	c.Broadcast()
}

// CondWait is c.Wait().
func (r *Runtime) CondWait(c *sync.Cond, where string) {
	r.halt()
	if l, ok := c.L.(*rlocker); ok {
		key := unsafe.Pointer(l.rw)
		r.holders.dropReader(key, Goid())
		r.blockOn(c, where, "sync.Cond.Wait", c.Wait, l.rw.RUnlock)
		r.holders.addReader(key, Goid(), where)
		return
	}
	if c.L != nil {
		r.holders.clear(lockKey(c.L))
	}
	undo := func() {}
	if c.L != nil {
		undo = c.L.Unlock
	}
	// The helper waits in the caller's place: Cond.Wait unlocks c.L,
	// waits and locks it again, none of which cares which goroutine
	// does it.
	r.blockOn(c, where, "sync.Cond.Wait", c.Wait, undo)
	if c.L != nil {
		r.holders.set(lockKey(c.L), Goid(), where)
	}
}

// Sleep is time.Sleep(d): it counts as a timer, and a stop ends it.
func (r *Runtime) Sleep(d time.Duration) {
	r.halt()
	if d <= 0 {
		runtime.Gosched()
		return
	}
	r.timers.Add(1)
	t := time.NewTimer(d)
	defer t.Stop()
	st := r.stopper.Load()
	select {
	case <-t.C:
		r.timers.Add(-1)
		r.halt()
	case <-st.ch:
		r.timers.Add(-1)
		r.park(nil)
	}
}

// After is time.After(d), counted as a timer until it fires.
func (r *Runtime) After(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	r.timers.Add(1)
	time.AfterFunc(d, func() {
		ch <- time.Now()
		r.timers.Add(-1)
		r.epoch.Add(1)
	})
	return ch
}

// Timed counts a timer of duration d that the runtime cannot see fire
// (time.NewTimer, time.AfterFunc, context.WithTimeout).
func (r *Runtime) Timed(d time.Duration) {
	r.timers.Add(1)
	time.AfterFunc(d, func() {
		r.timers.Add(-1)
		r.epoch.Add(1)
	})
}

// Ticking counts a ticker, which may wake someone until it stops; tickers
// are not seen to stop, so a session that made one is never reported as
// deadlocked.
func (r *Runtime) Ticking() { r.timers.Add(1) }

// TimedArg counts a timer of duration d (time.NewTimer, time.AfterFunc,
// context.WithTimeout) and returns d, so that it can wrap the argument.
func (r *Runtime) TimedArg(d time.Duration) time.Duration {
	r.Timed(d)
	return d
}

// DeadlineArg counts a timer until t (context.WithDeadline) and returns t.
func (r *Runtime) DeadlineArg(t time.Time) time.Time {
	r.Timed(time.Until(t))
	return t
}

// TickingArg counts a ticker and returns its period.
func (r *Runtime) TickingArg(d time.Duration) time.Duration {
	r.Ticking()
	return d
}

// SignalsArg counts the channel of a signal.Notify and returns it. A
// signal may come at any time, so a session that has asked for one is
// never reported as deadlocked, as Go never reports a program that has
// called signal.Notify, even after signal.Stop.
func (r *Runtime) SignalsArg(c chan<- os.Signal) chan<- os.Signal {
	r.Ticking()
	return c
}

// SignalsContextArg is SignalsArg for signal.NotifyContext: it counts the
// signals asked for and returns the parent context.
func (r *Runtime) SignalsContextArg(ctx context.Context) context.Context {
	r.Ticking()
	return ctx
}

// holders records who holds each mutex locked through the runtime, for
// deadlock reports. A record is found by the mutex's address (a key that
// neither keeps the mutex alive nor costs an interface hash) and holds a
// weak pointer to the mutex, so that a record whose mutex is gone is
// never taken for that of a new variable the allocator put at the same
// address: a later cell's WaitGroup, say, which would have been reported
// as held by the goroutine that last locked the dead mutex. The records
// are sharded by address so that goroutines locking different mutexes do
// not meet on one lock; those locking the same one meet on it only while
// they hold the mutex itself.
type holders struct {
	shards [64]holderShard
}

type holderShard struct {
	mu      sync.Mutex
	m       map[uintptr]holder
	readers map[uintptr][]holder // of an RWMutex, one entry per RLock
	_       [32]byte             // keeps shards on separate cache lines
}

type holder struct {
	id    int64
	where string
	lock  weak.Pointer[byte] // the lock the record is of
}

// of reports whether h is a record of the lock at p: the lock it was made
// for is still alive, and is p.
func (h holder) of(p unsafe.Pointer) bool { return unsafe.Pointer(h.lock.Value()) == p }

// lockKey returns the address of the lock m, the key of its records in
// holders, or nil.
func lockKey(m any) unsafe.Pointer {
	switch m := m.(type) {
	case *sync.Mutex:
		return unsafe.Pointer(m)
	case *sync.RWMutex:
		return unsafe.Pointer(m)
	}
	if v := reflect.ValueOf(m); v.Kind() == reflect.Pointer {
		return v.UnsafePointer()
	}
	return nil
}

func (h *holders) shard(key uintptr) *holderShard {
	return &h.shards[(key>>3)%uintptr(len(h.shards))]
}

// maxHolders bounds the records of a shard: a Mutex's record outlives
// its Unlock (see UnlockMutex), so a program that locks many mutexes once
// each would fill it. A full shard is emptied; a lock held then is
// reported without its holder until it is taken again.
const maxHolders = 1 << 12

// weakTo returns a weak pointer to the lock at p, reusing old's when old
// is a record of that lock: making one costs more than checking one.
func weakTo(p unsafe.Pointer, old holder, ok bool) weak.Pointer[byte] {
	if ok && old.of(p) {
		return old.lock
	}
	return weak.Make((*byte)(p))
}

func (h *holders) set(p unsafe.Pointer, id int64, where string) {
	key := uintptr(p)
	s := h.shard(key)
	s.mu.Lock()
	if s.m == nil {
		s.m = map[uintptr]holder{}
	}
	old, ok := s.m[key]
	switch {
	case ok && old.id == id && old.where == where && old.of(p):
		// The same goroutine locking the same mutex at the same place,
		// as a loop does: the record stands.
	case !ok && len(s.m) >= maxHolders:
		clear(s.m)
		fallthrough
	default:
		s.m[key] = holder{id, where, weakTo(p, old, ok)}
	}
	s.mu.Unlock()
}

func (h *holders) clear(p unsafe.Pointer) {
	key := uintptr(p)
	s := h.shard(key)
	s.mu.Lock()
	delete(s.m, key)
	s.mu.Unlock()
}

// get returns the record of who holds the lock at p.
func (h *holders) get(p unsafe.Pointer) (holder, bool) {
	if p == nil {
		return holder{}, false
	}
	key := uintptr(p)
	s := h.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	hd, ok := s.m[key]
	return hd, ok && hd.of(p)
}

// addReader records that goroutine id took a read lock of the RWMutex at
// p, at where. Records of a dead lock at the same address are dropped.
func (h *holders) addReader(p unsafe.Pointer, id int64, where string) {
	key := uintptr(p)
	s := h.shard(key)
	s.mu.Lock()
	if s.readers == nil {
		s.readers = map[uintptr][]holder{}
	}
	rs := s.readers[key]
	if len(rs) > 0 && !rs[0].of(p) {
		rs = nil
	}
	var old holder
	if len(rs) > 0 {
		old = rs[0]
	}
	s.readers[key] = append(rs, holder{id, where, weakTo(p, old, len(rs) > 0)})
	s.mu.Unlock()
}

// dropReader forgets a read lock of the RWMutex at p: goroutine id's
// latest, or, since any goroutine may release a read lock, the oldest.
func (h *holders) dropReader(p unsafe.Pointer, id int64) {
	key := uintptr(p)
	s := h.shard(key)
	s.mu.Lock()
	rs := s.readers[key]
	if len(rs) > 0 {
		i := 0
		for j := len(rs) - 1; j >= 0; j-- {
			if rs[j].id == id {
				i = j
				break
			}
		}
		rs = append(rs[:i], rs[i+1:]...)
		if len(rs) == 0 {
			delete(s.readers, key)
		} else {
			s.readers[key] = rs
		}
	}
	s.mu.Unlock()
}

// readers returns the read locks held of the RWMutex at p.
func (h *holders) readers(p unsafe.Pointer) []holder {
	key := uintptr(p)
	s := h.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	var rs []holder
	for _, r := range s.readers[key] {
		if r.of(p) {
			rs = append(rs, r)
		}
	}
	return rs
}
