package engine

import (
	"context"
	"io"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
)

// noiseSession is a session whose noise hook counts its calls and, when
// yield is set, lets other goroutines run, as the grader's noise does at
// some of them.
func noiseSession(t *testing.T, yield bool) (*Session, *atomic.Int64) {
	t.Helper()
	calls := &atomic.Int64{}
	s, err := NewSession(Options{Stdout: io.Discard, Stderr: io.Discard, Noise: func() {
		calls.Add(1)
		if yield {
			runtime.Gosched()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, calls
}

func execOK(t *testing.T, s *Session, src string) Result {
	t.Helper()
	res := s.Execute(context.Background(), src)
	if res.Err != nil {
		t.Fatalf("%s: %s: %s", src, res.Err.Name, res.Err.Value)
	}
	return res
}

// TestNoiseBeforeRelease checks that the noise hook runs once before each
// operation that may wake another goroutine, however the cell names it:
// a method of sync's types, a sync.Locker, a method promoted from an
// embedded field, a deferred call.
func TestNoiseBeforeRelease(t *testing.T) {
	s, calls := noiseSession(t, false)
	execOK(t, s, `import "sync"

type guarded struct {
	sync.Mutex
	n int
}

var (
	mu sync.Mutex
	rw sync.RWMutex
	wg sync.WaitGroup
	c  = sync.NewCond(&mu)
	l  sync.Locker = &mu
	g  guarded
)`)
	tests := []struct{ name, setup, op string }{
		{"Mutex.Unlock", "mu.TryLock()", "mu.Unlock()"},
		{"RWMutex.Unlock", "rw.TryLock()", "rw.Unlock()"},
		{"RWMutex.RUnlock", "rw.TryRLock()", "rw.RUnlock()"},
		{"Locker.Unlock", "mu.TryLock()", "l.Unlock()"},
		{"promoted Unlock", "g.TryLock()", "g.Unlock()"},
		{"WaitGroup.Done", "wg.Add(1)", "wg.Done()"},
		{"deferred WaitGroup.Done", "wg.Add(1)", "func() { defer wg.Done() }()"},
		{"Cond.Signal", "", "c.Signal()"},
		{"Cond.Broadcast", "", "c.Broadcast()"},
	}
	// A cell's run calls the hook as it starts; the set-up calls
	// (TryLock, TryRLock, Add) do not.
	before := calls.Load()
	execOK(t, s, "_ = 0\n")
	base := calls.Load() - before
	for _, tt := range tests {
		before := calls.Load()
		execOK(t, s, tt.setup+"\n"+tt.op+"\n")
		if got := calls.Load() - before - base; got != 1 {
			t.Errorf("%s: %d noise calls, want 1", tt.name, got)
		}
	}
}

// TestNoiseCatchesTryLockBug runs a counter whose goroutines give up an
// increment when TryLock finds the lock taken. Its loss shows only when a
// goroutine is paused while it holds the lock, which noise before Unlock
// does: with it, every run loses increments; the same counter with Lock
// is right on every run.
func TestNoiseCatchesTryLockBug(t *testing.T) {
	const count = `import "sync"

func Count(goroutines, increments int, try bool) int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < increments; i++ {
				if try {
					if !mu.TryLock() {
						continue
					}
				} else {
					mu.Lock()
				}
				total++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return total
}`
	for _, tt := range []struct {
		name string
		try  bool
		ok   bool
	}{
		{"TryLock", true, false},
		{"Lock", false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := noiseSession(t, true)
			execOK(t, s, count)
			for run := 0; run < 5; run++ {
				res := execOK(t, s, "Count(4, 500, "+strconv.FormatBool(tt.try)+")")
				got, _ := res.Value["text/plain"].(string)
				if ok := got == "2000"; ok != tt.ok {
					t.Errorf("run %d: Count(4, 500) = %s with noise; right: %v, want %v", run, got, ok, tt.ok)
				}
			}
		})
	}
}
