package cellrt

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"
)

// TestNoFalseDeadlockWhileCollecting widens a window every blocking
// operation has: a goroutine has counted itself waiting but is still on
// its way to park, and allocates. When it must start a collection while
// the trace that confirms a deadlock holds the world stopped, the trace
// shows it in "semacquire", and it runs on as soon as the trace is taken:
// not a deadlock.
func TestNoFalseDeadlockWhileCollecting(t *testing.T) {
	underProcs(t, func(t *testing.T) {
		for range 3 {
			r := New(Options{Settle: time.Millisecond})
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			err := cell(r, ctx, func() {
				done := make(chan int)
				spawn(r, "allocator", func() {
					g := r.block("chan receive", "on its way", nil)
					keep := make([][]byte, 4)
					for i, end := 0, time.Now().Add(300*time.Millisecond); time.Now().Before(end); i++ {
						keep[i%len(keep)] = make([]byte, 256<<10)
					}
					runtime.KeepAlive(keep)
					r.unblock(g)
					r.Send(done, 1, "done")
				})
				r.Recv(done, "wait")
			})
			cancel()
			var dl Deadlock
			if errors.As(err, &dl) {
				t.Fatalf("a correct program was reported deadlocked:\n%v", dl.Report)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}
