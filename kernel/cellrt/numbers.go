package cellrt

import "sync"

// Goroutine numbers. A Go program's main goroutine is goroutine 1 and the
// goroutines it starts are numbered in the order its go statements run;
// under GOMAXPROCS=1 the runtime's own goroutines take 2 to 6 first, so a
// simple program's first goroutine is 7. (With more processors the
// runtime's garbage collection workers take numbers too, as many as there
// are processors and at times of the scheduler's choosing, so Go's own
// numbers vary from run to run.) The interpreter's ids count the kernel's
// goroutines as well; panic reports show these numbers instead: the
// cell's own goroutine is 1, as main is.

// firstNumber is the number of the first goroutine the cells start.
const firstNumber = 7

// A Goroutine is what a go statement hands the goroutine it starts: the
// number Go would give it and where it was created, for the "created by"
// line of its panic report.
type Goroutine struct {
	Number  int64  // as Go numbers goroutines
	Parent  int64  // the number of the goroutine that ran the go statement
	Creator string // the function holding the go statement, as the rewrite names it
	Site    string // the go statement's place: "cell N, line L"
}

// Numbers numbers the goroutines the cells start, across cells, and knows
// the number of each one running.
type Numbers struct {
	mu   sync.Mutex
	last int64
	byID map[int64]*Goroutine // by goroutine id, from Enter to Exit
}

// Spawn is run by a go statement, in the goroutine that runs it, for the
// goroutine it starts.
func (n *Numbers) Spawn(creator, site string) *Goroutine {
	parent := n.Current()
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.last < firstNumber-1 {
		n.last = firstNumber - 1
	}
	n.last++
	return &Goroutine{Number: n.last, Parent: parent, Creator: creator, Site: site}
}

// Enter records g as the calling goroutine's.
func (n *Numbers) Enter(g *Goroutine) {
	if g == nil {
		return
	}
	id := Goid()
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.byID == nil {
		n.byID = map[int64]*Goroutine{}
	}
	n.byID[id] = g
}

// Exit forgets the calling goroutine's number.
func (n *Numbers) Exit() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.byID) == 0 {
		return
	}
	delete(n.byID, Goid())
}

// Current returns the calling goroutine's number: 1 for a goroutine no go
// statement of the cells started (a cell's own, as main's is).
func (n *Numbers) Current() int64 {
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.byID) == 0 {
		return 1
	}
	if g, ok := n.byID[Goid()]; ok {
		return g.Number
	}
	return 1
}
