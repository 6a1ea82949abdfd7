package procs

import (
	"context"
	"errors"
	"testing"
	"time"

	"goconc/lessons/executor"
)

func TestMeasureSpawn(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
	}{
		{"goconc", nil},
		{"shell", []Option{WithCommand("sh", "-c", "echo ready")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cost, err := MeasureSpawn(testContext(t, 30*time.Second), tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if cost.Goroutine <= 0 || cost.Process <= 0 {
				t.Fatalf("cost %v: want both positive", cost)
			}
			// Generous: a process takes milliseconds, a goroutine
			// microseconds.
			if cost.Ratio() < 2 {
				t.Errorf("a process start cost %.1f goroutine starts: %v", cost.Ratio(), cost)
			}
		})
	}
}

func TestMeasureSpawnSilentChild(t *testing.T) {
	_, err := MeasureSpawn(context.Background(), WithCommand("sh", "-c", "exit 4"))
	var exit *ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 4 {
		t.Errorf("error %v, want the child's exit status 4", err)
	}
	if _, err := MeasureSpawn(context.Background(), WithCommand("true")); err == nil {
		t.Error("no error for a child that printed nothing")
	}
}

// The cost of a process against a goroutine, in benchmarks:
//
//	go test -run '^$' -bench . goconc/lessons/procs

func BenchmarkStartGoconc(b *testing.B)  { benchmarkStart(b) }
func BenchmarkStartGoRun(b *testing.B)   { benchmarkStart(b, WithRunner("go", "run")) }
func BenchmarkStartShell(b *testing.B)   { benchmarkStart(b, WithCommand("sh", "-c", "echo ready")) }
func BenchmarkStartBinTrue(b *testing.B) { benchmarkStartWait(b, WithCommand("true")) }

// benchmarkStart measures a start and the child's first line.
func benchmarkStart(b *testing.B, opts ...Option) {
	var total time.Duration
	n := 0
	for b.Loop() {
		cost, err := MeasureSpawn(context.Background(), opts...)
		if err != nil {
			b.Fatal(err)
		}
		total += cost.Process
		n++
	}
	b.ReportMetric(float64(total.Microseconds())/float64(n), "µs-to-first-line")
}

// benchmarkStartWait measures a start and an exit.
func benchmarkStartWait(b *testing.B, opts ...Option) {
	for b.Loop() {
		p, err := Start(context.Background(), "", opts...)
		if err != nil {
			b.Fatal(err)
		}
		if err := p.Wait(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStartGoroutine(b *testing.B) {
	for b.Loop() {
		ready := make(chan struct{})
		go func() { ready <- struct{}{} }()
		<-ready
	}
}

// A task's round trip: to a worker process over its pipes and back, or to
// a goroutine of an executor.Pool.
func BenchmarkTaskGoconcWorker(b *testing.B) { benchmarkPoolTask(b) }
func BenchmarkTaskGoRunWorker(b *testing.B)  { benchmarkPoolTask(b, WithRunner("go", "run")) }

func benchmarkPoolTask(b *testing.B, opts ...Option) {
	ctx := context.Background()
	pool, err := NewPool(ctx, 1, "func square(x int) int { return x * x }", opts...)
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Shutdown(true)
	square := pool.Func("square")
	for b.Loop() {
		if _, err := square(ctx, 7); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTaskGoroutine(b *testing.B) {
	ctx := context.Background()
	pool := executor.NewPool(1)
	defer pool.Shutdown(true)
	square := func(_ context.Context, arg any) (any, error) { return arg.(int) * arg.(int), nil }
	for b.Loop() {
		f, err := pool.Submit(ctx, square, 7)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Result(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
