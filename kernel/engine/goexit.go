package engine

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"time"
)

// runtime.Goexit ends the goroutine that calls it after its deferred
// calls. The interpreter runs each step of a cell in a goroutine of its
// own and takes that goroutine's end for the step's: a cell, or a
// program's main, that called Goexit went on as if its statements had
// all run. The cells' Goexit notes when it ends a step's goroutine, and
// the step then fails with errGoexit: a program's main goroutine is gone,
// and the program waits for its other goroutines, as Go's does, then
// ends with Go's fatal error (goexitProgram); a notebook's cell ends
// with a message saying so, and its goroutines run on as those of any
// cell do.

// errGoexit is the error of a step whose goroutine called runtime.Goexit.
var errGoexit = errors.New("runtime.Goexit ended the goroutine")

// goexitMessage is Go's fatal error when main has called runtime.Goexit
// and no other goroutine is left.
const goexitMessage = "no goroutines (main called runtime.Goexit) - deadlock!"

// stepCreator is the function that starts the goroutine the interpreter
// runs a step in, as a stack trace names it.
const stepCreator = "\ncreated by github.com/traefik/yaegi/interp.(*Interpreter).ExecuteWithContext "

// goexit is the cells' runtime.Goexit.
func (rt *cellRuntime) goexit() {
	if runsStep() {
		rt.goexited.Store(true)
	}
	runtime.Goexit()
}

// runsStep reports whether the calling goroutine is one the interpreter
// runs a step of a cell in: a cell's own statements, a program's main,
// its init functions and package variables, rather than a goroutine
// they started.
func runsStep() bool {
	buf := make([]byte, 16<<10)
	for {
		n := runtime.Stack(buf, false)
		if n < len(buf) {
			return bytes.Contains(buf[:n], []byte(stepCreator))
		}
		buf = make([]byte, 2*len(buf))
	}
}

// goexitCell is the result of a cell whose own goroutine called
// runtime.Goexit.
func (s *Session) goexitCell(ctx context.Context, cell uint64) Result {
	if s.names.program != "" {
		return s.goexitProgram(ctx, cell)
	}
	msg := "runtime.Goexit ended the cell's goroutine: its deferred calls ran, the statements after the call did not, and the goroutines the cell started run on"
	return Result{Err: &CellError{Name: "Goexit", Value: msg, Traceback: s.kept([]string{"Goexit: " + msg})}}
}

// goexitProgram is the end of a program whose main goroutine called
// runtime.Goexit: it waits for the program's other goroutines, which
// may still end it otherwise (os.Exit, a panic, a deadlock), and when
// none is left it ends with Go's fatal error.
func (s *Session) goexitProgram(ctx context.Context, cell uint64) Result {
	s.rt.CellExited()
	if err := s.rt.awaitGoroutines(ctx); err != nil {
		return s.failure(ctx, cell, err)
	}
	s.rt.programEnded()
	return Result{Err: &CellError{Name: "Deadlock", Value: goexitMessage, Traceback: []string{"fatal error: " + goexitMessage}}}
}

// awaitGoroutines waits until no goroutine of the cells is left and no
// timer may start one, or until ctx ends, whose error it then returns.
func (rt *cellRuntime) awaitGoroutines(ctx context.Context) error {
	const most = 100 * time.Millisecond
	wait := time.Millisecond
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
		// A goroutine started but not yet counted is pending; the
		// pending are read first, as a goroutine is counted before it
		// leaves them. Only then does a trace check that no goroutine
		// the runtime does not count (a callback of compiled code) runs
		// interpreted code.
		switch {
		case len(rt.numbers.Pending()) > 0 || !rt.Idle():
			wait = time.Millisecond
		case !rt.UncountedRunning():
			// The last goroutine may have ended the program on its
			// way out (os.Exit ends a goroutine's count first).
			return ctx.Err()
		default:
			wait = min(2*wait, most)
		}
		t.Reset(wait)
	}
}
