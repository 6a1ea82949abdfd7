package engine

import (
	"bytes"
	"context"
	"io"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"goconc/kernel/cellrt"
)

// Output attribution. A goroutine a cell starts may print after the cell
// has returned, while a later cell runs or while none does; a notebook
// shows that text under the cell that started the goroutine. Goroutines
// belong to the cell whose code started them, directly or through other
// goroutines of that cell, and so does what they print through the
// routes the interpreter owns: fmt's Print functions, the print and
// println builtins and package log.
//
// The runtime records the cell of each goroutine when it begins (Enter):
// the cell of the goroutine that started it, read from the "created by
// ... in goroutine N" line of its stack trace (the same trace the tracker
// reads its id from), or, for a cell's own function, the running cell.
// Finding the goroutine that prints costs a stack trace too, so printing
// pays it only while "late" goroutines (of other cells than the running
// one) are alive and not all waiting in the runtime; otherwise whatever
// is printed is the running cell's.

// A CellWriter receives text that cells print, with the cell it comes
// from (see Options.CellStdout).
type CellWriter interface {
	// WriteCell writes text printed by a goroutine of the given cell: the
	// number passed to ExecuteCell for the cell that started it. Zero
	// means that the goroutine's cell is not known.
	WriteCell(cell uint64, p []byte) (int, error)
}

// ExecuteCell runs one cell as Execute does, under a number (not zero)
// by which a CellWriter is told what the cell's goroutines print, even
// after ExecuteCell returns.
func (s *Session) ExecuteCell(ctx context.Context, cell uint64, code string) Result {
	return s.execute(ctx, cell, code)
}

// printers returns the writers the interpreter prints to: Stdout and
// Stderr, or, for those with a CellWriter, writers that tell it the cell
// of each write.
func (opts *Options) printers(own *owners) (stdout, stderr io.Writer) {
	stdout, stderr = opts.Stdout, opts.Stderr
	if opts.CellStdout != nil {
		stdout = attributed{own, opts.CellStdout}
		own.enabled = true
	}
	if opts.CellStderr != nil {
		stderr = attributed{own, opts.CellStderr}
		own.enabled = true
	}
	return stdout, stderr
}

// bindFiles makes Stdout and Stderr, when they are files, the cells'
// os.Stdout and os.Stderr. The interpreter does that itself for the
// writers it prints to, but those are not files when a CellWriter takes
// the printing. Stdin, when it is a file (a program run from a file),
// is os.Stdin as it is, an *os.File that a program can hand to functions
// that take one.
func (opts *Options) bindFiles(pkg map[string]reflect.Value) {
	if f, ok := opts.Stdin.(*os.File); ok {
		pkg["Stdin"] = reflect.ValueOf(&f).Elem()
	}
	if f, ok := opts.Stdout.(*os.File); ok && opts.CellStdout != nil {
		pkg["Stdout"] = reflect.ValueOf(&f).Elem()
	}
	if f, ok := opts.Stderr.(*os.File); ok && opts.CellStderr != nil {
		pkg["Stderr"] = reflect.ValueOf(&f).Elem()
	}
}

// attributed is a writer for the interpreter that passes each write on
// with the cell of the goroutine making it.
type attributed struct {
	own *owners
	w   CellWriter
}

func (a attributed) Write(p []byte) (int, error) { return a.w.WriteCell(a.own.printing(), p) }

// owners knows which cell each goroutine belongs to.
type owners struct {
	enabled bool // a CellWriter wants to know; otherwise nothing is recorded
	track   *cellrt.Runtime
	// now is what printing needs to know when no late goroutine lives,
	// read without the lock; it changes with running and lateIDs.
	now    atomic.Pointer[ownerState]
	stacks sync.Pool // *[]byte buffers for stack traces

	mu      sync.Mutex // guards what follows
	active  bool       // a cell is running
	running uint64     // the running cell's number; 0 between cells
	// live maps goroutine ids to cells, for the goroutines alive when it
	// was last pruned and those recorded since; lateIDs holds those of
	// them that are late. Goroutines that end are noticed when live is
	// pruned, at the start and end of each cell and as it grows.
	live    map[int64]uint64
	lateIDs map[int64]bool
	limit   int              // prune live when it grows past this
	ended   map[int64]uint64 // goroutines that ended, as parents of goroutines yet to begin running
	ring    [recentMax]int64 // ended's keys, oldest first from next
	next    int              // where the next key goes in ring
}

type ownerState struct {
	running uint64
	late    bool // lateIDs is not empty
}

const (
	// recentMax bounds how many ended goroutines are remembered as parents.
	recentMax = 1024
	// asleepMax bounds how many late goroutines printing checks for being
	// asleep before it reads the printer's stack instead.
	asleepMax = 64
)

func newOwners(t *cellrt.Runtime) *owners {
	o := &owners{
		track:   t,
		live:    map[int64]uint64{},
		lateIDs: map[int64]bool{},
		ended:   map[int64]uint64{},
		limit:   recentMax,
	}
	o.now.Store(&ownerState{})
	return o
}

// publish makes the running cell and whether late goroutines live known
// to printing, at once.
func (o *owners) publish() {
	if now := o.now.Load(); now.running != o.running || now.late != (len(o.lateIDs) > 0) {
		o.now.Store(&ownerState{running: o.running, late: len(o.lateIDs) > 0})
	}
}

// begin records that cell starts running.
func (o *owners) begin(cell uint64) {
	if !o.enabled {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.active, o.running = true, cell
	o.prune()
}

// end records that the running cell returned.
func (o *owners) end() {
	if !o.enabled {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.active, o.running = false, 0
	o.prune()
}

// prune forgets the goroutines the tracker no longer counts (those that
// ended and those an interrupt released), keeping the last recentMax as
// parents, and finds the late ones among the rest.
func (o *owners) prune() {
	alive := map[int64]bool{}
	for _, id := range o.track.IDs() {
		alive[id] = true
	}
	clear(o.lateIDs)
	for id, cell := range o.live {
		switch {
		case !alive[id]:
			delete(o.live, id)
			o.remember(id, cell)
		case o.isLate(cell):
			o.lateIDs[id] = true
		}
	}
	o.limit = 2*len(o.live) + recentMax
	o.publish()
}

func (o *owners) isLate(cell uint64) bool { return !o.active || cell != o.running }

func (o *owners) remember(id int64, cell uint64) {
	if old := o.ring[o.next]; old != 0 {
		delete(o.ended, old)
	}
	o.ring[o.next] = id
	o.next = (o.next + 1) % recentMax
	o.ended[id] = cell
}

func (o *owners) lookup(id int64) (uint64, bool) {
	if cell, ok := o.live[id]; ok {
		return cell, true
	}
	cell, ok := o.ended[id]
	return cell, ok
}

// enter runs at the start of a cell's own function (started is "") and
// of each goroutine a cell starts, after the tracker counts it: id is the
// goroutine's, parent the one that started it (0 if not known).
func (o *owners) enter(id, parent int64, started string) {
	if !o.enabled {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	cell, ok := o.lookup(parent)
	if started == "" || !ok {
		if !o.active {
			return
		}
		// A cell's own function, or a goroutine started where the
		// runtime does not see (by compiled code, say) while it runs.
		cell = o.running
	}
	if cell == 0 {
		return
	}
	o.live[id] = cell
	if o.isLate(cell) {
		o.lateIDs[id] = true
		o.publish()
	}
	if len(o.live) > o.limit {
		o.prune()
	}
}

// printing returns the cell of the goroutine that is printing, or 0.
func (o *owners) printing() uint64 {
	if now := o.now.Load(); !now.late {
		return now.running
	}
	if running, ok := o.lateAsleep(); ok {
		return running
	}
	id, parent := o.goroutine(true)
	o.mu.Lock()
	defer o.mu.Unlock()
	if cell, ok := o.lookup(id); ok {
		return cell
	}
	// A goroutine compiled code started for the cell (an errgroup's,
	// say) prints for the goroutine that started it.
	if cell, ok := o.lookup(parent); ok {
		return cell
	}
	return o.running
}

// lateAsleep reports whether every late goroutine waits in the runtime
// (on a channel, a lock, a WaitGroup), so that the one printing is not
// one of them and belongs to the running cell, which it returns. A
// goroutine that leaked from an earlier cell then costs the printing of
// later ones little.
func (o *owners) lateAsleep() (running uint64, ok bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.lateIDs) > asleepMax {
		return 0, false
	}
	for id := range o.lateIDs {
		if waiting, known := o.track.Waiting(id); known && !waiting {
			return 0, false
		}
	}
	return o.running, true
}

// goroutine returns the calling goroutine's id and, when withParent is
// set, the id of the goroutine that started it (0 when unknown), both
// read from its stack trace.
func (o *owners) goroutine(withParent bool) (id, parent int64) {
	if !withParent {
		return cellrt.Goid(), 0
	}
	bp, _ := o.stacks.Get().(*[]byte)
	if bp == nil {
		b := make([]byte, 64<<10)
		bp = &b
	}
	defer o.stacks.Put(bp)
	trace := (*bp)[:runtime.Stack(*bp, false)]
	return goroutineID(trace), creatorID(trace, len(trace) == len(*bp))
}

// goroutineID reads the id from a trace's first line, "goroutine 7 [running]:".
func goroutineID(trace []byte) int64 {
	rest, ok := bytes.CutPrefix(trace, []byte("goroutine "))
	if !ok {
		return 0
	}
	if end := bytes.IndexByte(rest, ' '); end >= 0 {
		rest = rest[:end]
	}
	id, _ := strconv.ParseInt(string(rest), 10, 64)
	return id
}

// creatorID reads the id of the goroutine that started the traced one
// from the trace's last function line, "created by main.f in goroutine 1".
// A truncated trace may have lost that line.
func creatorID(trace []byte, truncated bool) int64 {
	if truncated {
		return 0
	}
	const created, in = "\ncreated by ", " in goroutine "
	i := bytes.LastIndex(trace, []byte(created))
	if i < 0 {
		return 0
	}
	line := trace[i+len(created):]
	if end := bytes.IndexByte(line, '\n'); end >= 0 {
		line = line[:end]
	}
	j := bytes.LastIndex(line, []byte(in))
	if j < 0 {
		return 0
	}
	id, _ := strconv.ParseInt(string(line[j+len(in):]), 10, 64)
	return id
}
