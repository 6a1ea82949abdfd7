package engine

import (
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/traefik/yaegi/interp"

	"goconc/kernel/cellrt"
	"goconc/kernel/engine/rewrite"
)

// Panic stacks. The interpreter keeps no call stack a program can read,
// but as a panic leaves each interpreted function it prints one line to
// its standard error, "12:3: panic: main.f(...)", with the position of
// the statement running in that function (the line directives the engine
// puts in the source it hands over make that the cell's line). The
// frames a panic has passed through are read from those lines, per
// goroutine, so that an unrecovered panic is reported as Go reports it:
// the value, "goroutine N [running]:" and a function and line per frame.

// stackFrame is one interpreted function a panic passed through.
type stackFrame struct {
	fn   string // as the interpreter names it: main.f, main.f.func
	line int    // 0 when not known
	cell uint64 // the cell whose code it is, as numbered for positions
	// first is the line the interpreter reports with the frame: that of
	// the first node the function ran, in the source it was given, which
	// tells literals apart (literals.go).
	first int
	lit   string // a literal's name as Go gives it, main.f.func1, when known
	// exit says the function was returning, running its deferred
	// calls, when one of them panicked: its line is that of the return.
	exit bool
}

// panicStacks collects the frames of the panics under way, per goroutine.
type panicStacks struct {
	mu       sync.Mutex
	frames   map[int64][]stackFrame
	finished map[int64]bool   // recovered: the next frame starts a new list
	sites    map[int64]string // where each goroutine is about to panic
	// lastSites keeps the latest of sites after a recover, for a
	// trace read by the deferred call that recovered (readstack.go).
	lastSites map[int64]string
	lines     map[int64]frameLine
	// deferrings are, per goroutine, the functions running deferred
	// calls while a panic is under way, innermost last.
	deferrings map[int64][]deferring
	// goesOn marks the goroutines whose panic a relay raised again
	// (relayExports): a deferred call that panics with it raised no
	// panic of its own.
	goesOn map[int64]bool
	// exits are, per goroutine, the lines the functions that note them
	// (rewrite's exitlines.go) last returned from, by function.
	exits map[int64]map[string]int
	// recovering are, per goroutine, the functions running deferred
	// calls whose panic a deferred call recovered, innermost last, kept
	// until the recovering function returns: a panic it raises then
	// (recover, then panic again) comes out of a deferred call of theirs,
	// which Go's trace shows above the runtime's panic and the recovered
	// panic's frames.
	recovering map[int64][][]deferring
	// kept are, per goroutine, the frames of the panic the nested-panic
	// rewrite kept aside last, when it had left frames of its own, and
	// reraised those of the one it raises again (keepAside, reraising).
	kept, reraised map[int64][]stackFrame
	// owners are, per goroutine, the functions whose frame is the last of
	// kept, or of reraised, frames: the frame the interpreter reports
	// for them as the raise leaves them is one too many.
	owners, reraiseOwners map[int64]string
	// recoverings is len(recovering), so that recoverDone, deferred by
	// every function that calls recover, takes no lock while no
	// goroutine has an entry.
	recoverings atomic.Int64
}

// frameLine is the line of the latest call of a function that keeps it
// (rewrite's framelines.go), handed over as the function returns.
type frameLine struct {
	fn   string
	line int
}

// mostStacks bounds how many goroutines' frames are kept: those of
// recovered panics stay until the goroutine panics again.
const mostStacks = 4096

func newPanicStacks() *panicStacks {
	return &panicStacks{frames: map[int64][]stackFrame{}, finished: map[int64]bool{}, sites: map[int64]string{}, lastSites: map[int64]string{}, lines: map[int64]frameLine{}, deferrings: map[int64][]deferring{}, goesOn: map[int64]bool{}, exits: map[int64]map[string]int{}, recovering: map[int64][][]deferring{}, kept: map[int64][]stackFrame{}, reraised: map[int64][]stackFrame{}, owners: map[int64]string{}, reraiseOwners: map[int64]string{}}
}

// panicFrameLine is what the interpreter prints for a frame: the cell
// comes from the file name sourceFile gave its source.
// The patched interpreter (tools/yaegipatch's deferred_interp.go) marks
// two more: " [deferring]" as a function starts its deferred calls while
// a panic is under way, " [deferred call panicked]" as a panic of one of
// them leaves the function, whose ordinary line then never comes.
var panicFrameLine = regexp.MustCompile(`^(?:(?:cell(\d+)/)?[^\s:]+:)?(\d+):\d+: panic: (\S*)\(\.\.\.\)(?: \[(deferring|deferred call panicked)\])?\n$`)

// Marks of panicFrameLine.
const (
	markDeferring      = "deferring"
	markDeferredPanics = "deferred call panicked"
)

// panicFn is the name of the frame Go shows between the frames of a
// panic raised in a deferred call and those of the panic under way that
// made the call: the runtime's panic, panic(...), at its place in the
// Go release's source.
const panicFn = "runtime.gopanic"

// deferring is a function running its deferred calls while a panic is
// under way: the frames of that panic are those before at.
type deferring struct {
	fn    string
	cell  uint64
	first int
	at    int
	line  int    // the panic's line in fn, when the panic began there
	site  string // the panic's site as panicAt recorded it, if any
}

// record notes a frame from one of the interpreter's lines and reports
// whether p was such a line.
func (ps *panicStacks) record(p []byte) bool {
	m := panicFrameLine.FindSubmatch(p)
	if m == nil {
		return false
	}
	cell, _ := strconv.ParseUint(string(m[1]), 10, 64)
	id := cellrt.Goid()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.startAgain(id)
	if r, ok := ps.reraised[id]; ok && m[4] == nil {
		// The frame of the deferred call that raises a kept panic
		// again: the panic's frames are those it left when kept.
		delete(ps.reraised, id)
		delete(ps.sites, id)
		ps.frames[id] = r
		return true
	}
	if len(ps.frames) >= mostStacks {
		clear(ps.frames)
		clear(ps.finished)
		clear(ps.deferrings)
	}
	first, _ := strconv.Atoi(string(m[2]))
	f := stackFrame{fn: string(m[3]), cell: cell, first: first}
	switch string(m[4]) {
	case markDeferring:
		d := deferring{fn: f.fn, cell: cell, first: first, at: len(ps.frames[id]), site: ps.sites[id]}
		if d.at == 0 {
			// The panic began in the function itself: at its site,
			// which stays for a guard that stops the panic here
			// (withStackAt).
			if c, l, ok := parseSite(d.site); ok && c == cell {
				d.line = l
			}
		}
		ps.deferrings[id] = append(ps.deferrings[id], d)
		return true
	case markDeferredPanics:
		ps.deferredPanicked(id, f)
		return true
	}
	ds := ps.deferrings[id]
	if n := len(ds); n > 0 && ds[n-1].fn == f.fn && ds[n-1].first == f.first {
		// The function's deferred calls are done, the panic goes on.
		ps.deferrings[id] = ds[:n-1]
	}
	kept, hasKept := ps.lines[id]
	delete(ps.lines, id)
	if ds := ps.deferrings[id]; len(ds) > 0 && ds[len(ds)-1].site != "" && ps.sites[id] == ds[len(ds)-1].site {
		// The site of the panic under way, not of one a deferred
		// call raised.
		delete(ps.sites, id)
	}
	if len(ps.frames[id]) == ps.panicStart(id) {
		// The panic's first frame: its line is the panic's, if recorded.
		if c, l, ok := ps.site(id); ok && c == cell {
			f.line = l
		}
	} else if hasKept && kept.fn == f.fn {
		// An outer frame: the line of the call the panic came out of.
		f.line = kept.line
	}
	ps.frames[id] = append(ps.frames[id], f)
	return true
}

// panicStart is where the frames of goroutine id's latest panic start:
// after those of the panic under way that made the deferred call it came
// from. ps.mu is held.
func (ps *panicStacks) panicStart(id int64) int {
	if ds := ps.deferrings[id]; len(ds) > 0 {
		return ds[len(ds)-1].at
	}
	return 0
}

// deferredPanicked puts the frames of goroutine id in Go's order when a
// deferred call of function f has panicked: the new panic's frames, then,
// if f was running its deferred calls for a panic under way, the
// runtime's panic and that panic's frames, then f itself, at the line of
// the panic under way or, after a return, at the line it returned from
// (left to callLines.exitLine). ps.mu is held.
func (ps *panicStacks) deferredPanicked(id int64, f stackFrame) {
	frames := ps.frames[id]
	ds := ps.deferrings[id]
	goesOn := ps.goesOn[id]
	delete(ps.goesOn, id)
	if n := len(ds); n > 0 && ds[n-1].fn == f.fn && ds[n-1].first == f.first && ds[n-1].at <= len(frames) {
		d := ds[n-1]
		ps.deferrings[id] = ds[:n-1]
		older, newer := frames[:d.at], frames[d.at:]
		if goesOn {
			// A relay's literal raised the panic under way again: its
			// frame, which names the function, stands for the function.
			if len(newer) > 0 && d.at == 0 && newer[0].line == 0 {
				newer[0].line = d.line
			}
			return
		}
		out := make([]stackFrame, 0, len(frames)+2)
		out = append(out, newer...)
		out = append(out, stackFrame{fn: panicFn})
		out = append(out, older...)
		f.line = d.line
		ps.frames[id] = append(out, f)
		return
	}
	if o, ok := ps.reraiseOwners[id]; ok && o == f.fn {
		delete(ps.reraiseOwners, id)
		return // the kept frames end with f's (keepAside)
	}
	f.exit = true
	if l, ok := ps.exits[id][f.fn]; ok {
		f.line = l
	}
	ps.frames[id] = append(frames, f)
}

// returning notes that function fn of the current goroutine returns from
// line: a deferred call that panics now shows fn at that line.
func (ps *panicStacks) returning(fn string, line int) {
	id := cellrt.Goid()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	g := ps.exits[id]
	if g == nil {
		if len(ps.exits) >= mostStacks {
			clear(ps.exits)
		}
		g = map[string]int{}
		ps.exits[id] = g
	}
	g[fn] = line
}

// goingOn notes that the current goroutine's relay raises again the
// panic under way (relayExports).
func (ps *panicStacks) goingOn() {
	id := cellrt.Goid()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if len(ps.goesOn) >= mostStacks {
		clear(ps.goesOn)
	}
	ps.goesOn[id] = true
}

// keepLine is what a function that keeps its latest call's line defers
// first: as a panic leaves the function, the deferred calls run just
// before the interpreter reports the frame, which then takes the line.
// After a normal return the line stays until the goroutine's next frame
// or return replaces it.
func (ps *panicStacks) keepLine(fn string, line *int) {
	id := cellrt.Goid()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if len(ps.lines) >= mostStacks {
		clear(ps.lines)
	}
	ps.lines[id] = frameLine{fn: fn, line: *line}
}

// recovered marks the current goroutine's panic as recovered: its frames
// stay readable until the goroutine panics again. The functions that were
// running deferred calls for it are kept while the recovering function
// runs (recoverDone).
func (ps *panicStacks) recovered() {
	id := cellrt.Goid()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if len(ps.recovering) >= mostStacks {
		clear(ps.recovering)
	}
	ps.recovering[id] = append(ps.recovering[id], ps.deferrings[id])
	ps.recoverings.Store(int64(len(ps.recovering)))
	ps.finished[id] = true
	delete(ps.sites, id)
	delete(ps.deferrings, id)
}

// keepAside wraps recovered for goconc_rt.KeptAside, the recover of the
// nested-panic rewrite's deferred calls, which keeps a panic aside to be
// raised again: the frames it left are kept for then, when they are its
// own (the panic did not come out of a deferred call of a panic under
// way, and left a frame since the goroutine's previous one ended). A
// panic raised by the keeping function itself, which left no frame, is
// shown by the frames of its raising again.
func (ps *panicStacks) keepAside(recovered func(any) any) func(any) any {
	return func(v any) any {
		if v != nil {
			id := cellrt.Goid()
			ps.mu.Lock()
			if len(ps.kept) >= mostStacks {
				clear(ps.kept)
			}
			// The function keeping the panic aside runs its deferred
			// calls for it: the panic's frames are those before.
			frames := ps.frames[id]
			delete(ps.owners, id)
			switch ds := ps.deferrings[id]; {
			case len(ds) == 1 && ds[0].at > 0 && ds[0].at <= len(frames) && !ps.finished[id]:
				ps.kept[id] = slices.Clone(frames[:ds[0].at])
			case len(ds) == 2 && ds[1].at == len(frames) && ds[0].at <= ds[1].at:
				// A deferred function that recovered the panic under
				// way panicked itself and keeps that aside, with no
				// frame left: it, at its panic, the runtime's panic, the
				// frames of the one it recovered, then the function
				// that deferred it, at that panic, which stand for the
				// frame of the function as its raise leaves it.
				lit, fn := ds[1], ds[0]
				line := lit.line
				if c, l, ok := parseSite(ps.sites[id]); ok && c == lit.cell {
					line = l
				}
				kept := []stackFrame{{fn: lit.fn, cell: lit.cell, first: lit.first, line: line}, {fn: panicFn}}
				kept = append(kept, frames[:fn.at]...)
				ps.kept[id] = append(kept, stackFrame{fn: fn.fn, cell: fn.cell, first: fn.first, line: fn.line})
				ps.owners[id] = fn.fn
			default:
				delete(ps.kept, id)
			}
			ps.mu.Unlock()
		}
		return ps.recover(recovered)(v)
	}
}

// reraising notes that the current goroutine raises again the panic
// kept aside: the frame of the deferred call raising it gives way to
// the frames the panic left (record).
func (ps *panicStacks) reraising() {
	id := cellrt.Goid()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	delete(ps.reraiseOwners, id)
	if o, ok := ps.owners[id]; ok {
		delete(ps.owners, id)
		ps.reraiseOwners[id] = o
	}
	if k, ok := ps.kept[id]; ok {
		delete(ps.kept, id)
		if len(ps.reraised) >= mostStacks {
			clear(ps.reraised)
		}
		ps.reraised[id] = k
	}
}

// recoverDone notes that a function that recovered returns: a panic of
// its goroutine comes out of it no more.
func (ps *panicStacks) recoverDone() {
	if ps.recoverings.Load() == 0 {
		return
	}
	id := cellrt.Goid()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	r := ps.recovering[id]
	switch len(r) {
	case 0:
	case 1:
		delete(ps.recovering, id)
		ps.recoverings.Store(int64(len(ps.recovering)))
	default:
		ps.recovering[id] = r[:len(r)-1]
	}
}

// startAgain, as goroutine id's next panic starts after one it recovered,
// forgets the recovered panic's frames, which are no longer on its stack;
// but while the function that recovered it runs, they are: a panic out of
// it is one of a deferred call of the functions running deferred calls
// for the recovered panic (deferredPanicked), which get them back.
// ps.mu is held.
func (ps *panicStacks) startAgain(id int64) {
	if !ps.finished[id] {
		return
	}
	delete(ps.finished, id)
	if r := ps.recovering[id]; len(r) > 0 && len(r[len(r)-1]) > 0 {
		ps.deferrings[id] = slices.Clone(r[len(r)-1])
		return
	}
	delete(ps.frames, id)
	delete(ps.deferrings, id)
}

// starting notes that the current goroutine is about to panic: the
// frames of a panic it recovered before are no longer on its stack.
func (ps *panicStacks) starting() {
	id := cellrt.Goid()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.startAgain(id)
}

// take returns and forgets goroutine id's frames.
func (ps *panicStacks) take(id int64) []stackFrame {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	f := ps.frames[id]
	delete(ps.frames, id)
	delete(ps.finished, id)
	delete(ps.deferrings, id)
	delete(ps.goesOn, id)
	delete(ps.recovering, id)
	ps.recoverings.Store(int64(len(ps.recovering)))
	delete(ps.kept, id)
	delete(ps.reraised, id)
	delete(ps.owners, id)
	delete(ps.reraiseOwners, id)
	return f
}

// peek returns goroutine id's frames and the site of its latest panic
// statement or failed check.
func (ps *panicStacks) peek(id int64) ([]stackFrame, string) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.frames[id], ps.lastSites[id]
}

// stackFilter is the interpreter's standard error: it keeps the panic
// frame lines for panicStacks and passes everything else on.
type stackFilter struct {
	w      io.Writer
	stacks *panicStacks
	chains *panicChains
}

// PanicUnderWay is called by the patched interpreter (tools/yaegipatch's
// deferred_interp.go) with the value of the panic under way as a
// function starts its deferred calls, for the chain of panics a deferred
// call's panic interrupts.
func (f stackFilter) PanicUnderWay(v any) {
	f.chains.underWay(v)
}

func (f stackFilter) Write(p []byte) (int, error) {
	if f.stacks.record(p) {
		return len(p), nil
	}
	return f.w.Write(p)
}

// sourceNames says what positions in cells are called: the program's
// file in a file run, cell[N] in a notebook.
type sourceNames struct {
	program string // the file, for a program run from a file
}

func (n sourceNames) cell(cell uint64) string {
	if n.program != "" {
		return n.program
	}
	return fmt.Sprintf("cell[%d]", cell)
}

// file is the file that a stack frame or runtime.Caller names: in a file
// run the program's absolute path, as Go's own traces give it.
func (n sourceNames) file(cell uint64) string {
	if n.program != "" {
		if abs, err := filepath.Abs(n.program); err == nil {
			return abs
		}
	}
	return n.cell(cell)
}

// traceback is Go's report of an unrecovered panic: the value, then the
// goroutine and its frames in the cells' code, and for a goroutine the
// cells started, the go statement that started it. The functions goconc
// wraps cells in are left out; in a file run the program's main is
// main.main.
func (n sourceNames) traceback(msg string, goroutine int64, frames []stackFrame, origin *cellrt.Goroutine) []string {
	if origin != nil {
		goroutine = origin.Number
	}
	lines := []string{"panic: " + msg, "", fmt.Sprintf("goroutine %d [running]:", goroutine)}
	lines = append(lines, n.frameText(frames)...)
	return append(lines, n.createdBy(origin)...)
}

// frameText is frames as a trace lists them: a function and, indented,
// its place, per frame in the cells' code.
func (n sourceNames) frameText(frames []stackFrame) []string {
	var lines []string
	for _, f := range n.placed(frames) {
		if f.fn == panicFn {
			lines = append(lines, "panic(...)", "\t"+runtimePanicPlace())
			continue
		}
		where := f.file
		if f.line > 0 {
			where += ":" + strconv.Itoa(f.line)
		}
		fn := f.fn
		switch {
		case f.topLevel:
		case fn == "main.main" || strings.HasPrefix(fn, "main.init") || isGoWrapper(fn):
			// Go lists a frame's arguments; these functions take none.
			fn += "()"
		default:
			fn += "(...)"
		}
		lines = append(lines, fn, "\t"+where)
	}
	return lines
}

// placedFrame is a frame of a trace of the cells' code, as Go names its
// function and place.
type placedFrame struct {
	fn       string
	file     string
	line     int  // 0 when not known
	topLevel bool // a cell's top-level statements, named cell[N]
}

// placed returns the frames a trace lists of frames: the functions
// goconc wraps cells in are left out, and a cell's top-level statements,
// in the function goconc makes of them and the interpreter's own
// wrapper, are one frame, or none under main.init.
func (n sourceNames) placed(frames []stackFrame) []placedFrame {
	var out []placedFrame
	topLevel := false
	for _, f := range frames {
		fn := n.funcName(f.fn, f.cell)
		cellTop := fn == n.cell(f.cell)
		switch {
		case fn == "":
			continue
		case cellTop && topLevel:
			continue
		case cellTop:
			topLevel = true
		}
		out = append(out, placedFrame{fn: fn, file: n.file(f.cell), line: f.line, topLevel: cellTop})
		if fn == "main.init" {
			// The package's initialization, which nothing of the cells'
			// code calls: what is under it runs the cell (a variable
			// declaration the cell runs as a statement).
			break
		}
	}
	return out
}

// runtimePanicPlace is where the runtime's panic calls a deferred
// function, FILE:LINE in the Go release this program was built with, as
// Go's traces show it under panic(...).
var runtimePanicPlace = sync.OnceValue(func() string {
	place := "runtime/panic.go"
	func() {
		defer func() {
			pcs := make([]uintptr, 8)
			frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
			for {
				f, more := frames.Next()
				if f.Function == panicFn {
					place = f.File + ":" + strconv.Itoa(f.Line)
					break
				}
				if !more {
					break
				}
			}
			recover()
		}()
		panic("probe")
	}()
	return place
})

// createdBy is the "created by" line of a trace of the goroutine a go
// statement of the cells gave origin, and the statement's place.
func (n sourceNames) createdBy(origin *cellrt.Goroutine) []string {
	if origin == nil {
		return nil
	}
	by, where := n.creator(origin)
	if by == "" {
		return nil
	}
	return []string{fmt.Sprintf("created by %s in goroutine %d", by, origin.Parent), "\t" + where}
}

// funcName returns the name a frame of the function the interpreter or
// the rewrite names fn, in cell's code, has in a report: "" for the
// functions goconc wraps cells in and, in a file run, for the call of
// main; cell[N] for a cell's top-level statements.
func (n sourceNames) funcName(fn string, cell uint64) string {
	if rest, ok := strings.CutPrefix(fn, "main."+MainName); ok && (rest == "" || rest[0] == '.') {
		fn = "main.main" + rest
	}
	switch {
	case strings.HasPrefix(fn, "main.goconc_cell") && isGoWrapper(fn):
		// Go's wrapper of a go statement in a cell's top-level statements.
		_, wrap, _ := strings.Cut(fn, ".gowrap")
		return n.cell(cell) + ".gowrap" + wrap
	case strings.HasPrefix(fn, "main.goconc_cell") && strings.Contains(fn, ".func"):
		// A literal in a cell's top-level statements (literals.go),
		// named after the cell as one in main is after main.
		_, lit, _ := strings.Cut(fn, ".func")
		return n.cell(cell) + ".func" + lit
	case fn == "main" || strings.HasPrefix(fn, "main.goconc_cell") || strings.HasPrefix(fn, "main.goconc_value"):
		if n.program != "" {
			return ""
		}
		return n.cell(cell)
	case strings.HasPrefix(fn, "main.goconc_"):
		return ""
	}
	return fn
}

var spawnSite = regexp.MustCompile(`^cell (\d+), line (\d+)$`)

// creator returns the function that started a goroutine, as Go's
// "created by" line names it, and the place of the go statement.
func (n sourceNames) creator(g *cellrt.Goroutine) (string, string) {
	m := spawnSite.FindStringSubmatch(g.Site)
	if m == nil || g.Creator == "" {
		return "", ""
	}
	cell, _ := strconv.ParseUint(m[1], 10, 64)
	by := n.funcName(g.Creator, cell)
	if by == "" {
		return "", ""
	}
	return by, n.file(cell) + ":" + m[2]
}

// sourceFile is the file name the source of cell number cell carries for
// the interpreter: the interpreter finds a file's imports by the base of
// its name, which stays "_.go", while the directory says which cell the
// positions it reports belong to.
func sourceFile(cell uint64) string { return fmt.Sprintf("cell%d/_.go", cell) }

// position names a place in a cell as compile errors show it.
func (n sourceNames) position(cell uint64, line, col int) string {
	if n.program != "" {
		return fmt.Sprintf("%s:%d:%d", n.program, line, col)
	}
	return fmt.Sprintf("cell line %d, column %d", line, col)
}

// stackedPanic is a goroutine's panic value with the frames it passed
// through, as the goroutine's guard hands it on.
type stackedPanic struct {
	value     any
	goroutine int64
	frames    []stackFrame
	origin    *cellrt.Goroutine // its number and go statement
}

func (st stackedPanic) Error() string { return fmt.Sprint(st.value) }

// withStack returns v with the current goroutine's frames; g is what its
// go statement gave the goroutine.
func (ps *panicStacks) withStack(v any, g *cellrt.Goroutine) any {
	id := cellrt.Goid()
	return stackedPanic{value: v, goroutine: id, frames: ps.take(id), origin: g}
}

// withWrapper is withStack for a goroutine of a go statement of a
// builtin, go panic(v) or go close(ch), named after the wrapper Go runs
// the builtin in (rewrite's gowraps.go): the wrapper's frame, at the go
// statement, is the goroutine's only one in Go's report, where the
// interpreter has the closure the rewrite calls the builtin in.
func (ps *panicStacks) withWrapper(v any, g *cellrt.Goroutine) any {
	st := ps.withStack(v, g).(stackedPanic)
	m := spawnSite.FindStringSubmatch(g.Site)
	if m == nil {
		return st
	}
	cell, _ := strconv.ParseUint(m[1], 10, 64)
	line, _ := strconv.Atoi(m[2])
	st.frames = []stackFrame{{fn: g.Func, cell: cell, line: line}}
	return st
}

// isGoWrapper reports whether fn names a wrapper Go's compiler makes for
// a go statement, main.main.gowrap1.
func isGoWrapper(fn string) bool { return goWrapper.MatchString(fn) }

var goWrapper = regexp.MustCompile(`\.gowrap\d+$`)

// withStackAt is withStack for a goroutine whose function is a literal
// (rewrite's framelines.go): the guard's recover stops the panic in the
// literal's own frame, which the interpreter then never reports, so it
// is added here, with the line of the call the panic came out of.
//
// A panic that began in the literal itself, with no frame before it,
// takes the line of its panic statement, if it was one: the line kept is
// that of a call that has returned. A run-time error's line is then
// left to callLines.panicLine.
func (ps *panicStacks) withStackAt(v any, g *cellrt.Goroutine, fn string, cell uint64, line int) any {
	id := cellrt.Goid()
	st := ps.withStack(v, g).(stackedPanic)
	if len(st.frames) == 0 {
		ps.mu.Lock()
		c, l, ok := ps.site(id)
		ps.mu.Unlock()
		line = 0
		if ok && c == cell {
			line = l
		}
	}
	st.frames = append(st.frames, stackFrame{fn: fn, line: line, cell: cell})
	return st
}

// recover wraps recovered, what goconc_rt.Recovered calls, to note that
// the goroutine's frames belong to the recovered panic no more.
func (ps *panicStacks) recover(recovered func(any) any) func(any) any {
	return func(v any) any {
		if v != nil {
			ps.recovered()
		}
		return recovered(v)
	}
}

func (ps *panicStacks) exports() interp.Exports {
	return interp.Exports{
		runtimePackage + "/rt": {
			"WithStack":   reflect.ValueOf(ps.withStack),
			"PanicAt":     reflect.ValueOf(ps.panicAt),
			"FrameLine":   reflect.ValueOf(ps.keepLine),
			"Returning":   reflect.ValueOf(ps.returning),
			"Reraising":   reflect.ValueOf(ps.reraising),
			"WithStackAt": reflect.ValueOf(ps.withStackAt),
		},
	}
}

// Panic sites. The interpreter's frame lines give each function but not
// the line running in it, so the line of a panic statement is recorded
// just before it runs: markPanicSites puts goconc_rt.PanicAt("FILE:LINE")
// before every panic(...) statement, the engine's own bounds checks
// included, and the first frame the panic then leaves takes that line.

// panicAt records where the current goroutine is about to panic.
func (ps *panicStacks) panicAt(site string) {
	id := cellrt.Goid()
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if len(ps.sites) >= mostStacks {
		clear(ps.sites)
	}
	if len(ps.lastSites) >= mostStacks {
		clear(ps.lastSites)
	}
	ps.sites[id] = site
	ps.lastSites[id] = site
}

var siteText = regexp.MustCompile(`^cell(\d+)/_\.go:(\d+)$`)

// site returns and forgets the recorded site of goroutine id's panic.
// ps.mu is held.
func (ps *panicStacks) site(id int64) (cell uint64, line int, ok bool) {
	s, ok := ps.sites[id]
	if !ok {
		return 0, 0, false
	}
	delete(ps.sites, id)
	return parseSite(s)
}

// parseSite reads a site panicAt recorded.
func parseSite(s string) (cell uint64, line int, ok bool) {
	m := siteText.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	cell, _ = strconv.ParseUint(m[1], 10, 64)
	line, _ = strconv.Atoi(m[2])
	return cell, line, true
}

var reportPlace = regexp.MustCompile(`cell \d+, line (\d+)( \(the cell itself\))?`)

// report makes the places in a deadlock report name the program's file in
// a file run.
func (n sourceNames) report(lines []string) []string {
	if n.program == "" {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = reportPlace.ReplaceAllString(l, n.program+":$1")
	}
	return out
}

// callLines are the lines the cells' functions call each other on
// (rewrite.CallLines), which the session keeps across cells.
type callLines rewrite.CallLines

// panicLine gives the innermost frame, when it has no line, the line
// where its function can raise the run-time error msg, when there is one
// such line (rewrite's panicrecord.go).
func (lines callLines) panicLine(frames []stackFrame, msg string) []stackFrame {
	if len(frames) == 0 || frames[0].line != 0 {
		return frames
	}
	var kind string
	switch {
	case strings.HasPrefix(msg, "assignment to entry in nil map"):
		kind = rewrite.PanicNilMap
	case strings.HasSuffix(msg, "integer divide by zero"):
		kind = rewrite.PanicDivide
	case strings.HasPrefix(msg, "close of "):
		kind = rewrite.PanicClose
	case strings.HasPrefix(msg, "interface conversion: "):
		kind = rewrite.PanicAssert
	case strings.HasSuffix(msg, "nil pointer dereference"):
		kind = rewrite.PanicDeref
	case strings.Contains(msg, "makeslice: "), strings.Contains(msg, "growslice: "), strings.HasPrefix(msg, "makechan: "):
		kind = rewrite.PanicMake
	default:
		return frames
	}
	fn := frames[0].fn
	if frames[0].lit != "" {
		fn = frames[0].lit
	}
	l := lines[fn][kind]
	if len(l) != 1 {
		return frames
	}
	out := slices.Clone(frames)
	out[0].line = l[0]
	return out
}

// exitLine gives a frame whose function was returning when one of its
// deferred calls panicked the line it returns from, when it can return
// from one line only (rewrite's panicrecord.go).
func (lines callLines) exitLine(frames []stackFrame) []stackFrame {
	out := slices.Clone(frames)
	for i, f := range out {
		if !f.exit || f.line != 0 {
			continue
		}
		fn := f.fn
		if f.lit != "" {
			fn = f.lit
		}
		if l := lines[fn][rewrite.ExitKey]; len(l) == 1 {
			out[i].line = l[0]
		}
	}
	return out
}

// fill gives each outer frame without a line the line its function
// calls the next inner frame's function on, when it does so on one line:
// a literal's by the name Go gives it first, since the interpreter names
// all the literals of the initializers alike.
func (lines callLines) fill(frames []stackFrame) []stackFrame {
	out := slices.Clone(frames)
	for i := 1; i < len(out); i++ {
		if out[i].line != 0 {
			continue
		}
		if l := lines[out[i].fn][out[i-1].lit]; out[i-1].lit != "" && len(l) == 1 {
			out[i].line = l[0] // a literal, by the name Go gives it
		} else if l := lines[out[i].fn][out[i-1].fn]; len(l) == 1 {
			out[i].line = l[0]
		}
	}
	return out
}
