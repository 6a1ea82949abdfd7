package cellrt

import (
	"sync"
	"sync/atomic"
)

// Goroutine numbers. A Go program's main goroutine is goroutine 1 and the
// goroutines it starts are numbered in the order its go statements run;
// under GOMAXPROCS=1 the runtime's own goroutines take 2 to 6 first, so a
// simple program's first goroutine is 7. (With more processors the
// runtime's garbage collection workers take numbers too, as many as there
// are processors and at times of the scheduler's choosing, so Go's own
// numbers vary from run to run.) The interpreter's ids count the kernel's
// goroutines as well; panic reports show these numbers instead: the
// cell's own goroutine is 1, as main is.

// firstNumber is the number of the first goroutine the cells start,
// unless SetFirst says otherwise: that of a program that imports os.
const firstNumber = 7

// A Goroutine is what a go statement hands the goroutine it starts: the
// number Go would give it and where it was created, for the "created by"
// line of its panic report.
type Goroutine struct {
	Number int64 // as Go numbers goroutines
	Parent int64 // the number of the goroutine that ran the go statement
	// ParentID is the runtime's id of the goroutine that ran the go
	// statement (Goid), which a stack trace of the new one would give
	// at a far higher price.
	ParentID int64
	Creator  string // the function holding the go statement, as the rewrite names it
	Site     string // the go statement's place: "cell N, line L"
	// Func is the function the go statement starts, as the rewrite
	// names it, "" when not known: the frame a trace of every goroutine
	// shows for it.
	Func string
	// Wrapper is the wrapper Go runs the go statement's call of Func
	// through (main.main.gowrap1), "" for none: the frame a trace of
	// every goroutine shows for it before it runs.
	Wrapper string
}

// Numbers numbers the goroutines the cells start, across cells, and knows
// the number of each one running. Go statements are frequent: nothing here
// takes a lock but to record a goroutine.
type Numbers struct {
	last  atomic.Int64
	first atomic.Int64 // the first number, when not firstNumber
	byID  sync.Map     // goroutine id to *Goroutine, from Enter to Exit
	// pending holds the goroutines go statements started that have not
	// entered yet, as keys: Go lists them in a trace of every goroutine.
	pending sync.Map
}

// SetFirst sets the number of the first goroutine the cells start, which
// depends on the runtime goroutines a program's packages start (see
// the engine's goroutines.go). It is called before any go statement
// runs.
func (n *Numbers) SetFirst(first int64) { n.first.Store(first) }

// Spawn is run by a go statement, in the goroutine that runs it, for the
// goroutine it starts.
func (n *Numbers) Spawn(creator, site string) *Goroutine {
	id := Goid()
	first := n.first.Load()
	if first == 0 {
		first = firstNumber
	}
	g := &Goroutine{Number: n.last.Add(1) + first - 1, Parent: n.number(id), ParentID: id, Creator: creator, Site: site}
	n.pending.Store(g, struct{}{})
	return g
}

// Pending returns the goroutines go statements started that have not
// entered yet.
func (n *Numbers) Pending() []*Goroutine {
	var out []*Goroutine
	n.pending.Range(func(k, _ any) bool {
		out = append(out, k.(*Goroutine))
		return true
	})
	return out
}

// Enter records g as the calling goroutine's.
func (n *Numbers) Enter(g *Goroutine) {
	if g != nil {
		// Out of pending first: a trace may miss it for a moment, but
		// never lists it twice.
		n.pending.Delete(g)
		n.byID.Store(Goid(), g)
	}
}

// Exit forgets the calling goroutine's number.
func (n *Numbers) Exit() { n.byID.Delete(Goid()) }

// Current returns the calling goroutine's number: 1 for a goroutine no go
// statement of the cells started (a cell's own, as main's is).
func (n *Numbers) Current() int64 { return n.number(Goid()) }

// number returns the number of goroutine id.
func (n *Numbers) number(id int64) int64 {
	if g, ok := n.byID.Load(id); ok {
		return g.(*Goroutine).Number
	}
	return 1
}

// Of returns what the go statement that started goroutine id gave it, or
// nil for a goroutine no go statement of the cells started.
func (n *Numbers) Of(id int64) *Goroutine {
	if g, ok := n.byID.Load(id); ok {
		return g.(*Goroutine)
	}
	return nil
}
