package gil

import (
	"errors"
	"slices"
	"sync"
)

// A Lock is a mutual exclusion lock for simulated threads, like Python's
// threading.Lock. It has nothing to do with the GIL: it is the lock a
// program needs because the GIL does not make n += 1 safe. The zero
// value is an unlocked Lock; a Lock must not be copied after first use.
//
// Unlike a sync.Mutex, a Lock is not owned: any thread may release it,
// as in Python.
type Lock struct {
	mu      sync.Mutex
	held    bool
	waiters []*Thread // oldest first; Release hands the lock to the first
}

// errReleaseUnlocked is the panic of a thread that releases an unlocked
// Lock, worded as Python's RuntimeError.
var errReleaseUnlocked = errors.New("gil: release unlocked lock")

// Acquire locks l, like lock.acquire(), in one call. If l is
// already locked, the thread releases the GIL while it waits for l, as
// CPython does, and takes the GIL back once it has l.
func (t *Thread) Acquire(l *Lock) {
	t.bytecode(opCall)
	l.mu.Lock()
	if !l.held {
		l.held = true
		l.mu.Unlock()
		return
	}
	l.waiters = append(l.waiters, t)
	l.mu.Unlock()
	t.blocking(stateLock, func() { t.waitFor(l) }, false)
}

// Release unlocks l, like lock.release(), in one call. A thread
// waiting for l gets it next. Releasing an unlocked Lock panics, which
// ends the thread as Python's RuntimeError would.
func (t *Thread) Release(l *Lock) {
	t.bytecode(opCall)
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.held {
		panic(errReleaseUnlocked)
	}
	l.handOn()
}

// handOn gives l to its oldest waiter, or unlocks it. l.mu is held.
func (l *Lock) handOn() {
	if len(l.waiters) == 0 {
		l.held = false
		return
	}
	w := l.waiters[0]
	l.waiters = l.waiters[1:]
	w.lockWake <- struct{}{} // cannot block: w waits for one lock at a time
}

// waitFor blocks until l is handed to t or the interpreter stops.
func (t *Thread) waitFor(l *Lock) {
	select {
	case <-t.lockWake:
		return
	case <-t.interp.stop:
	}
	l.mu.Lock()
	if i := slices.Index(l.waiters, t); i >= 0 {
		l.waiters = slices.Delete(l.waiters, i, i+1)
	} else {
		<-t.lockWake // l was handed over as we stopped: pass it on
		l.handOn()
	}
	l.mu.Unlock()
	panic(errStopped)
}
