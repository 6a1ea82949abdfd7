package engine

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"sync"
	"time"

	"github.com/traefik/yaegi/interp"
)

// cellRuntime is the compiled support that rewritten cells call: a select
// that is safe when many goroutines run the same statement, and the
// handling of a panic in a goroutine a cell started. One exists per
// Session; cells reach it as the package goconc_rt.
type cellRuntime struct {
	stderr  io.Writer
	track   *tracker // cell functions and goroutines running, and what they wait on
	owners  *owners  // which cell each goroutine belongs to, for its output
	mu      sync.Mutex
	cancel  context.CancelCauseFunc // ends the running cell
	stopped chan struct{}           // closed when the running cell is interrupted
}

const (
	runtimePackage = "goconc/kernel/engine/rt"
	runtimeName    = "goconc_rt"
)

// SelectCase is one case of a rewritten select statement.
type SelectCase struct {
	Dir  int // 1 receive, 2 send
	Chan any
	Send any
}

// goroutinePanic is the cause a cell ends with when a goroutine panics.
type goroutinePanic struct{ value any }

func (g goroutinePanic) Error() string { return fmt.Sprint(g.value) }

// startCell makes ctx the running cell's context and returns one that a
// goroutine's panic cancels too.
//
// Every goroutine blocked in the runtime, whichever cell started it, waits
// on one channel that an interrupt closes; a new one replaces it then.
func (rt *cellRuntime) startCell(ctx context.Context, cell uint64) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	rt.mu.Lock()
	rt.cancel = cancel
	if rt.stopped == nil {
		rt.stopped = make(chan struct{})
	}
	stopped := rt.stopped
	rt.mu.Unlock()
	stop := context.AfterFunc(ctx, func() {
		rt.mu.Lock()
		if rt.stopped == stopped {
			rt.stopped = nil
		}
		rt.mu.Unlock()
		close(stopped)
	})
	rt.owners.begin(cell)
	return ctx, func() {
		stop()
		cancel(nil)
		rt.owners.end()
	}
}

// Select runs a select statement's cases with reflect.Select, on cases
// built afresh for each execution, and returns the chosen case (-1 for
// default), the value received and whether it came from a send.
func (rt *cellRuntime) Select(cases []SelectCase, hasDefault bool, where string) (int, any, bool) {
	if !hasDefault {
		defer rt.track.block("select", where, nil)()
	}
	return rt.selectCases(cases, hasDefault)
}

func (rt *cellRuntime) selectCases(cases []SelectCase, hasDefault bool) (int, any, bool) {
	rc := make([]reflect.SelectCase, 0, len(cases)+1)
	for _, c := range cases {
		ch := reflect.ValueOf(c.Chan)
		if c.Dir == 2 {
			send := reflect.ValueOf(c.Send)
			if ch.IsValid() {
				if !send.IsValid() {
					send = reflect.Zero(ch.Type().Elem())
				} else if send.Type() != ch.Type().Elem() && send.Type().ConvertibleTo(ch.Type().Elem()) {
					send = send.Convert(ch.Type().Elem())
				}
			}
			rc = append(rc, reflect.SelectCase{Dir: reflect.SelectSend, Chan: ch, Send: send})
			continue
		}
		rc = append(rc, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: ch})
	}
	if hasDefault {
		rc = append(rc, reflect.SelectCase{Dir: reflect.SelectDefault})
	} else {
		rc = append(rc, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(rt.stopChan())})
	}
	i, v, ok := reflect.Select(rc)
	switch {
	case i == len(cases) && hasDefault:
		return -1, nil, false
	case i == len(cases):
		// Interrupted: no case ran; the interpreter runs no further
		// statement (see wait).
		rt.track.released()
		return -2, nil, false
	}
	var x any
	if v.IsValid() && v.CanInterface() {
		x = v.Interface()
	}
	return i, x, ok
}

// stopChan is the channel an interrupt closes.
func (rt *cellRuntime) stopChan() chan struct{} {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	if rt.stopped == nil {
		rt.stopped = make(chan struct{})
	}
	return rt.stopped
}

// GoroutinePanic ends the running cell with the panic of a goroutine it
// (or an earlier cell) started. In a compiled program the panic would end
// the program; in a notebook it ends the cell and keeps the state.
func (rt *cellRuntime) GoroutinePanic(v any) {
	rt.mu.Lock()
	cancel := rt.cancel
	rt.mu.Unlock()
	if cancel != nil {
		cancel(goroutinePanic{v})
	}
}

// Enter and Exit bracket the run of a cell's statements (started is "")
// and of every goroutine a cell starts (started says where).
func (rt *cellRuntime) Enter(started string) {
	// One stack trace gives the goroutine's id and, when it matters,
	// the id of the goroutine that started it.
	id, parent := rt.owners.goroutine(rt.owners.enabled && started != "")
	rt.track.enterAs(id, started)
	rt.owners.enter(id, parent, started)
}

func (rt *cellRuntime) Exit() { rt.track.exit() }

// settle waits up to d for every cell function and goroutine to end and
// returns how many are still running. After an interrupt, the interpreter
// stops its goroutines at their next step, but not those blocked in
// compiled code (a Mutex.Lock, a WaitGroup.Wait, a long Sleep).
func (rt *cellRuntime) settle(d time.Duration) int {
	deadline := time.Now().Add(d)
	for {
		n := rt.track.running()
		if n <= 0 || time.Now().After(deadline) {
			return n
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (rt *cellRuntime) exports() interp.Exports {
	return interp.Exports{
		runtimePackage + "/rt": {
			"Select":         reflect.ValueOf(rt.Select),
			"GoroutinePanic": reflect.ValueOf(rt.GoroutinePanic),
			"Recovered":      reflect.ValueOf(runtimePanic),
			"BoundsError":    reflect.ValueOf(boundsError),
			"AssertionError": reflect.ValueOf(assertionError),
			"HasMethods":     reflect.ValueOf(hasMethods),
			"RuntimeError":   reflect.ValueOf((*runtimeError)(nil)),
			"Enter":          reflect.ValueOf(rt.Enter),
			"Exit":           reflect.ValueOf(rt.Exit),
			"Send":           reflect.ValueOf(rt.Send),
			"Recv":           reflect.ValueOf(rt.Recv),
			"Recv1":          reflect.ValueOf(rt.Recv1),
			"Lock":           reflect.ValueOf(rt.Lock),
			"Unlock":         reflect.ValueOf(rt.Unlock),
			"RLock":          reflect.ValueOf(rt.RLock),
			"WaitGroupWait":  reflect.ValueOf(rt.WaitGroupWait),
			"CondWait":       reflect.ValueOf(rt.CondWait),
			"Sleep":          reflect.ValueOf(rt.Sleep),
			"After":          reflect.ValueOf(rt.After),
			"TimedArg":       reflect.ValueOf(rt.TimedArg),
			"DeadlineArg":    reflect.ValueOf(rt.DeadlineArg),
			"TickingArg":     reflect.ValueOf(rt.TickingArg),
			"SelectCase":     reflect.ValueOf((*SelectCase)(nil)),
			"Concrete":       reflect.ValueOf(Concrete),
			"TypeName":       reflect.ValueOf(typeName),
			"ErrorsIs":       reflect.ValueOf(ErrorsIs),
			"ErrorsUnwrap":   reflect.ValueOf(ErrorsUnwrap),
			"ErrorsEqual":    reflect.ValueOf(ErrorsEqual),
			"NilError":       reflect.ValueOf(NilError),
			"ErrorChain":     reflect.ValueOf(ErrorChain),
			"ErrorAs":        reflect.ValueOf(ErrorAs),
		},
	}
}
