// Package engine runs notebook cells: Go source evaluated by the yaegi
// interpreter, with state kept from one cell to the next.
//
// A Session is one interpreter. The kernel, goconc run and the grader
// all drive cells through the same small API: Execute a cell under a
// context, receive its output through an Output as it happens, and get back
// a Result that says what the cell produced or what went wrong.
//
// Session.Execute (session.go) takes a cell through four steps:
//
//  1. split (split.go): Go's semicolon insertion cuts the cell into
//     imports, declarations and statements;
//  2. check (compile.go, importer.go): go/types checks them against the
//     earlier cells' declarations, so errors read as the compiler's;
//  3. rewrite (compile.go, package rewrite): the passes turn the checked
//     cell into Go the interpreter runs as the Go runtime would, calling
//     package cellrt where the interpreter goes wrong at run time;
//  4. run: the pieces are evaluated in yaegi, bound to cellrt (runtime.go),
//     with output attributed to cells (attribution.go), panics reported
//     as Go's (stack.go), runtime.Caller and log lines in cell terms
//     (caller.go), os.Exit and flag.Parse (exit.go) and values shown
//     (show.go).
//
// The standard library's types come from the compiler's export data,
// which package symbols' generator archives and the binary embeds, so
// cells are checked without a Go installation. Each piece handed to the
// interpreter carries line directives, so positions, panics and
// runtime.Caller name the cell's lines. A cell may declare again what
// earlier cells declared, and the newest declaration wins (redeclare.go).
package engine

import "context"

// Output receives what a running cell produces, while it runs, and what
// goroutines the cell started print after it has returned (where the
// Interpreter can tell them apart). Implementations must be safe for use
// by several goroutines.
type Output interface {
	// Stream delivers text the cell wrote; name is "stdout" or "stderr".
	Stream(name, text string)
	// Display delivers a display, update or clear operation.
	Display(d Display)
	// Input asks the user for a line of text. It returns an error when
	// the client does not accept input.
	Input(ctx context.Context, prompt string, password bool) (string, error)
}

// Display is one rich-output operation.
type Display struct {
	Op       string         // "display", "update" or "clear"
	ID       string         // display id, for display and update
	Data     map[string]any // MIME bundle
	Metadata map[string]any
	Wait     bool // for clear: wait for the next output
}

// Result is how a cell ended.
type Result struct {
	// Value is the MIME bundle of the cell's trailing expression, or nil.
	Value map[string]any
	// Err is set when the cell failed.
	Err *CellError
	// Exited reports that the cell called os.Exit, with ExitCode; the
	// cell ended there, without running deferred calls. A status other
	// than 0 is an error too.
	Exited   bool `json:",omitempty"`
	ExitCode int  `json:",omitempty"`
}

// CellError describes a failed cell the way Jupyter shows errors.
type CellError struct {
	Name      string   // short kind: "CompileError", "panic", "fatal error", "interrupted", ...
	Value     string   // the message
	Traceback []string // lines shown to the user, the first naming the cell line where known
	// StateLost reports that the interpreter had to be restarted, so
	// definitions from earlier cells are gone.
	StateLost bool
	// Unstoppable counts the goroutines an interrupt could not stop
	// (blocked in compiled code). Only ending the process stops them.
	Unstoppable int `json:",omitempty"`
}

func (e *CellError) Error() string { return e.Name + ": " + e.Value }

// Completion is the answer to a completion request.
type Completion struct {
	Matches     []string
	CursorStart int // in runes (Unicode code points), as Jupyter counts
	CursorEnd   int
}

// Doc is the answer to an inspection request.
type Doc struct {
	Found bool
	Text  string // plain text: signature, then documentation
}

// Interpreter is the engine's API, implemented by an in-process Session
// and by a worker process client.
type Interpreter interface {
	Execute(ctx context.Context, code string, out Output) Result
	Complete(code string, cursor int) Completion
	Inspect(code string, cursor, detail int) Doc
	// IsComplete reports "complete", "incomplete" (with the indent for
	// the next line) or "invalid".
	IsComplete(code string) (status, indent string)
	Close() error
}
