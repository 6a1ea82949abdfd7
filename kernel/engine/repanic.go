package engine

import (
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/traefik/yaegi/interp"

	"goconc/kernel/cellrt"
)

// Go's report of a panic that ends the program names the panics it
// interrupted: a deferred call that recovered a panic and then panicked
// again with the same value gives "panic: v [recovered, repanicked]", and
// with another value "panic: v [recovered]" followed by "\tpanic: w". The
// interpreter keeps no such chain, so the engine keeps one per goroutine:
// a recover in a cell notes the value it took (goconc_rt.Recovered), a
// panic statement starting while that recovering function still runs
// (goconc_rt.Panicking) puts the value in the goroutine's chain, and the
// recovering function returning first forgets it (goconc_rt.RecoverDone,
// deferred by every function of the cells that calls recover). A panic
// that is not a panic statement (a nil map's assignment) reaches no
// chain. A panic statement also notes its value (goconc_rt.PanicStarts):
// one that starts while the goroutine's previous panic is still under way,
// not recovered (a deferred call panicking during a panic), puts that
// earlier value in the chain, which Go prints without "[recovered]".
type panicChains struct {
	mu sync.Mutex
	gs map[int64]*panicChain
	// records is len(gs), so that recoverDone, deferred by every
	// function that recovers, takes no lock while no goroutine has a
	// record.
	records atomic.Int64
}

// panicChain is one goroutine's record.
type panicChain struct {
	recovered []any        // values recovered by functions still running, innermost last
	chain     []chainEntry // panics a later panic interrupted, oldest first
	// pending is the value of the latest panic statement, or of a
	// run-time error under way (underWay), while it is not recovered.
	pending    any
	hasPending bool
}

// chainEntry is a panic a later one interrupted.
type chainEntry struct {
	value     any
	recovered bool
}

// goroutine returns the calling goroutine's record, made if make is set.
func (pc *panicChains) goroutine(id int64, make bool) *panicChain {
	c := pc.gs[id]
	if c == nil && make {
		if pc.gs == nil {
			pc.gs = map[int64]*panicChain{}
		}
		c = &panicChain{}
		pc.gs[id] = c
		pc.records.Store(int64(len(pc.gs)))
	}
	return c
}

// recovered notes v, a value a cell's recover returned.
func (pc *panicChains) recovered(v any) {
	if v == nil {
		return
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	c := pc.goroutine(cellrt.Goid(), true)
	// The panics a recovered one had interrupted are over.
	c.chain = nil
	c.pending, c.hasPending = nil, false
	c.recovered = append(c.recovered, v)
}

// recoverDone forgets what the returning function recovered.
func (pc *panicChains) recoverDone() {
	if pc.records.Load() == 0 {
		return
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	id := cellrt.Goid()
	c := pc.goroutine(id, false)
	if c == nil {
		return
	}
	if n := len(c.recovered); n > 0 {
		c.recovered = c.recovered[:n-1]
	}
	if len(c.recovered) == 0 && len(c.chain) == 0 && !c.hasPending {
		delete(pc.gs, id)
		pc.records.Store(int64(len(pc.gs)))
	}
}

// panicking notes that a panic starts: the values recovered by functions
// still running are now interrupted panics.
func (pc *panicChains) panicking() {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	c := pc.goroutine(cellrt.Goid(), false)
	if c == nil || len(c.recovered) == 0 {
		return
	}
	for _, v := range c.recovered {
		c.chain = append(c.chain, chainEntry{value: v, recovered: true})
	}
	c.recovered = nil
}

// panicStarts notes v, the value of a panic statement about to panic:
// a panic of the goroutine still under way is interrupted by it.
func (pc *panicChains) panicStarts(v any) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	c := pc.goroutine(cellrt.Goid(), true)
	if c.hasPending {
		// A recover would have ended it: no value was recovered since.
		c.chain = append(c.chain, chainEntry{value: c.pending})
	}
	c.pending, c.hasPending = v, true
}

// underWay notes v, the value of a panic under way as a function starts
// its deferred calls, when no panic statement noted it: a run-time
// error, which a panic of a deferred call then interrupts.
func (pc *panicChains) underWay(v any) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	c := pc.goroutine(cellrt.Goid(), true)
	if !c.hasPending {
		c.pending, c.hasPending = v, true
	}
}

// take returns and forgets the interrupted panics of goroutine id, whose
// panic with value v ended it: a panic still pending that is not v was
// interrupted by v, a run-time error no panic statement announced.
func (pc *panicChains) take(id int64, v any) []chainEntry {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	c := pc.goroutine(id, false)
	delete(pc.gs, id)
	pc.records.Store(int64(len(pc.gs)))
	if c == nil {
		return nil
	}
	if c.hasPending && otherPanic(c.pending, v) {
		return append(c.chain, chainEntry{value: c.pending})
	}
	return c.chain
}

// otherPanic reports whether a, a pending panic's value, is surely not
// the panic whose value is b: a nil value is panic(nil), which panics
// with another value. One panic's value may reach here as the statement
// gave it or as the interpreter raised it, in another type: values of
// one type are compared, where they can be, and others by their text.
func otherPanic(a, b any) (other bool) {
	if a == nil {
		return false
	}
	b = cellrt.RuntimePanic(b)
	if t := reflect.TypeOf(a); t == reflect.TypeOf(b) {
		if !t.Comparable() {
			return false
		}
		defer func() {
			if recover() != nil {
				other = false // an interface field holding a slice, say
			}
		}()
		return a != b
	}
	return cellrt.PanicText(a) != cellrt.PanicText(b)
}

// header is the first lines of the report of the panic with value v
// that ended goroutine id, as Go prints them: msg is v's text.
func (pc *panicChains) header(id int64, v any, msg string) []string {
	chain := pc.take(id, v)
	if len(chain) == 0 {
		return []string{"panic: " + msg}
	}
	var lines []string
	for _, old := range chain {
		line := "panic: " + cellrt.PanicText(old.value)
		if old.recovered {
			line += " [recovered]"
		}
		lines = append(lines, line)
	}
	if last := chain[len(chain)-1]; last.recovered && samePanic(last.value, cellrt.RuntimePanic(v)) {
		lines[len(lines)-1] = "panic: " + msg + " [recovered, repanicked]"
	} else {
		lines = append(lines, "panic: "+msg)
	}
	for i := 1; i < len(lines); i++ {
		lines[i] = "\t" + lines[i]
	}
	return lines
}

// samePanic reports whether a and b are the same value, as Go's runtime
// compares them for a repanic: values that cannot be compared are not.
func samePanic(a, b any) (same bool) {
	if a == nil || b == nil || reflect.TypeOf(a) != reflect.TypeOf(b) || !reflect.TypeOf(a).Comparable() {
		return false
	}
	defer func() {
		if recover() != nil {
			same = false // an interface field holding a slice, say
		}
	}()
	return a == b
}

// withHeader replaces the first line of tb, a traceback, with the
// report's header for the panic with value v that ended goroutine id.
func (pc *panicChains) withHeader(tb []string, id int64, v any, msg string) []string {
	if len(tb) == 0 {
		return tb
	}
	return append(pc.header(id, v, msg), tb[1:]...)
}

// exports binds goconc_rt.Panicking, which goes on to panicking,
// RecoverDone, which goes on to recoverDone, and WaitGroupDone, which is
// done with its panic noted.
func (pc *panicChains) exports(panicking, recoverDone func(), done func(*sync.WaitGroup)) interp.Exports {
	return interp.Exports{
		runtimePackage + "/rt": {
			"Panicking": reflect.ValueOf(func() {
				panicking()
				pc.panicking()
			}),
			"WaitGroupDone": reflect.ValueOf(pc.noted(done)),
			"RecoverDone": reflect.ValueOf(func() {
				recoverDone()
				pc.recoverDone()
			}),
			"PanicStarts": reflect.ValueOf(pc.panicStarts),
			"NilPanic":    reflect.ValueOf(nilPanic),
		},
	}
}

// noted returns done, wg.Done in the cells, with its panic (a negative
// counter) noted as a panic statement's is: deferred, as it mostly is,
// it may panic while an earlier panic is under way, which Go's report
// then names first.
func (pc *panicChains) noted(done func(*sync.WaitGroup)) func(*sync.WaitGroup) {
	return func(wg *sync.WaitGroup) {
		defer func() {
			if v := recover(); v != nil {
				pc.panicStarts(v)
				panic(v)
			}
		}()
		done(wg)
	}
}

// recover wraps recovered, what goconc_rt.Recovered calls, to note the
// value.
func (pc *panicChains) recover(recovered func(any) any) func(any) any {
	return func(v any) any {
		r := recovered(v)
		pc.recovered(r)
		return r
	}
}

// keepAside wraps recovered for goconc_rt.KeptAside, the recover with
// which the rewrite keeps a deferred call's panic aside to raise it again
// (nestedpanic.go): the value is noted as recovered until the keeping
// function returns, for RecoverDone, but the panics it interrupted are
// not over, and it is still the goroutine's panic under way.
func (pc *panicChains) keepAside(recovered func(any) any) func(any) any {
	return func(v any) any {
		r := recovered(v)
		if r != nil {
			pc.mu.Lock()
			c := pc.goroutine(cellrt.Goid(), true)
			c.recovered = append(c.recovered, r)
			pc.mu.Unlock()
		}
		return r
	}
}

// nilPanic is the value Go panics with for panic(nil): a
// *runtime.PanicNilError, which recover returns.
func nilPanic() any { return new(runtime.PanicNilError) }

// recovering returns the value of the panic that goroutine id recovered
// in a function that has not returned: the panic's frames are still on
// its stack. It reports false when there is none.
func (pc *panicChains) recovering(id int64) (any, bool) {
	if pc.records.Load() == 0 {
		return nil, false
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	c := pc.goroutine(id, false)
	if c == nil || len(c.recovered) == 0 {
		return nil, false
	}
	return c.recovered[len(c.recovered)-1], true
}
