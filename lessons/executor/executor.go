// Package executor runs tasks on a limited number of goroutines and hands
// back futures for their results: Python's concurrent.futures, and the
// error handling of the parallel library, written the Go way.
//
// A Pool runs at most n tasks at once. Submit queues one task and returns a
// Future, which can be waited on (Result, Done) or withdrawn before it starts
// (Cancel). Map runs a task over a list of arguments and returns the
// results in the order of the arguments, failing as a whole at the first
// error, as errgroup does; MapCollect runs every task whatever happens and
// returns the failures beside the results, each with the argument that
// caused it, as the parallel library's silent mode does. AsCompleted
// delivers futures in the order they finish. A task that panics fails with a
// *PanicError instead of ending the program.
//
// Tasks have one signature, Func, taking and returning values of type any.
// The package has no type parameters so that it can be called from code run
// by an interpreter; compiled programs that want static types wrap their
// functions in a Func and assert the types of the results.
package executor

import (
	"context"
	"errors"
	"fmt"
)

// Func is a task. It receives the argument it was submitted with and a
// context that is cancelled when its result is no longer wanted, such as
// when another task of the same Map has failed. A long task should watch
// ctx and return ctx.Err() when it is done.
type Func func(ctx context.Context, arg any) (any, error)

// Executor runs submitted tasks concurrently. Pool is the goroutine-backed
// Executor. The interface is deliberately small, and Map, MapCollect and
// AsCompleted are functions rather than methods, so that any Executor gets
// them for free.
//
// A process-backed executor keeps the same interface by changing what a
// Func does rather than how it is scheduled: its Funcs name a function of a
// worker program and, when called, send the argument to an idle worker
// process and wait for the answer, so arguments and results must be values
// that can be encoded. Such an executor embeds a Pool with one goroutine per
// process for the scheduling, the futures and the cancellation, and adds
// the stopping of its processes to Shutdown. A Func that does not go to a
// process (a plain closure) would run in the calling process, so a process
// executor should document that only its own Funcs cross over.
type Executor interface {
	// Submit schedules fn(ctx, arg) and returns its future. It does not
	// wait for a free worker. ctx becomes the task's context: if it is
	// done before the task starts, the task does not run and its future
	// fails with ctx's error. After Shutdown, Submit returns ErrShutdown.
	Submit(ctx context.Context, fn Func, arg any) (*Future, error)
	// Shutdown stops accepting tasks. Tasks already submitted still run,
	// unless cancelled. With wait set, Shutdown returns when they have all
	// finished.
	Shutdown(wait bool) error
}

var (
	// ErrShutdown is returned by Submit after Shutdown.
	ErrShutdown = errors.New("executor: submit after shutdown")
	// ErrCancelled is the error of a future withdrawn by Cancel.
	ErrCancelled = errors.New("executor: task cancelled")
)

// TaskError is the failure of one task of a Map or MapCollect, with the
// argument it was called with.
type TaskError struct {
	Index int   // position of Arg in the argument list
	Arg   any   // the argument the task was called with
	Err   error // what went wrong
}

func (e *TaskError) Error() string {
	return fmt.Sprintf("task %d (arg %v): %v", e.Index, e.Arg, e.Err)
}

func (e *TaskError) Unwrap() error { return e.Err }

// PanicError is the error of a task that panicked.
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the task's goroutine stack at the panic, as from runtime/debug.Stack
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Unwrap returns the panic value if it is an error, so that errors.Is
// sees through a panic(err).
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}
