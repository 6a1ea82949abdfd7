package kernel

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"goconc/kernel/engine"
)

// fakeInterp is an engine.Interpreter whose cells are scripts, one
// command a line:
//
//	print TEXT         TEXT and a newline on stdout
//	eprint TEXT        the same on stderr
//	spam N             N lines on stdout, one Stream call each
//	display ID TEXT    a display with display id ID ("-" for none)
//	update ID TEXT     an update of display ID
//	clear              a clear_output
//	input PROMPT       reads a line and prints "got: LINE"
//	password PROMPT    the same, for a password
//	wait GATE          blocks until the test opens gate GATE
//	later GATE TEXT    once gate GATE opens, TEXT and a newline on stdout,
//	                   whether or not the cell is still running
//	block              runs until interrupted
//	sleep DURATION     sleeps
//	set K V            sets variable K
//	value TEXT         the cell's value is TEXT; "value $K" is variable K
//	fail NAME TEXT     the cell fails
type fakeInterp struct {
	mu     sync.Mutex
	vars   map[string]string
	ran    []string // every cell executed, in order
	gates  map[string]chan struct{}
	closed bool
}

func newFakeInterp() *fakeInterp {
	return &fakeInterp{vars: map[string]string{}, gates: map[string]chan struct{}{}}
}

func (f *fakeInterp) gate(name string) chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	g, ok := f.gates[name]
	if !ok {
		g = make(chan struct{})
		f.gates[name] = g
	}
	return g
}

// open lets cells waiting at gate name go on.
func (f *fakeInterp) open(name string) { close(f.gate(name)) }

func (f *fakeInterp) executed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.ran...)
}

func (f *fakeInterp) Execute(ctx context.Context, code string, out engine.Output) engine.Result {
	f.mu.Lock()
	f.ran = append(f.ran, code)
	f.mu.Unlock()
	var res engine.Result
	for line := range strings.SplitSeq(code, "\n") {
		cmd, arg, _ := strings.Cut(strings.TrimLeft(line, " \t"), " ")
		switch cmd {
		case "":
		case "print":
			out.Stream("stdout", arg+"\n")
		case "eprint":
			out.Stream("stderr", arg+"\n")
		case "spam":
			n, _ := strconv.Atoi(arg)
			for i := range n {
				out.Stream("stdout", fmt.Sprintf("line %d\n", i))
			}
		case "display", "update":
			id, text, _ := strings.Cut(arg, " ")
			if id == "-" {
				id = ""
			}
			out.Display(engine.Display{Op: cmd, ID: id, Data: map[string]any{"text/plain": text, "text/html": "<b>" + text + "</b>"}})
		case "clear":
			out.Display(engine.Display{Op: "clear", Wait: arg == "wait"})
		case "input", "password":
			v, err := out.Input(ctx, arg, cmd == "password")
			if err != nil {
				return engine.Result{Err: &engine.CellError{Name: "InputError", Value: err.Error(), Traceback: []string{"InputError: " + err.Error()}}}
			}
			out.Stream("stdout", "got: "+v+"\n")
		case "wait":
			select {
			case <-f.gate(arg):
			case <-ctx.Done():
				return interrupted()
			}
		case "later":
			gate, text, _ := strings.Cut(arg, " ")
			g := f.gate(gate)
			go func() {
				<-g
				out.Stream("stdout", text+"\n")
			}()
		case "block":
			<-ctx.Done()
			return interrupted()
		case "sleep":
			d, _ := time.ParseDuration(arg)
			time.Sleep(d)
		case "set":
			k, v, _ := strings.Cut(arg, " ")
			f.mu.Lock()
			f.vars[k] = v
			f.mu.Unlock()
		case "value":
			if k, ok := strings.CutPrefix(arg, "$"); ok {
				f.mu.Lock()
				arg = f.vars[k]
				f.mu.Unlock()
			}
			res.Value = map[string]any{"text/plain": arg}
		case "fail":
			name, text, _ := strings.Cut(arg, " ")
			return engine.Result{Err: &engine.CellError{Name: name, Value: text, Traceback: []string{name + ": " + text, "\tat cell line 1"}}}
		default:
			return engine.Result{Err: &engine.CellError{Name: "CompileError", Value: "unknown command " + cmd}}
		}
	}
	return res
}

func interrupted() engine.Result {
	return engine.Result{Err: &engine.CellError{Name: "interrupted", Value: "the cell was interrupted", Traceback: []string{"interrupted"}}}
}

// Complete offers the identifiers starting with the word before the
// cursor from a fixed list.
func (f *fakeInterp) Complete(code string, cursor int) engine.Completion {
	runes := []rune(code)
	start := cursor
	for start > 0 && (runes[start-1] == '_' || runes[start-1] >= 'A' && runes[start-1] <= 'z') {
		start--
	}
	prefix := string(runes[start:cursor])
	var matches []string
	for _, m := range []string{"Printf", "Println", "Sprintf"} {
		if strings.HasPrefix(m, prefix) {
			matches = append(matches, m)
		}
	}
	return engine.Completion{Matches: matches, CursorStart: start, CursorEnd: cursor}
}

func (f *fakeInterp) Inspect(code string, cursor, detail int) engine.Doc {
	if !strings.Contains(code, "Println") {
		return engine.Doc{}
	}
	return engine.Doc{Found: true, Text: fmt.Sprintf("func Println(a ...any) (n int, err error) [cursor %d of %d, detail %d]", cursor, utf8.RuneCountInString(code), detail)}
}

func (f *fakeInterp) IsComplete(code string) (status, indent string) {
	switch {
	case strings.Contains(code, "}}"):
		return "invalid", ""
	case strings.HasSuffix(code, "{"):
		return "incomplete", strings.Repeat("\t", strings.Count(code, "{")-strings.Count(code, "}"))
	}
	return "complete", ""
}

func (f *fakeInterp) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	return nil
}

func (f *fakeInterp) isClosed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.closed
}
