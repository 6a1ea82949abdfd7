package executor

import (
	"context"
	"sync"
)

// Future is the result of a submitted task, available once the task has
// finished. Its methods may be called from any goroutine. Futures are
// pointers and so can be map keys, which is how a caller remembers what
// each one was for.
type Future struct {
	arg  any
	done chan struct{} // closed when the result is set

	mu    sync.Mutex
	state futureState
	value any
	err   error
}

type futureState int

const (
	pending   futureState = iota // queued, not started
	running                      // the task is running
	finished                     // value and err are set, done is closed
	cancelled                    // withdrawn before it started; done is closed
)

func newFuture(arg any) *Future {
	return &Future{arg: arg, done: make(chan struct{})}
}

// Arg returns the argument the task was submitted with.
func (f *Future) Arg() any { return f.arg }

// Done returns a channel that is closed when the task has finished, failed
// or been cancelled.
func (f *Future) Done() <-chan struct{} { return f.done }

// Result waits for the task to finish and returns what it returned. If ctx
// is done first, Result returns ctx's error and the task carries on. A
// cancelled task's error is ErrCancelled.
func (f *Future) Result(ctx context.Context) (any, error) {
	// A finished future answers even under a cancelled ctx: select would
	// choose between two ready cases at random.
	select {
	case <-f.done:
		return f.value, f.err
	default:
	}
	select {
	case <-f.done:
		return f.value, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Cancel withdraws the task if it has not started, and reports whether the
// task is now cancelled. A running or finished task cannot be cancelled:
// stop a running one through its context.
func (f *Future) Cancel() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch f.state {
	case pending:
		f.setLocked(nil, ErrCancelled)
		f.state = cancelled
		return true
	case cancelled:
		return true
	}
	return false
}

// start marks the task as running, unless it was cancelled first.
func (f *Future) start() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.state != pending {
		return false
	}
	f.state = running
	return true
}

// set records the task's result and wakes every waiter.
func (f *Future) set(value any, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.setLocked(value, err)
}

func (f *Future) setLocked(value any, err error) {
	f.state = finished
	f.value, f.err = value, err
	close(f.done)
}
