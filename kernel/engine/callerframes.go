package engine

import (
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"goconc/kernel/cellrt"
)

// Program counters a program reads. runtime.Callers fills its slice with
// the program counters of the compiled program's frames, which in a cell
// are the interpreter's, and runtime.CallersFrames and runtime.FuncForPC
// read them back: a helper that prints its caller chain, or looks in it
// for main.main.func1, found reflect and yaegi. The rewrite makes such a
// program read the frames the stack readers make (readstack.go) instead:
//
//	runtime.Callers(1, pcs)     becomes  goconc_rt.Callers(1, pcs, "cell3/_.go:12", "main.where")
//	runtime.CallersFrames(pcs)  becomes  goconc_rt.CallersFrames(pcs)
//	runtime.FuncForPC(pc)       becomes  goconc_rt.FuncForPC(pc)
//
// and the types runtime.Frames, runtime.Frame and runtime.Func become
// those below, with the same fields and methods. A program counter
// stands for one frame's function and place, numbered as they are first
// met; one the table does not know is read by package runtime.

// Frames is runtime.Frames for the program counters of Callers.
type Frames struct {
	frames []Frame
}

// Next returns the next frame and whether there are more after it, as
// runtime.Frames.Next does.
func (f *Frames) Next() (Frame, bool) {
	if len(f.frames) == 0 {
		return Frame{}, false
	}
	next := f.frames[0]
	f.frames = f.frames[1:]
	return next, len(f.frames) > 0
}

// Frame is runtime.Frame.
type Frame struct {
	PC       uintptr
	Func     *Func
	Function string
	File     string
	Line     int
	Entry    uintptr
}

// Func is runtime.Func: a function of the program, by its name as Go
// gives it.
type Func struct {
	name   string
	entry  uintptr
	file   string
	line   int
	places *pcTable // the table of a function of the program's
}

// Name returns the function's name, main.main.func1.
func (f *Func) Name() string {
	if f == nil {
		return ""
	}
	return f.name
}

// Entry returns the function's entry program counter.
func (f *Func) Entry() uintptr {
	if f == nil {
		return 0
	}
	return f.entry
}

// FileLine returns the place of pc: one the table knows, or the place
// of the function's first frame met, or of a compiled function's entry.
func (f *Func) FileLine(pc uintptr) (string, int) {
	if f == nil {
		return "", 0
	}
	if f.places != nil {
		if fr, ok := f.places.frame(pc); ok && fr.Function == f.name {
			return fr.File, fr.Line
		}
		if fr, ok := f.places.frame(pc + 1); ok && fr.Function == f.name {
			return fr.File, fr.Line
		}
	}
	return f.file, f.line
}

// pcTable numbers the frames the program has been handed program
// counters for.
type pcTable struct {
	mu      sync.Mutex
	byPlace map[placedFrame]uintptr
	frames  []placedFrame
	funcs   map[string]*Func // by name: one per function, as runtime.FuncForPC gives
	// compiled are the functions of real program counters, by the
	// runtime's.
	compiled map[*runtime.Func]*Func
}

// pcBase is the first program counter of the table, far from any real
// one, so that a real counter a program got elsewhere is told apart.
const pcBase = 1 << 48

func (t *pcTable) pc(f placedFrame) uintptr {
	t.mu.Lock()
	defer t.mu.Unlock()
	if pc, ok := t.byPlace[f]; ok {
		return pc
	}
	if t.byPlace == nil {
		t.byPlace, t.funcs = map[placedFrame]uintptr{}, map[string]*Func{}
	}
	pc := uintptr(pcBase + 2*len(t.frames) + 1)
	t.byPlace[f] = pc
	t.frames = append(t.frames, f)
	if _, ok := t.funcs[f.fn]; !ok {
		t.funcs[f.fn] = &Func{name: f.fn, entry: pc - 1, file: f.file, line: f.line, places: t}
	}
	return pc
}

// compiledFunc returns the one Func standing for f.
func (t *pcTable) compiledFunc(f *runtime.Func, file string, line int) *Func {
	t.mu.Lock()
	defer t.mu.Unlock()
	if fn, ok := t.compiled[f]; ok {
		return fn
	}
	if t.compiled == nil {
		t.compiled = map[*runtime.Func]*Func{}
	}
	fn := &Func{name: f.Name(), entry: f.Entry(), file: file, line: line}
	t.compiled[f] = fn
	return fn
}

// frame returns the frame pc stands for.
func (t *pcTable) frame(pc uintptr) (Frame, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	i := int(pc) - pcBase - 1
	if pc < pcBase || i%2 != 0 || i/2 >= len(t.frames) {
		return Frame{}, false
	}
	f := t.frames[i/2]
	fn := t.funcs[f.fn]
	return Frame{PC: pc, Func: fn, Function: f.fn, File: f.file, Line: f.line, Entry: fn.entry}, true
}

// callersFrame is the frame of runtime.Callers itself, at skip 0, as the
// compiled toolchain places it.
var callersFrame = sync.OnceValue(func() placedFrame {
	pcs := make([]uintptr, 1)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(0, pcs)])
	f, _ := frames.Next()
	return placedFrame{fn: "runtime.Callers", file: f.File, line: f.Line}
})

// gopanicFrame is the frame of the runtime's panic between a deferred
// call's frames and those the panic left.
func gopanicFrame() placedFrame {
	place := runtimePanicPlace()
	f := placedFrame{fn: panicFn, file: place}
	if i := strings.LastIndexByte(place, ':'); i > 0 {
		if line, err := strconv.Atoi(place[i+1:]); err == nil {
			f.file, f.line = place[:i], line
		}
	}
	return f
}

// callerFrames returns the frames of the calling goroutine, the
// innermost first, made by fn at site: runtime.Callers's own, fn's,
// while a panic is under way the runtime's panic and the frames the
// panic left, then the calls under way and the runtime's under them.
func (r stackReader) callerFrames(site, fn string) []placedFrame {
	id := cellrt.Goid()
	out := []placedFrame{callersFrame()}
	if inner, left, ok := r.inPanic(id, site, fn); ok {
		out = append(out, r.names.placed(inner)...)
		out = append(out, gopanicFrame())
		out = append(out, r.names.placed(left)...)
		out = append(out, r.names.placed(r.frames(id, "", ""))...)
	} else {
		out = append(out, r.names.placed(r.frames(id, site, fn))...)
	}
	return append(out, r.runtimeUnder(id, out[len(out)-1])...)
}

// callerAt is runtime.Caller(skip) called by fn at site: the frame
// runtime.Callers(skip+1) starts with.
func (r stackReader) callerAt(skip int, site, fn string) (uintptr, string, int, bool) {
	frames := r.callerFrames(site, fn)[1:] // runtime.Callers's own is not runtime.Caller's
	if skip < 0 || skip >= len(frames) {
		return 0, "", 0, false
	}
	f := frames[skip]
	return r.pcs.pc(f), f.file, f.line, true
}

// runtimeUnder returns the runtime's frames Go lists under the
// outermost frame of goroutine id's code, last: runtime.goexit, which
// every goroutine starts in, and on the main goroutine runtime.main, which
// runs main.main (a cell's statements) and, through runtime.doInit and
// doInit1, the package's variable initializers and init functions.
func (r stackReader) runtimeUnder(id int64, last placedFrame) []placedFrame {
	frames := runtimeFrames()
	if r.numbers != nil && r.numbers.Of(id) != nil {
		return []placedFrame{frames.goexit} // started by a go statement
	}
	switch {
	case last.fn == "main.init" || initFuncName.MatchString(last.fn):
		return []placedFrame{frames.doInit1, frames.doInit, frames.mainInit, frames.goexit}
	case last.fn == "main.main" || last.topLevel:
		return []placedFrame{mainFrame(), frames.goexit}
	}
	return nil
}

// initFuncName matches the name Go gives an init function, main.init.0.
var initFuncName = regexp.MustCompile(`^main\.init\.\d+$`)

// underFrames are the runtime's frames under a goroutine's code, as the
// compiled toolchain places them.
type underFrames struct {
	goexit          placedFrame
	doInit1, doInit placedFrame // running a package's initializers
	mainInit        placedFrame // runtime.main, at its call of doInit
}

// runtimeFrames reads the runtime's frames under the initializer of a
// package of this program, which runs on the main goroutine.
var runtimeFrames = func() func() underFrames {
	var frames underFrames
	pcs := make([]uintptr, 16)
	all := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	for {
		f, more := all.Next()
		placed := placedFrame{fn: f.Function, file: f.File, line: f.Line}
		switch f.Function {
		case "runtime.goexit":
			frames.goexit = placed
		case "runtime.doInit1":
			frames.doInit1 = placed
		case "runtime.doInit":
			frames.doInit = placed
		case "runtime.main":
			frames.mainInit = placed
		}
		if !more {
			break
		}
	}
	return func() underFrames { return frames }
}()

// mainFrame is runtime.main at its call of main.main, as the main
// goroutine's stack has it, or runtime.main with no line when that stack
// is too deep for the goroutine profile.
var mainFrame = sync.OnceValue(func() placedFrame {
	for range 4 {
		n, _ := runtime.GoroutineProfile(nil)
		records := make([]runtime.StackRecord, n+16)
		n, ok := runtime.GoroutineProfile(records)
		if !ok {
			continue // more goroutines started meanwhile
		}
		for _, rec := range records[:n] {
			frames := runtime.CallersFrames(rec.Stack())
			for {
				f, more := frames.Next()
				if f.Function == "runtime.main" {
					return placedFrame{fn: f.Function, file: f.File, line: f.Line}
				}
				if !more {
					break
				}
			}
		}
		break
	}
	return placedFrame{fn: "runtime.main", file: runtimeFrames().mainInit.file}
})

// callers is runtime.Callers(skip, pcs) called by fn at site.
func (r stackReader) callers(skip int, pcs []uintptr, site, fn string) int {
	frames := r.callerFrames(site, fn)
	if skip < 0 {
		skip = 0
	}
	if skip >= len(frames) {
		return 0
	}
	n := 0
	for _, f := range frames[skip:] {
		if n == len(pcs) {
			break
		}
		pcs[n] = r.pcs.pc(f)
		n++
	}
	return n
}

// callersFrames is runtime.CallersFrames(pcs); counters the table does
// not know are read by package runtime.
func (r stackReader) callersFrames(pcs []uintptr) *Frames {
	out := &Frames{}
	var real []uintptr
	flush := func() {
		if len(real) == 0 {
			return
		}
		frames := runtime.CallersFrames(real)
		for {
			f, more := frames.Next()
			var fn *Func
			if f.Func != nil {
				fn = r.pcs.compiledFunc(f.Func, f.File, f.Line)
			}
			out.frames = append(out.frames, Frame{PC: f.PC, Func: fn, Function: f.Function, File: f.File, Line: f.Line, Entry: f.Entry})
			if !more {
				break
			}
		}
		real = nil
	}
	for _, pc := range pcs {
		if f, ok := r.pcs.frame(pc); ok {
			flush()
			out.frames = append(out.frames, f)
			continue
		}
		real = append(real, pc)
	}
	flush()
	return out
}

// funcForPC is runtime.FuncForPC(pc).
func (r stackReader) funcForPC(pc uintptr) *Func {
	if f, ok := r.pcs.frame(pc); ok {
		return f.Func
	}
	if pc >= pcBase {
		// pc-1, as programs look up the call a return address is of.
		if f, ok := r.pcs.frame(pc + 1); ok {
			return f.Func
		}
	}
	f := runtime.FuncForPC(pc)
	if f == nil {
		return nil
	}
	file, line := f.FileLine(f.Entry())
	return r.pcs.compiledFunc(f, file, line)
}

// pcOf is the program counter of function fn, as the rewrite names it,
// at site; 0 for the functions goconc wraps cells in.
func (r stackReader) pcOf(site, fn string) uintptr {
	placed := r.names.placed([]stackFrame{r.frame(site, fn)})
	if len(placed) == 0 {
		return 0
	}
	return r.pcs.pc(placed[0])
}
