//go:build ignore

// This file is added to yaegi's interp package by the overlay that
// yaegipatch writes (the build constraint above is removed there). It
// runs a frame's deferred calls for runCfg, which reports a frame that a
// panic leaves ("12:3: panic: main.f(...)") only after all its deferred
// calls have run: when one of them panics, the report never comes, and a
// trace misses the function that deferred the call. Here that report is
// made as the deferred call's panic leaves, marked so that a reader can
// tell it from the ordinary one. A function that runs its deferred calls
// while a panic is under way says so first, so that a reader can tell
// the frames of that panic from those of one its deferred calls raise,
// and hands the panic's value to a standard error that wants it. A
// deferred call that calls runtime.Goexit no longer stops the others.

package interp

import (
	"fmt"
	"reflect"
	"sync"
)

// panicUnderWayWriter is a standard error that wants the value of a
// panic under way when a function starts its deferred calls: Go's report
// of a panic a deferred call raises names the panic it interrupted, a
// run-time error included, which no panic statement announced.
type panicUnderWayWriter interface {
	PanicUnderWay(v any)
}

// goconcRunDeferred runs f's deferred calls, as runCfg's loop did; n is
// the function's node, for the report's position and name.
func goconcRunDeferred(n *node, f *frame) {
	if len(f.deferred) == 0 {
		return
	}
	if f.recovered != nil {
		if w, ok := n.interp.stderr.(panicUnderWayWriter); ok {
			w.PanicUnderWay(f.recovered)
		}
		fmt.Fprintln(n.interp.stderr, n.cfgErrorf("panic: %s(...) [deferring]", panicFunc(n.scope)))
	}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintln(n.interp.stderr, n.cfgErrorf("panic: %s(...) [deferred call panicked]", panicFunc(n.scope)))
			panic(r)
		}
	}()
	goconcCallDeferred(f.deferred, sync.OnceFunc(f.mutex.Unlock))
}

// goconcCallDeferred makes a frame's deferred calls, in order. When one
// of them ends the goroutine by runtime.Goexit, Go still makes the calls
// after it; the loop alone would drop them. Those calls are then made
// from a deferred function, and the frame, which runCfg locked for its
// deferred calls and will not reach its unlock, is unlocked first, once
// (unlock), however many of the calls end the same way.
func goconcCallDeferred(calls [][]reflect.Value, unlock func()) {
	next, returned := 0, false
	defer func() {
		if returned {
			return
		}
		if r := recover(); r != nil {
			panic(r) // a panic, which runCfg reports and raises again
		}
		unlock()
		goconcCallDeferred(calls[next:], unlock)
	}()
	for next < len(calls) {
		call := calls[next]
		next++
		call[0].Call(call[1:])
	}
	returned = true
}
