package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// recoveredPanics is how many goroutines each case of
// TestRecoveredPanicsHoldNobody panics and recovers in, one after the
// other.
const recoveredPanics = 200

// TestRecoveredPanicsHoldNobody runs goroutines that panic and recover,
// whatever shape the deferred call that recovers takes, while the cell
// waits for each: a recovered panic must not hold up the goroutine its
// deferred calls wake, as an unrecovered one does until the cell stops.
// Every recover is seen before the deferred calls after it wake anyone,
// so no wake waits for a panic (the runtime's HeldWakes).
func TestRecoveredPanicsHoldNobody(t *testing.T) {
	setup := `type catcher struct{ n int }
func (c *catcher) catch() {
	if r := recover(); r != nil {
		c.n++
	}
}
func catchNamed() {
	if r := recover(); r != nil {
		recoveredNamed++
	}
}
var recoveredNamed int
func recoverInside() any { return recover() }`
	tests := []struct {
		name, shape string
	}{
		{"deferred literal", `defer func() { if r := recover(); r != nil { n++ } }()`},
		{"deferred named function", `defer catchNamed()`},
		{"deferred method", `defer c.catch()`},
		{"deferred method value", `f := c.catch; defer f()`},
		{"deferred literal in a loop", `for k := 0; k < 1; k++ { defer func() { if recover() != nil { n++ } }() }`},
	}
	underProcs(t, func(t *testing.T) {
		s, out := blockingSession(t)
		runSetup(t, s, out, setup)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				for run := 0; run < 2; run++ {
					cell := fmt.Sprintf(`c := &catcher{}
recoveredNamed = 0
n := 0
var mu sync.Mutex
var wg sync.WaitGroup
for i := 0; i < %d; i++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer mu.Unlock()
		mu.Lock()
		%s
		panic(i)
	}()
	wg.Wait()
	mu.Lock()
	mu.Unlock()
}
fmt.Println(n + c.n + recoveredNamed)`, recoveredPanics, tt.shape)
					held := s.rt.HeldWakes()
					r := s.Execute(context.Background(), cell)
					held = s.rt.HeldWakes() - held
					got := out.take()
					if r.Err != nil {
						t.Fatalf("run %d: %v\n%s", run, r.Err, strings.Join(r.Err.Traceback, "\n"))
					}
					if want := fmt.Sprintln(recoveredPanics); got != want {
						t.Fatalf("run %d: printed %q, want %q", run, got, want)
					}
					if held != 0 {
						t.Errorf("run %d: %d recovered panics held up %d wakes: the goroutines their deferred calls woke waited for the panics to end", run, recoveredPanics, held)
					}
				}
			})
		}
		// A recover that a deferred function does not call itself
		// returns nil, as in Go: the panic goes on and ends the cell, and
		// nothing after the wait runs.
		t.Run("recover in a nested call", func(t *testing.T) {
			for run := 0; run < 3; run++ {
				r := s.Execute(context.Background(), `var wg sync.WaitGroup
wg.Add(1)
go func() {
	defer wg.Done()
	defer func() { fmt.Println("nested recover:", recoverInside()) }()
	panic("boom")
}()
wg.Wait()
fmt.Println("after")`)
				time.Sleep(20 * time.Millisecond)
				got := out.take()
				if r.Err == nil || r.Err.Name != "panic" || !strings.Contains(r.Err.Value, "boom") {
					t.Fatalf("run %d: err = %+v, want the panic boom", run, r.Err)
				}
				if got != "nested recover: <nil>\n" {
					t.Fatalf("run %d: printed %q", run, got)
				}
			}
		})
	})
}
