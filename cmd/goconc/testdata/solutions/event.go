import (
	"sync"
	"time"
)

// Event is Python's threading.Event: a flag goroutines can wait for.
type Event struct {
	mu  sync.Mutex
	ch  chan struct{} // closed while the event is set
	set bool
}

func NewEvent() *Event { return &Event{ch: make(chan struct{})} }

// Set sets the flag and wakes every waiter.
func (e *Event) Set() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.set {
		e.set = true
		close(e.ch)
	}
}

// Clear resets the flag: later waiters block until the next Set.
func (e *Event) Clear() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.set {
		e.set = false
		e.ch = make(chan struct{})
	}
}

// IsSet reports whether the flag is set.
func (e *Event) IsSet() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.set
}

// Wait blocks until the event is set or timeout passes, and reports
// whether the event is set.
func (e *Event) Wait(timeout time.Duration) bool {
	e.mu.Lock()
	ch := e.ch
	e.mu.Unlock()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-ch:
		return true
	case <-t.C:
		return e.IsSet()
	}
}
