// Package native builds notebook cells into a Go program with the Go
// toolchain and runs it natively, for the cells that must behave exactly
// as compiled Go: under the race detector, or at compiled speed.
//
// A program is the imports and package-level declarations (types,
// functions, methods, constants, variables) of earlier cells, with one
// cell's own declarations at package level and its statements as main.
// Every piece of cell code carries a //line directive, so compile errors,
// race reports, panics and deadlock reports name positions as
// cell[N]:LINE, N being the cell's execution count. Variables that an
// earlier cell set by a statement (x := 3) have no value in a program;
// using one is a compile error that names the cell and says how to
// declare it instead.
//
// Programs are built in a module written once to a cache directory from
// the source goconc carries (goconc/display, goconc/lessons/...), with
// golang.org/x/sync from the module cache, offline (GOPROXY=off), sharing
// the user's Go build cache. A Program runs as its own process group,
// which cancelling the context kills, with its output streamed and its
// end reported as a Result.
package native

import (
	"fmt"
	"strings"
	"time"
)

// Cell is the source of one cell and the execution count it ran under.
type Cell struct {
	Count  int
	Source string
}

// Result is how one run of a Program ended.
type Result struct {
	// ExitCode is the program's exit status; -1 when a signal ended it.
	ExitCode int
	// Interrupted reports that the run's context was cancelled and the
	// process group killed.
	Interrupted bool
	// Races are the data races the race detector reported, in order.
	Races []Race
	// Failure is the panic or fatal error (a deadlock among them) that
	// ended the program, or nil.
	Failure *Failure
	// Wall is the run's elapsed time; User and System its CPU time.
	Wall, User, System time.Duration
}

// OK reports whether the run ended normally, with status 0, no race and
// no failure.
func (r Result) OK() bool {
	return r.ExitCode == 0 && !r.Interrupted && len(r.Races) == 0 && r.Failure == nil
}

// Race is one data race report.
type Race struct {
	// Accesses are the two conflicting accesses, the current one first,
	// then the goroutines' creation sites.
	Accesses []Access
	// Report is the race detector's report with the frames outside the
	// cells' code folded away and each cell frame followed by its line.
	Report string
}

// Access is one section of a report: a memory access, or the place a
// goroutine was created.
type Access struct {
	// Title is the report's heading, e.g. "Write at 0x00c000012345 by
	// goroutine 7" or "Goroutine 7 (running) created at".
	Title string
	// Goroutine is the goroutine's number (0 when the heading has none).
	Goroutine int
	// Frames are the frames in cell code, innermost first.
	Frames []Frame
}

// Frame is one stack frame in a cell's code.
type Frame struct {
	Func string // as the runtime names it, e.g. main.main.func1
	Cell int    // execution count
	Line int    // line in the cell
	Text string // the cell's line, trimmed
}

func (f Frame) String() string {
	return fmt.Sprintf("cell[%d]:%d", f.Cell, f.Line)
}

// Failure is a panic or a fatal runtime error.
type Failure struct {
	// Kind is "panic", "deadlock" or "fatal error".
	Kind string
	// Message is the panic value or error text, e.g. "all goroutines are
	// asleep - deadlock!".
	Message string
	// Goroutines are the stacks the runtime printed, cell frames only.
	Goroutines []Access
	// Report is the runtime's report with the frames outside the cells'
	// code folded away.
	Report string
}

// BuildError is a program that did not compile.
type BuildError struct {
	// Diagnostics are the compiler's errors in cell code.
	Diagnostics []Diagnostic
	// Output is the rest of what go build printed (errors outside cell
	// code, or why the toolchain failed), if anything.
	Output string
}

// Diagnostic is one compile error at a cell position.
type Diagnostic struct {
	Cell, Line, Column int
	Message            string
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("cell[%d]:%d:%d: %s", d.Cell, d.Line, d.Column, d.Message)
}

func (e *BuildError) Error() string {
	var b strings.Builder
	for i, d := range e.Diagnostics {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	if e.Output != "" {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.TrimRight(e.Output, "\n"))
	}
	return b.String()
}
