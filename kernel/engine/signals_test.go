package engine

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// TestSignalsAreNotDeadlocks checks that a cell waiting for a signal it
// asked for is not reported as deadlocked: Go never reports a program
// that has called signal.Notify, since a signal may come at any time.
func TestSignalsAreNotDeadlocks(t *testing.T) {
	// The test process must survive the signals whatever the cells do.
	safety := make(chan os.Signal, 2)
	signal.Notify(safety, syscall.SIGUSR1, syscall.SIGUSR2)
	defer signal.Stop(safety)

	out := &lockedBuffer{}
	s, err := NewSession(Options{Stdout: out, Stderr: out})
	if err != nil {
		t.Fatal(err)
	}
	if r := s.Execute(context.Background(), `import ("context"; "fmt"; "os"; "os/signal"; "syscall")`); r.Err != nil {
		t.Fatal(r.Err)
	}
	tests := []struct {
		name, cell string
		sig        syscall.Signal
		want       string
	}{
		{"Notify", "c := make(chan os.Signal, 1)\nsignal.Notify(c, syscall.SIGUSR1)\nfmt.Println(<-c)", syscall.SIGUSR1, "user defined signal 1\n"},
		{"NotifyContext", "ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGUSR2)\ndefer stop()\n<-ctx.Done()\nfmt.Println(ctx.Err())", syscall.SIGUSR2, "context canceled\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan Result, 1)
			go func() { done <- s.Execute(context.Background(), tt.cell) }()
			// A deadlock is reported within tens of milliseconds; the
			// signal comes well after that.
			select {
			case r := <-done:
				t.Fatalf("the cell ended before its signal came: %v\n%s", r.Err, out.take())
			case <-time.After(time.Second):
			}
			if err := syscall.Kill(os.Getpid(), tt.sig); err != nil {
				t.Fatal(err)
			}
			r := <-done
			if r.Err != nil {
				t.Fatalf("%v\n%s", r.Err, out.take())
			}
			if got := out.take(); got != tt.want {
				t.Errorf("printed %q, want %q", got, tt.want)
			}
		})
	}
}
