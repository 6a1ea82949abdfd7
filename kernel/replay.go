package kernel

import "sync"

// replayMemory is how many signatures the kernel remembers to refuse a
// message sent again, as jupyter_client's Session does.
const replayMemory = 1 << 16

// replayGuard remembers the signatures of the last messages accepted. A
// signed message is accepted once: anyone who can read a client's
// traffic could otherwise make the kernel run a cell again by sending a
// copy.
type replayGuard struct {
	mu   sync.Mutex
	seen map[string]bool
	ring []string // the signatures in seen, oldest at next once full
	next int
}

func newReplayGuard(n int) *replayGuard {
	return &replayGuard{seen: make(map[string]bool), ring: make([]string, n)}
}

// accept records signature and reports whether it is new. Unsigned
// messages ("" when the connection has no key) are always accepted.
func (g *replayGuard) accept(signature string) bool {
	if signature == "" {
		return true
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.seen[signature] {
		return false
	}
	if old := g.ring[g.next]; old != "" {
		delete(g.seen, old)
	}
	g.ring[g.next] = signature
	g.next = (g.next + 1) % len(g.ring)
	g.seen[signature] = true
	return true
}
