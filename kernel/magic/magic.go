// Package magic runs cell magics in front of an engine.Interpreter:
// %%race and %%native build a cell with the Go toolchain and run it as a
// program (package native), and %%time reports a cell's wall and CPU
// time. Every other cell goes to the interpreter, and the ones that
// succeed are kept as the earlier cells native programs are built from.
package magic

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"goconc/display"
	"goconc/kernel/engine"
	"goconc/kernel/native"
	"goconc/kernel/worker"
)

// Magic is one cell magic and its help.
type Magic struct {
	Name  string // with its %%
	Usage string
	Help  string
}

// Magics lists the cell magics goconc knows.
var Magics = []Magic{
	{"%%race", "%%race [-count N]", "Builds the cell with `go build -race`, together with the imports, types, functions, " +
		"constants and variables of earlier cells that it uses, and runs it as a program (the cell's statements are its main). " +
		"A data race ends the cell with Go's race report, frames named cell[N]:LINE. With -count N the program runs N times " +
		"and the cell says in how many runs no race was found. The interpreter's state is untouched."},
	{"%%native", "%%native [-count N]", "Builds the cell with `go build`, as %%race does but without the race detector, " +
		"and runs it at compiled speed. With -count N it runs N times and reports the median wall time. Variables set by " +
		"statements in earlier cells (x := 3) have no value in the program: declare them with var at the top level."},
	{"%%time", "%%time", "Prints the cell's wall time and CPU time after its output. Put it alone on the first line, " +
		"or followed by %%native or %%race on the next line to time the program."},
}

// CPUTimer is implemented by interpreters that can tell the CPU time
// their process has used, for %%time.
type CPUTimer interface {
	CPUTime() (user, system time.Duration, ok bool)
}

// Interpreter runs magics and passes other cells to the interpreter it
// wraps. It implements engine.Interpreter.
type Interpreter struct {
	inner   engine.Interpreter
	builder *native.Builder

	mu      sync.Mutex
	history []native.Cell // cells the interpreter ran without error
	count   int           // execution counts, when the context carries none
}

// New wraps inner. Native cells are built by builder.
func New(inner engine.Interpreter, builder *native.Builder) *Interpreter {
	return &Interpreter{inner: inner, builder: builder}
}

// header is what a cell's magic lines ask for.
type header struct {
	timed  bool
	native bool
	race   bool
	count  int
	body   string // the cell with its magic lines blanked, positions kept
}

// parseHeader reads the magic lines at the top of a cell.
func parseHeader(code string) (header, error) {
	h := header{count: 1, body: code}
	off := 0
	for off < len(code) {
		end := strings.IndexByte(code[off:], '\n')
		if end < 0 {
			end = len(code)
		} else {
			end += off
		}
		line := strings.TrimSpace(code[off:end])
		if line == "" && !h.timed && !h.native {
			off = end + 1
			continue
		}
		if !strings.HasPrefix(line, "%%") {
			break
		}
		f := strings.Fields(line)
		switch f[0] {
		case "%%time":
			if h.timed || h.native || len(f) > 1 {
				return h, fmt.Errorf("%s: %%%%time comes first, alone on its line", line)
			}
			h.timed = true
		case "%%race", "%%native":
			if h.native {
				return h, fmt.Errorf("%s: one of %%%%race and %%%%native per cell", line)
			}
			h.native, h.race = true, f[0] == "%%race"
			n, err := parseCount(f[1:])
			if err != nil {
				return h, fmt.Errorf("%s: %w", f[0], err)
			}
			h.count = n
		default:
			return h, fmt.Errorf("unknown cell magic %s: goconc knows %s", f[0], names())
		}
		h.body = h.body[:off] + strings.Repeat(" ", end-off) + h.body[end:]
		off = end + 1
	}
	return h, nil
}

// maxCount bounds -count: each run is a process.
const maxCount = 1000

func parseCount(args []string) (int, error) {
	switch {
	case len(args) == 0:
		return 1, nil
	case len(args) == 2 && (args[0] == "-count" || args[0] == "--count"):
		n, err := strconv.Atoi(args[1])
		if err != nil || n < 1 || n > maxCount {
			return 0, fmt.Errorf("-count wants a number from 1 to %d, not %q", maxCount, args[1])
		}
		return n, nil
	case len(args) == 1 && strings.HasPrefix(args[0], "-count="):
		return parseCount([]string{"-count", strings.TrimPrefix(args[0], "-count=")})
	}
	return 0, fmt.Errorf("unknown arguments %q (usage: -count N)", strings.Join(args, " "))
}

func names() string {
	var s []string
	for _, m := range Magics {
		s = append(s, m.Name)
	}
	return strings.Join(s, ", ")
}

// Execute runs a cell: natively when it starts with %%race or %%native,
// timed after %%time, else in the interpreter.
func (m *Interpreter) Execute(ctx context.Context, code string, out engine.Output) engine.Result {
	count, ok := engine.ExecutionCount(ctx)
	m.mu.Lock()
	if !ok {
		m.count++
		count = m.count
	} else {
		m.count = count
	}
	m.mu.Unlock()

	h, err := parseHeader(code)
	if err != nil {
		return errorResult("MagicError", err.Error(), nil)
	}
	if h.native {
		return m.executeNative(ctx, count, h, out)
	}
	var user0, sys0 time.Duration
	timer, canTime := m.inner.(CPUTimer)
	if h.timed && canTime {
		user0, sys0, canTime = timer.CPUTime()
	}
	start := time.Now()
	res := m.inner.Execute(ctx, h.body, out)
	wall := time.Since(start)
	if h.timed {
		var user, sys time.Duration
		if canTime {
			u, s, ok := timer.CPUTime()
			if ok && res.Err == nil || ok && !res.Err.StateLost {
				user, sys = u-user0, s-sys0
			} else {
				canTime = false
			}
		}
		out.Stream("stdout", timing(wall, user, sys, canTime, 0))
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if res.Err != nil && res.Err.StateLost {
		m.history = nil
	}
	if res.Err == nil {
		m.history = append(m.history, native.Cell{Count: count, Source: h.body})
	}
	return res
}

// timing is %%time's report, as IPython words it.
func timing(wall, user, sys time.Duration, haveCPU bool, build time.Duration) string {
	var b strings.Builder
	if haveCPU {
		fmt.Fprintf(&b, "CPU times: user %s, sys %s, total %s\n", short(user), short(sys), short(user+sys))
	}
	fmt.Fprintf(&b, "Wall time: %s\n", short(wall))
	if build > 0 {
		fmt.Fprintf(&b, "(build: %s, not included)\n", short(build))
	}
	return b.String()
}

// short prints a duration with three significant digits.
func short(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.3g s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.3g ms", float64(d)/float64(time.Millisecond))
	case d > 0:
		return fmt.Sprintf("%.3g µs", float64(d)/float64(time.Microsecond))
	}
	return "0 s"
}

func errorResult(name, value string, tb []string) engine.Result {
	if tb == nil {
		tb = []string{name + ": " + value}
	}
	return engine.Result{Err: &engine.CellError{Name: name, Value: value, Traceback: tb}}
}

// kept is said of every native cell's error: nothing it did reached the
// interpreter.
const kept = "The interpreter and its state were kept."

func (m *Interpreter) executeNative(ctx context.Context, count int, h header, out engine.Output) engine.Result {
	m.mu.Lock()
	earlier := append([]native.Cell(nil), m.history...)
	m.mu.Unlock()

	prog, err := m.builder.Build(ctx, earlier, native.Cell{Count: count, Source: h.body}, native.BuildOptions{Race: h.race})
	if err != nil {
		if ctx.Err() != nil {
			return errorResult("Interrupted", "the build was interrupted; "+kept, nil)
		}
		if be, ok := err.(*native.BuildError); ok {
			tb := strings.Split(be.Error(), "\n")
			value := tb[0]
			if len(be.Diagnostics) > 0 {
				value = be.Diagnostics[0].Message
			}
			return errorResult("CompileError", value, tb)
		}
		return errorResult("BuildError", err.Error(), nil)
	}
	defer prog.Close()

	var user, sys, wall time.Duration
	var walls []time.Duration
	for i := 1; i <= h.count; i++ {
		// The first run's output streams into the cell; later runs'
		// output is shown only if that run fails.
		var sink output = streamTo(out)
		var held *heldOutput
		if i > 1 {
			held = &heldOutput{}
			sink = held
		}
		opts := native.RunOptions{
			Stdout:      &textWriter{name: "stdout", out: sink},
			Stderr:      &textWriter{name: "stderr", out: sink},
			Display:     sink.display,
			MemoryLimit: worker.DefaultMemoryLimit,
		}
		if h.race {
			opts.IdleNotice, opts.IdleAfter = raceIdleNotice, raceIdleAfter
		}
		res, err := prog.Run(ctx, opts)
		if err != nil {
			return errorResult("RunError", err.Error(), nil)
		}
		user += res.User
		sys += res.System
		wall += res.Wall
		walls = append(walls, res.Wall)
		if res.OK() {
			continue
		}
		if held != nil {
			held.replay(out)
		}
		if h.timed {
			out.Stream("stdout", timing(wall, user, sys, true, prog.BuildTime))
		}
		return failed(res, i, h)
	}
	switch {
	case h.race:
		runs := "1 run"
		if h.count > 1 {
			runs = fmt.Sprintf("%d runs", h.count)
		}
		out.Stream("stdout", fmt.Sprintf("No data race found (%s under the race detector).\n", runs))
	case h.count > 1:
		sort.Slice(walls, func(i, j int) bool { return walls[i] < walls[j] })
		out.Stream("stdout", fmt.Sprintf("%d runs: wall time median %s (min %s, max %s)\n",
			h.count, short(walls[len(walls)/2]), short(walls[0]), short(walls[len(walls)-1])))
	}
	if h.timed {
		out.Stream("stdout", timing(wall, user, sys, true, prog.BuildTime))
	}
	return engine.Result{}
}

// A program built with -race that hangs may be deadlocked: Go's deadlock
// detector does not work under the race detector, so say so.
const (
	raceIdleAfter  = 10 * time.Second
	raceIdleNotice = "goconc: the program has used no CPU time for 10 s. If it is deadlocked: under -race, " +
		"Go does not detect deadlocks. Interrupt the cell, or run it with %%native to get Go's deadlock report.\n"
)

// failed builds the error of a native run that did not end well.
func failed(res native.Result, run int, h header) engine.Result {
	where := ""
	if h.count > 1 {
		where = fmt.Sprintf(" in run %d of %d", run, h.count)
	}
	switch {
	case res.Interrupted:
		return errorResult("Interrupted", "the native program was stopped; "+kept, nil)
	case res.MemoryExceeded:
		value := fmt.Sprintf("the program used more than the memory limit of %d MiB and was stopped%s", worker.DefaultMemoryLimit>>20, where)
		return errorResult("MemoryLimit", value, []string{"MemoryLimit: " + value, kept})
	case len(res.Races) > 0:
		n := "a data race"
		if len(res.Races) > 1 {
			n = fmt.Sprintf("%d data races", len(res.Races))
		}
		value := fmt.Sprintf("%s found%s", n, where)
		if fr := firstFrame(res.Races[0]); fr != nil {
			value += fmt.Sprintf(", first at %s: %s", fr, fr.Text)
		}
		var tb []string
		for _, r := range res.Races {
			tb = append(tb, "==================")
			tb = append(tb, strings.Split(strings.TrimRight(r.Report, "\n"), "\n")...)
		}
		tb = append(tb, "==================", "DataRace: "+value, kept)
		return errorResult("DataRace", value, tb)
	case res.Failure != nil:
		name := map[string]string{"panic": "Panic", "deadlock": "Deadlock", "fatal error": "FatalError"}[res.Failure.Kind]
		tb := strings.Split(res.Failure.Report, "\n")
		if where != "" {
			tb = append(tb, "(ended"+where+")")
		}
		tb = append(tb, kept)
		return errorResult(name, res.Failure.Message, tb)
	}
	value := fmt.Sprintf("the program exited with status %d%s", res.ExitCode, where)
	return errorResult("Exit", value, []string{"Exit: " + value, kept})
}

func firstFrame(r native.Race) *native.Frame {
	for _, a := range r.Accesses {
		if len(a.Frames) > 0 {
			return &a.Frames[0]
		}
	}
	return nil
}

// Complete offers the magics where a cell's first lines start with %%,
// and otherwise asks the interpreter.
func (m *Interpreter) Complete(code string, cursor int) engine.Completion {
	runes := []rune(code)
	if cursor < 0 || cursor > len(runes) {
		return m.inner.Complete(code, cursor)
	}
	lineStart := cursor
	for lineStart > 0 && runes[lineStart-1] != '\n' {
		lineStart--
	}
	word := string(runes[lineStart:cursor])
	if strings.HasPrefix(word, "%") && !strings.ContainsAny(word, " \t") && onlyMagicsBefore(string(runes[:lineStart])) {
		c := engine.Completion{CursorStart: lineStart, CursorEnd: cursor, Matches: []string{}}
		for _, mg := range Magics {
			if strings.HasPrefix(mg.Name, word) {
				c.Matches = append(c.Matches, mg.Name)
			}
		}
		return c
	}
	h, _ := parseHeader(code)
	return m.inner.Complete(h.body, cursor)
}

// onlyMagicsBefore reports whether the lines before are blank or magics.
func onlyMagicsBefore(s string) bool {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "%%") {
			return false
		}
	}
	return true
}

// Inspect shows a magic's help when the cursor is on it.
func (m *Interpreter) Inspect(code string, cursor, detail int) engine.Doc {
	runes := []rune(code)
	if cursor >= 0 && cursor <= len(runes) {
		start, end := cursor, cursor
		for start > 0 && !isSpace(runes[start-1]) {
			start--
		}
		for end < len(runes) && !isSpace(runes[end]) {
			end++
		}
		word := string(runes[start:end])
		for _, mg := range Magics {
			if word == mg.Name {
				return engine.Doc{Found: true, Text: mg.Usage + "\n\n" + mg.Help}
			}
		}
	}
	h, _ := parseHeader(code)
	return m.inner.Inspect(h.body, cursor, detail)
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// IsComplete judges the cell without its magic lines; magic lines alone
// wait for the cell's code, as in IPython.
func (m *Interpreter) IsComplete(code string) (status, indent string) {
	h, err := parseHeader(code)
	if err != nil {
		return "invalid", ""
	}
	if h.body != code && strings.TrimSpace(h.body) == "" {
		return "incomplete", "" // the magic lines so far: the code is to come
	}
	return m.inner.IsComplete(h.body)
}

// Close closes the interpreter.
func (m *Interpreter) Close() error { return m.inner.Close() }

// CPUTime passes on the wrapped interpreter's, when it has one.
func (m *Interpreter) CPUTime() (user, system time.Duration, ok bool) {
	if t, ok := m.inner.(CPUTimer); ok {
		return t.CPUTime()
	}
	return 0, 0, false
}

// output is where a native run's text and displays go.
type output interface {
	stream(name, text string)
	display(display.Message)
}

type liveOutput struct{ out engine.Output }

func streamTo(out engine.Output) output { return liveOutput{out} }

func (o liveOutput) stream(name, text string) { o.out.Stream(name, text) }
func (o liveOutput) display(d display.Message) {
	o.out.Display(engine.Display{Op: d.Op, ID: d.ID, Data: d.Data, Metadata: d.Metadata, Wait: d.Wait})
}

// heldOutput keeps a run's output, to show if the run fails.
type heldOutput struct {
	mu  sync.Mutex
	ops []func(engine.Output)
}

func (h *heldOutput) stream(name, text string) {
	h.mu.Lock()
	h.ops = append(h.ops, func(o engine.Output) { o.Stream(name, text) })
	h.mu.Unlock()
}

func (h *heldOutput) display(d display.Message) {
	h.mu.Lock()
	h.ops = append(h.ops, func(o engine.Output) { liveOutput{o}.display(d) })
	h.mu.Unlock()
}

func (h *heldOutput) replay(out engine.Output) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, op := range h.ops {
		op(out)
	}
}

// textWriter passes a stream on as text, keeping an incomplete UTF-8
// sequence at the end of a write for the next.
type textWriter struct {
	name    string
	out     output
	partial []byte
}

func (w *textWriter) Write(p []byte) (int, error) {
	text := append(w.partial, p...)
	w.partial = nil
	if cut := incompleteSuffix(text); cut > 0 {
		w.partial = append([]byte(nil), text[len(text)-cut:]...)
		text = text[:len(text)-cut]
	}
	if len(text) > 0 {
		w.out.stream(w.name, strings.ToValidUTF8(string(text), "\uFFFD"))
	}
	return len(p), nil
}

// incompleteSuffix returns how many bytes at the end of b begin a UTF-8
// sequence that the next write may complete.
func incompleteSuffix(b []byte) int {
	for i := 1; i < utf8.UTFMax && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return 0
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return i
			}
			return 0
		}
	}
	return 0
}
