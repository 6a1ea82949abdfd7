package cellrt

import (
	"runtime"
	"sync"
	"testing"
	"unsafe"
)

// TestHoldersOfDeadLocks checks that a record of who held a lock is
// never taken for a record of a new variable the allocator puts at the
// dead lock's address: a later cell's WaitGroup was reported as held by
// the goroutine that last locked a mutex there.
func TestHoldersOfDeadLocks(t *testing.T) {
	// Each pair is of the same size, so that the second often lands where
	// a first was.
	type account struct {
		mu      sync.Mutex
		balance int
	}
	type guarded struct {
		rw sync.RWMutex
		n  int
	}
	tests := []struct {
		name string
		// lock locks and unlocks (or leaves locked) a lock through r and
		// returns its address.
		lock func(r *Runtime) unsafe.Pointer
		// later allocates a new variable and returns its address.
		later   func() unsafe.Pointer
		readers bool
	}{
		{"WaitGroup after a Mutex", func(r *Runtime) unsafe.Pointer {
			a := &account{}
			r.LockMutex(&a.mu, "old")
			r.UnlockMutex(&a.mu)
			return unsafe.Pointer(&a.mu)
		}, func() unsafe.Pointer { return unsafe.Pointer(new(sync.WaitGroup)) }, false},
		{"Mutex after a Mutex left locked", func(r *Runtime) unsafe.Pointer {
			a := &account{}
			r.LockMutex(&a.mu, "old")
			return unsafe.Pointer(&a.mu)
		}, func() unsafe.Pointer { return unsafe.Pointer(&(&account{}).mu) }, false},
		{"RWMutex after a read-locked RWMutex", func(r *Runtime) unsafe.Pointer {
			g := &guarded{}
			r.RLock(&g.rw, "old")
			return unsafe.Pointer(&g.rw)
		}, func() unsafe.Pointer { return unsafe.Pointer(&(&guarded{}).rw) }, true},
		{"RWMutex after a write-locked RWMutex", func(r *Runtime) unsafe.Pointer {
			g := &guarded{}
			r.LockRW(&g.rw, "old")
			return unsafe.Pointer(&g.rw)
		}, func() unsafe.Pointer { return unsafe.Pointer(&(&guarded{}).rw) }, false},
	}
	underProcs(t, func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := New(Options{})
				const n = 2000
				// The allocator need not reuse an address soon: a few
				// rounds make it all but certain that one is.
				reused := 0
				for round := 0; round < 5 && reused == 0; round++ {
					old := map[uintptr]bool{}
					for range n {
						old[uintptr(tt.lock(r))] = true
					}
					var keep []unsafe.Pointer // so that each new variable has its own address
					for i := range 8 * n {
						if i%n == 0 {
							runtime.GC()
						}
						p := tt.later()
						keep = append(keep, p)
						if !old[uintptr(p)] {
							continue
						}
						reused++
						if h, ok := r.holders.get(p); ok {
							t.Fatalf("a new variable at a dead lock's address is held by goroutine %d at %q", h.id, h.where)
						}
						if tt.readers {
							if rs := r.holders.readers(p); len(rs) > 0 {
								t.Fatalf("a new RWMutex at a dead one's address is read-locked at %q", rs[0].where)
							}
						}
					}
					runtime.KeepAlive(keep)
				}
				if reused == 0 {
					t.Fatal("no new variable took a dead lock's address: the check did not run")
				}
			})
		}
	})
}
