package engine

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"
)

// Deadlock detection. Go's runtime reports "all goroutines are asleep"
// when every goroutine of a program is blocked; in a notebook the host's
// own goroutines never sleep, so the runtime never does. Rewritten cells
// therefore block through the runtime (channel operations, selects,
// Mutex, RWMutex, WaitGroup and Cond waits), which keeps account of who
// waits on what, where, and who holds each mutex. When a cell is running
// and every goroutine the cells started is blocked, with no timer or sleep
// that could wake one, the cell ends with a report.

// deadlock is the cause a cell ends with when its goroutines deadlock.
type deadlock struct{ report []string }

func (d deadlock) Error() string { return "all goroutines are asleep - deadlock!" }

// gstate is what the runtime knows of one goroutine the cells started.
type gstate struct {
	id      int64
	started string // where the go statement is, or "" for a cell's own
	waiting string // what it is blocked in, or ""
	where   string // where it blocked
	on      any    // the mutex it waits for, if any
}

type holder struct {
	id    int64
	where string
}

// tracker is the runtime's account of goroutines, waits and timers.
type tracker struct {
	mu       sync.Mutex
	gs       map[int64]*gstate
	holders  map[any]holder // mutex to who locked it
	timers   int            // timers, tickers and sleeps that may still wake someone
	cellRuns int            // cell functions running
}

func newTracker() *tracker {
	return &tracker{gs: map[int64]*gstate{}, holders: map[any]holder{}}
}

// goid returns the current goroutine's id, from its stack header.
func goid() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	field := bytes.Fields(buf[:n])
	if len(field) < 2 {
		return 0
	}
	id, _ := strconv.ParseInt(string(field[1]), 10, 64)
	return id
}

func (t *tracker) enter(started string) { t.enterAs(goid(), started) }

// enterAs is enter for a goroutine whose id the caller has read.
func (t *tracker) enterAs(id int64, started string) {
	t.mu.Lock()
	t.gs[id] = &gstate{id: id, started: started}
	if started == "" {
		t.cellRuns++
	}
	t.mu.Unlock()
}

func (t *tracker) exit() {
	id := goid()
	t.mu.Lock()
	if g, ok := t.gs[id]; ok {
		if g.started == "" {
			t.cellRuns--
		}
		delete(t.gs, id)
	}
	t.mu.Unlock()
}

// block records that the current goroutine waits; the returned function
// records that it no longer does.
func (t *tracker) block(what, where string, on any) func() {
	id := goid()
	t.mu.Lock()
	g, ok := t.gs[id]
	if !ok {
		// A goroutine started by compiled code (a callback): not counted.
		t.mu.Unlock()
		return func() {}
	}
	g.waiting, g.where, g.on = what, where, on
	t.mu.Unlock()
	return func() {
		t.mu.Lock()
		g.waiting, g.where, g.on = "", "", nil
		t.mu.Unlock()
	}
}

// released counts the current goroutine as ended: an interrupt woke it
// from a wait, and the interpreter will not run it further.
func (t *tracker) released() { t.exit() }

// running counts the tracked goroutines that have neither ended nor been
// released by an interrupt.
func (t *tracker) running() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.gs)
}

func (t *tracker) hold(m any, where string) {
	id := goid()
	t.mu.Lock()
	t.holders[m] = holder{id, where}
	t.mu.Unlock()
}

func (t *tracker) release(m any) {
	t.mu.Lock()
	delete(t.holders, m)
	t.mu.Unlock()
}

func (t *tracker) timer(delta int) {
	t.mu.Lock()
	t.timers += delta
	t.mu.Unlock()
}

// stuck reports, when a cell runs and every tracked goroutine is blocked
// with no timer pending, what each waits on.
func (t *tracker) stuck() ([]string, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cellRuns == 0 || t.timers > 0 || len(t.gs) == 0 {
		return nil, false
	}
	for _, g := range t.gs {
		if g.waiting == "" {
			return nil, false
		}
	}
	ids := make([]int64, 0, len(t.gs))
	for id := range t.gs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	report := []string{"fatal error: all goroutines are asleep - deadlock!", ""}
	for _, id := range ids {
		g := t.gs[id]
		report = append(report, fmt.Sprintf("goroutine %d [%s]:", g.id, g.waiting))
		line := "\t" + g.where
		if g.started == "" {
			line += " (the cell itself)"
		} else {
			line += ", started at " + g.started
		}
		report = append(report, line)
		if g.on != nil {
			if h, ok := t.holders[g.on]; ok {
				report = append(report, fmt.Sprintf("\tthe lock is held by goroutine %d, which took it at %s", h.id, h.where))
			}
		}
	}
	return report, true
}

// watch ends the running cell when its goroutines have been stuck for
// settleFor. It returns when done is closed.
func (rt *cellRuntime) watch(done <-chan struct{}) {
	const (
		every     = 50 * time.Millisecond
		settleFor = 300 * time.Millisecond
	)
	tick := time.NewTicker(every)
	defer tick.Stop()
	var since time.Time
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		report, stuck := rt.track.stuck()
		if !stuck {
			since = time.Time{}
			continue
		}
		if since.IsZero() {
			since = time.Now()
			continue
		}
		if time.Since(since) >= settleFor {
			rt.mu.Lock()
			cancel := rt.cancel
			rt.mu.Unlock()
			if cancel != nil {
				cancel(deadlock{report})
			}
			since = time.Time{}
		}
	}
}

// wait blocks until done is closed or the cell is interrupted, and
// reports which. An interrupted wait returns without panicking: a panic
// raised in compiled code does not unwind an interpreted goroutine
// safely. The interpreter, stopped by the same interrupt, runs no further
// statement of the goroutine, which is therefore counted as ended.
func (rt *cellRuntime) wait(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	case <-rt.stopChan():
		rt.track.released()
		return false
	}
}

// Send is ch <- v.
func (rt *cellRuntime) Send(ch, v any, where string) {
	c := reflect.ValueOf(ch)
	val := reflect.ValueOf(v)
	if c.IsValid() && !c.IsNil() {
		if !val.IsValid() {
			val = reflect.Zero(c.Type().Elem())
		}
		if c.TrySend(val) {
			return
		}
	}
	defer rt.track.block("chan send", where, nil)()
	rt.selectCases([]SelectCase{{Dir: 2, Chan: ch, Send: v}}, false)
}

// Recv is <-ch, with the comma-ok result.
func (rt *cellRuntime) Recv(ch any, where string) (any, bool) {
	c := reflect.ValueOf(ch)
	if c.IsValid() && !c.IsNil() {
		if v, ok := c.TryRecv(); v.IsValid() {
			return v.Interface(), ok
		}
	}
	defer rt.track.block("chan receive", where, nil)()
	_, v, ok := rt.selectCases([]SelectCase{{Dir: 1, Chan: ch}}, false)
	if v == nil && c.IsValid() {
		// A closed channel yields its element type's zero value.
		v = reflect.Zero(c.Type().Elem()).Interface()
	}
	return v, ok
}

// Recv1 is <-ch, the value only.
func (rt *cellRuntime) Recv1(ch any, where string) any {
	v, _ := rt.Recv(ch, where)
	return v
}

// Lock is m.Lock() for a sync.Mutex or sync.RWMutex.
func (rt *cellRuntime) Lock(m sync.Locker, where string) {
	if tl, ok := m.(interface{ TryLock() bool }); ok && tl.TryLock() {
		rt.track.hold(m, where)
		return
	}
	rt.blockOn(m, where, "sync.Mutex.Lock", m.Lock, m.Unlock)
	rt.track.hold(m, where)
}

// Unlock is m.Unlock().
func (rt *cellRuntime) Unlock(m sync.Locker) {
	rt.track.release(m)
	m.Unlock()
}

// RLock is rw.RLock().
func (rt *cellRuntime) RLock(rw *sync.RWMutex, where string) {
	if rw.TryRLock() {
		return
	}
	rt.blockOn(rw, where, "sync.RWMutex.RLock", rw.RLock, rw.RUnlock)
}

// blockOn runs a blocking acquire in a helper goroutine, so that the
// caller can be interrupted; an acquire that completes after the
// interrupt is undone.
func (rt *cellRuntime) blockOn(m any, where, what string, acquire, undo func()) {
	done := make(chan struct{})
	go func() {
		acquire()
		close(done)
	}()
	defer rt.track.block(what, where, m)()
	if !rt.wait(done) {
		go func() {
			<-done
			undo()
		}()
	}
}

// WaitGroupWait is wg.Wait().
func (rt *cellRuntime) WaitGroupWait(wg *sync.WaitGroup, where string) {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	defer rt.track.block("sync.WaitGroup.Wait", where, nil)()
	rt.wait(done)
}

// CondWait is c.Wait().
func (rt *cellRuntime) CondWait(c *sync.Cond, where string) {
	if c.L != nil {
		rt.track.release(c.L)
	}
	done := make(chan struct{})
	go func() {
		c.Wait()
		close(done)
	}()
	defer rt.track.block("sync.Cond.Wait", where, nil)()
	rt.wait(done)
	if c.L != nil {
		rt.track.hold(c.L, where)
	}
}

// Sleep is time.Sleep(d): it counts as a timer, and an interrupt ends it.
func (rt *cellRuntime) Sleep(d time.Duration) {
	if d <= 0 {
		return
	}
	rt.track.timer(1)
	defer rt.track.timer(-1)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-rt.stopChan():
		rt.track.released()
	}
}

// After is time.After(d), counted as a timer until it fires.
func (rt *cellRuntime) After(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	rt.track.timer(1)
	time.AfterFunc(d, func() {
		rt.track.timer(-1)
		ch <- time.Now()
	})
	return ch
}

// Timed counts a timer of duration d that the runtime cannot see fire
// (time.NewTimer, time.AfterFunc, context.WithTimeout).
func (rt *cellRuntime) Timed(d time.Duration) {
	rt.track.timer(1)
	time.AfterFunc(d, func() { rt.track.timer(-1) })
}

// Ticking counts a ticker, which may wake someone until it stops; tickers
// are not seen to stop, so a cell that made one is never reported.
func (rt *cellRuntime) Ticking() { rt.track.timer(1) }

// TimedArg counts a timer of duration d (time.NewTimer, time.AfterFunc,
// context.WithTimeout) and returns d, so that it can wrap the argument.
func (rt *cellRuntime) TimedArg(d time.Duration) time.Duration {
	rt.Timed(d)
	return d
}

// DeadlineArg counts a timer until t (context.WithDeadline) and returns t.
func (rt *cellRuntime) DeadlineArg(t time.Time) time.Time {
	rt.Timed(time.Until(t))
	return t
}

// TickingArg counts a ticker and returns its period.
func (rt *cellRuntime) TickingArg(d time.Duration) time.Duration {
	rt.Ticking()
	return d
}
