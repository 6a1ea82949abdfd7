package engine

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"

	"goconc/kernel/cellrt"
)

// Stacks a program reads. runtime.Stack, debug.Stack and debug.PrintStack
// trace the compiled program's goroutines, which in a cell are the
// interpreter's own: a program printing its stack, or looking in it for
// "main.worker", read frames of yaegi. The rewrite hands each such call
// its site and the name of the function making it, and every function
// leading to such a call records the sites and names of its calls while
// they run (rewrite's callsites.go); the trace is made of those, as Go
// writes it, with the frames' places as panic reports give them (no
// program counter offsets or argument words).
//
// The other goroutines of runtime.Stack(buf, true) are known less well:
// their state (what they wait for) and the calls under way that they
// recorded, but not the function each one is in.

// stackReader answers the rewritten calls at run time.
type stackReader struct {
	names   sourceNames
	goName  func(string) string // the name Go gives a function the rewrite names
	numbers *cellrt.Numbers
	cells   *cellrt.Runtime
	sites   *siteStacks
	pcs     *pcTable // the program counters Callers handed out
	stderr  io.Writer
	// panicFrames returns, while goroutine id runs deferred calls of a
	// panic, the frames the panic left, as the interpreter names them,
	// the innermost first, the panic's text when it was recovered and
	// the site of the goroutine's latest panic statement.
	panicFrames func(id int64) (frames []stackFrame, msg, site string, ok bool)
	// named names frames as a panic's report does (literals, lines of
	// outer frames and of a run-time error msg, receivers).
	named func(frames []stackFrame, msg string) []stackFrame
}

// panicFrame is the frame Go's trace shows for the runtime's panic
// function while deferred calls run, as the compiled toolchain places it.
var panicFrame = sync.OnceValue(func() []string {
	var trace string
	func() {
		defer func() {
			recover()
			trace = string(debug.Stack())
		}()
		panic("probe")
	}()
	lines := strings.Split(trace, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") && i+1 < len(lines) {
			return []string{"panic({...})", lines[i+1]}
		}
	}
	return nil
})

// literalParent matches the name of a function literal, main.f.func1 or
// main.f.func1.2, and gives the function it is written in.
var literalParent = regexp.MustCompile(`^(.+?)\.(?:func)?\d+$`)

// inPanic returns the frames of a trace made by fn at site while its
// goroutine runs the deferred calls of a panic: fn's, the panic's, the
// frames the panic left and, when fn is a literal, the function it is
// written in, which deferred it; false when it does not panic.
func (r stackReader) inPanic(id int64, site, fn string) (inner []stackFrame, left []stackFrame, ok bool) {
	if r.panicFrames == nil || site == "" {
		return nil, nil, false
	}
	frames, msg, panicSite, ok := r.panicFrames(id)
	parent := literalParent.FindStringSubmatch(fn)
	if !ok || len(frames) == 0 && parent == nil {
		return nil, nil, false
	}
	left = slices.Clone(frames)
	if parent != nil {
		f := r.frame(site, parent[1])
		f.fn, f.line = parent[1], 0
		if len(frames) == 0 {
			// The function that deferred fn panicked itself, at its
			// latest panic statement or check.
			p := r.frame(panicSite, parent[1])
			f.line = p.line
		}
		left = append(left, f)
	}
	return []stackFrame{r.frame(site, fn)}, r.named(left, msg), true
}

// debugFrames are the frames Go's runtime/debug.Stack and PrintStack add
// to the trace they return, as the compiled toolchain places them.
var debugFrames = sync.OnceValues(func() (stack, print []string) {
	trace := string(debug.Stack())
	lines := strings.Split(trace, "\n")
	i := slices.Index(lines, "runtime/debug.Stack()")
	if i < 0 || i+1 >= len(lines) {
		return nil, nil
	}
	at := lines[i+1]
	stack = []string{lines[i], at}
	// PrintStack calls Stack on the line after its declaration.
	f := runtime.FuncForPC(reflect.ValueOf(debug.PrintStack).Pointer())
	if f == nil {
		return stack, nil
	}
	file, line := f.FileLine(f.Entry())
	return stack, []string{"runtime/debug.PrintStack()", "\t" + file + ":" + strconv.Itoa(line+1) + " +0x13"}
})

// frames returns the frames of goroutine id in the cells' code, the
// innermost first: the function fn making a call at site, when site is
// not "", then the calls under way the goroutine recorded.
func (r stackReader) frames(id int64, site, fn string) []stackFrame {
	var out []stackFrame
	if site != "" {
		out = append(out, r.frame(site, fn))
	}
	calls := r.sites.of(id)
	for i := len(calls) - 1; i >= 0; i-- {
		out = append(out, r.frame(calls[i].site, calls[i].fn))
	}
	return out
}

// frame is the frame of function fn at site.
func (r stackReader) frame(site, fn string) stackFrame {
	f := stackFrame{fn: r.goName(fn)}
	if m := callSite.FindStringSubmatch(site); m != nil {
		f.cell, _ = strconv.ParseUint(m[1], 10, 64)
		f.line, _ = strconv.Atoi(m[2])
	}
	if f.fn == "" {
		f.fn = "main.init" // a package variable's initialiser
	}
	return f
}

// goroutine is the trace of goroutine id: its header, state says in
// what state, then extra frames (runtime/debug's), those of the cells'
// code and the go statement that started it.
func (r stackReader) goroutine(id int64, state string, extra []string, frames []stackFrame) []string {
	origin := r.numbers.Of(id)
	number := int64(1)
	if origin != nil {
		number = origin.Number
		named := *origin
		named.Creator = r.goName(origin.Creator)
		origin = &named
	}
	lines := []string{fmt.Sprintf("goroutine %d [%s]:", number, state)}
	lines = append(lines, extra...)
	lines = append(lines, r.names.frameText(frames)...)
	return append(lines, r.names.createdBy(origin)...)
}

// trace is the text of a trace of the calling goroutine, made by fn at
// site, with extra frames first; with all, the other goroutines of the
// cells follow.
func (r stackReader) trace(all bool, site, fn string, extra []string) []byte {
	id := cellrt.Goid()
	var b bytes.Buffer
	var current []string
	if inner, left, ok := r.inPanic(id, site, fn); ok {
		all := r.goroutine(id, "running", extra, nil)
		created := all[1+len(extra):]
		current = append(all[:1+len(extra):1+len(extra)], r.names.frameText(inner)...)
		current = append(current, panicFrame()...)
		current = append(current, r.names.frameText(left)...)
		current = append(current, r.names.frameText(r.frames(id, "", ""))...)
		current = append(current, created...)
	} else {
		current = r.goroutine(id, "running", extra, r.frames(id, site, fn))
	}
	for _, l := range current {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	if !all || r.cells == nil {
		return b.Bytes()
	}
	type other struct {
		number int64
		lines  []string
	}
	var others []other
	for _, g := range r.cells.Goroutines() {
		if g.ID == id || !g.Cell && r.numbers.Of(g.ID) == nil {
			continue // itself, or one starting, listed as pending
		}
		state := "runnable"
		if g.What != "" {
			state = g.What
		}
		// Its frames are the calls under way it recorded; without
		// any, it waits in the function its go statement started (or
		// the cell's or main's), on the line the runtime knows.
		frames := r.frames(g.ID, "", "")
		if m := spawnSite.FindStringSubmatch(g.Where); m != nil && len(frames) == 0 {
			f := stackFrame{fn: r.rootFunc(g)}
			f.cell, _ = strconv.ParseUint(m[1], 10, 64)
			f.line, _ = strconv.Atoi(m[2])
			frames = append(frames, f)
		}
		number := int64(1)
		if o := r.numbers.Of(g.ID); o != nil {
			number = o.Number
		}
		others = append(others, other{number, r.goroutine(g.ID, state, nil, frames)})
	}
	for _, g := range r.numbers.Pending() {
		// Started by a go statement, not running yet: a literal's
		// frame at the go statement, or the frame of the wrapper Go
		// runs a named function's call through (main.main.gowrap1),
		// under which Go lists the runtime's goexit too.
		var frames []stackFrame
		wrapped := g.Wrapper != ""
		if m := spawnSite.FindStringSubmatch(g.Site); m != nil && (wrapped || literalParent.MatchString(g.Func)) {
			f := stackFrame{fn: r.goName(g.Func)}
			if wrapped {
				f.fn = r.goName(g.Wrapper)
			}
			f.cell, _ = strconv.ParseUint(m[1], 10, 64)
			f.line, _ = strconv.Atoi(m[2])
			frames = append(frames, f)
		}
		named := *g
		named.Creator = r.goName(g.Creator)
		lines := []string{fmt.Sprintf("goroutine %d [runnable]:", g.Number)}
		lines = append(lines, r.names.frameText(frames)...)
		if wrapped && len(frames) > 0 {
			lines = append(lines, "runtime.goexit({})", "\t"+goexitPlace())
		}
		others = append(others, other{g.Number, append(lines, r.names.createdBy(&named)...)})
	}
	slices.SortFunc(others, func(a, b other) int { return int(a.number - b.number) })
	for _, o := range others {
		b.WriteByte('\n')
		for _, l := range o.lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// goexitPlace is where the runtime's goexit, the frame Go lists under
// a goroutine's wrapper before it runs, is: FILE:LINE in the Go release
// this program was built with.
var goexitPlace = sync.OnceValue(func() string {
	place := make(chan string, 1)
	go func() {
		pcs := make([]uintptr, 16)
		frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
		for {
			f, more := frames.Next()
			if f.Function == "runtime.goexit" {
				place <- f.File + ":" + strconv.Itoa(f.Line)
				return
			}
			if !more {
				place <- "runtime/asm.s"
				return
			}
		}
	}()
	return <-place
})

// rootFunc names the function goroutine g started in, as Go does, or "".
func (r stackReader) rootFunc(g cellrt.GoroutineState) string {
	switch o := r.numbers.Of(g.ID); {
	case o != nil:
		return r.goName(o.Func)
	case g.Cell && r.names.program != "":
		return "main." + MainName
	case g.Cell:
		return "main.goconc_cell"
	}
	return ""
}

// stack is runtime.Stack(buf, all) called by fn at site: the trace,
// cut to buf's length as Go cuts it.
func (r stackReader) stack(buf []byte, all bool, site, fn string) int {
	return copy(buf, r.trace(all, site, fn, nil))
}

// debugStack is debug.Stack() called by fn at site.
func (r stackReader) debugStack(site, fn string) []byte {
	stack, _ := debugFrames()
	return r.trace(false, site, fn, stack)
}

// printStack is debug.PrintStack() called by fn at site: the trace goes
// to the session's standard error.
func (r stackReader) printStack(site, fn string) {
	stack, print := debugFrames()
	r.stderr.Write(r.trace(false, site, fn, append(slices.Clone(stack), print...)))
}

func (r stackReader) exports() interp.Exports {
	return interp.Exports{
		runtimePackage + "/rt": {
			"Stack":      reflect.ValueOf(r.stack),
			"DebugStack": reflect.ValueOf(r.debugStack),
			"PrintStack": reflect.ValueOf(r.printStack),
			// callerframes.go
			"Callers":       reflect.ValueOf(r.callers),
			"CallersFrames": reflect.ValueOf(r.callersFrames),
			"FuncForPC":     reflect.ValueOf(r.funcForPC),
			"Frames":        reflect.ValueOf((*Frames)(nil)),
			"Frame":         reflect.ValueOf((*Frame)(nil)),
			"Func":          reflect.ValueOf((*Func)(nil)),
		},
	}
}
