package cellrt

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestDeadlockAfterCellExited checks that once the cell's own goroutine
// has exited (a program's main that called runtime.Goexit), the goroutines
// it left are still watched: when they all block, the cell ends with the
// deadlock report, which names them and not the cell.
func TestDeadlockAfterCellExited(t *testing.T) {
	underProcs(t, func(t *testing.T) {
		for range 5 {
			r := New(Options{})
			ctx, end := r.BeginCell(context.Background())
			exited := make(chan struct{})
			go func() {
				r.Enter("")
				defer close(exited)
				defer r.Exit()
				spawn(r, "line 2", func() { r.Recv(make(chan int), "line 3") })
				spawn(r, "line 4", func() {
					r.Sleep(5 * time.Millisecond)
					r.Send(make(chan int), 1, "line 5")
				})
			}()
			<-exited
			r.CellExited()
			select {
			case <-ctx.Done():
			case <-time.After(10 * time.Second):
				t.Fatal("no deadlock reported")
			}
			end()
			var dl Deadlock
			if !errors.As(context.Cause(ctx), &dl) {
				t.Fatalf("the cell ended with %v, want a deadlock", context.Cause(ctx))
			}
			report := strings.Join(dl.Report, "\n")
			for _, want := range []string{"[chan receive]:", "line 3, started at line 2", "[chan send]:", "line 5, started at line 4"} {
				if !strings.Contains(report, want) {
					t.Errorf("report\n%s\nlacks %q", report, want)
				}
			}
			if strings.Contains(report, "the cell itself") {
				t.Errorf("report\n%s\nnames the cell, which has exited", report)
			}
		}
	})
}

// TestIdle checks that the runtime is idle only when it counts no
// goroutine and no timer is pending.
func TestIdle(t *testing.T) {
	r := New(Options{})
	if !r.Idle() {
		t.Fatal("a new runtime is not idle")
	}
	entered, release, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		r.Enter("line 1")
		defer r.Exit()
		close(entered)
		<-release
	}()
	<-entered
	if r.Idle() {
		t.Error("idle while a goroutine is counted")
	}
	close(release)
	<-done
	if !r.Idle() {
		t.Error("not idle once the goroutine has exited")
	}
	r.Timed(time.Hour)
	if r.Idle() {
		t.Error("idle while a timer is pending")
	}
}

// uncountedCode stands for interpreted code in TestUncountedRunning: the
// runtime is told that its frame marks a goroutine running cells' code.
//
//go:noinline
func uncountedCode(f func()) { f() }

// TestUncountedRunning checks which goroutines the runtime does not
// count hold the end of a program whose main has exited: one running
// cells' code or waiting for a timer does; one blocked on a channel for
// good (another session's, say), one parked, one that runs no cells'
// code, or one the runtime counts does not.
func TestUncountedRunning(t *testing.T) {
	tests := []struct {
		name  string
		start func(r *Runtime, stop <-chan struct{}, ready chan<- struct{})
		want  bool
	}{
		{"none", nil, false},
		{"spinning", func(r *Runtime, stop <-chan struct{}, ready chan<- struct{}) {
			go uncountedCode(func() {
				close(ready)
				for {
					select {
					case <-stop:
						return
					default:
						runtime.Gosched()
					}
				}
			})
		}, true},
		{"sleeping", func(r *Runtime, stop <-chan struct{}, ready chan<- struct{}) {
			go uncountedCode(func() {
				close(ready)
				for {
					select {
					case <-stop:
						return
					default:
						time.Sleep(time.Millisecond)
					}
				}
			})
		}, true},
		{"blocked on a channel", func(r *Runtime, stop <-chan struct{}, ready chan<- struct{}) {
			go uncountedCode(func() {
				close(ready)
				<-stop
			})
		}, false},
		{"running other code", func(r *Runtime, stop <-chan struct{}, ready chan<- struct{}) {
			go func() {
				close(ready)
				for {
					select {
					case <-stop:
						return
					default:
						runtime.Gosched()
					}
				}
			}()
		}, false},
		{"counted", func(r *Runtime, stop <-chan struct{}, ready chan<- struct{}) {
			go uncountedCode(func() {
				r.Enter("line 1")
				defer r.Exit()
				close(ready)
				for {
					select {
					case <-stop:
						return
					default:
						runtime.Gosched()
					}
				}
			})
		}, false},
		{"parked", func(r *Runtime, stop <-chan struct{}, ready chan<- struct{}) {
			go uncountedCode(func() {
				close(ready)
				r.Park()
			})
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			underProcs(t, func(t *testing.T) {
				for range 3 {
					r := New(Options{CodeFrames: []string{"goconc/kernel/cellrt.uncountedCode("}})
					stop, ready := make(chan struct{}), make(chan struct{})
					if tt.start != nil {
						tt.start(r, stop, ready)
						<-ready
					}
					// A goroutine that has just closed ready may still be
					// runnable on its way to the wait it is tested in.
					var got atomic.Bool
					for range 100 {
						got.Store(r.UncountedRunning())
						if got.Load() == tt.want {
							break
						}
						time.Sleep(time.Millisecond)
					}
					close(stop)
					if got.Load() != tt.want {
						t.Errorf("UncountedRunning() = %v, want %v", got.Load(), tt.want)
					}
				}
			})
		})
	}
}
