package procs

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"goconc/lessons/executor"
)

const poolSource = `package main

import (
	"errors"
	"fmt"
	"os"
	"time"
)

type point struct{ X, Y int }

func square(x int) int { return x * x }
func pid() int { return os.Getpid() }
func napPID(ms int) int { time.Sleep(time.Duration(ms) * time.Millisecond); return os.Getpid() }
func fail(s string) error { return errors.New(s) }
func boom(i int) int { var s []int; return s[i] }
func exit(code int) { os.Exit(code) }
func sleep(ms int) { time.Sleep(time.Duration(ms) * time.Millisecond) }
func chatty(x int) int { fmt.Println("computing", x); return x }
func mid(a, b point) point { return point{(a.X + b.X) / 2, (a.Y + b.Y) / 2} }
func pair() (int, int) { return 1, 2 }
`

// sumOfSquares is code written against executor.Executor: it runs the
// same on goroutines and on processes.
func sumOfSquares(ctx context.Context, ex executor.Executor, square executor.Func, n int) (int, error) {
	args := make([]any, n)
	for i := range args {
		args[i] = i + 1
	}
	results, err := executor.Map(ctx, ex, square, args)
	if err != nil {
		return 0, err
	}
	sum := 0
	for _, r := range results {
		sum += r.(int)
	}
	return sum, nil
}

// syncBuffer is a strings.Builder safe for the pool's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestPoolGoconc runs the pool's workers in the goconc interpreter, as a
// notebook does.
func TestPoolGoconc(t *testing.T) {
	ctx := testContext(t, 60*time.Second)
	var out syncBuffer
	pool, err := NewPool(ctx, 2, poolSource, WithStderr(&out))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Shutdown(true)

	t.Run("map", func(t *testing.T) {
		got, err := executor.Map(ctx, pool, pool.Func("square"), []any{1, 2, 3, 4, 5})
		if err != nil {
			t.Fatal(err)
		}
		if want := []any{1, 4, 9, 16, 25}; !reflect.DeepEqual(got, want) {
			t.Errorf("Map = %v, want %v", got, want)
		}
	})

	t.Run("swap executors", func(t *testing.T) {
		goroutines := executor.NewPool(2)
		defer goroutines.Shutdown(true)
		local := func(_ context.Context, arg any) (any, error) { return arg.(int) * arg.(int), nil }
		want, err := sumOfSquares(ctx, goroutines, local, 10)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sumOfSquares(ctx, pool, pool.Func("square"), 10)
		if err != nil {
			t.Fatal(err)
		}
		if got != want || got != 385 {
			t.Errorf("processes %d, goroutines %d, want 385", got, want)
		}
	})

	t.Run("two processes", func(t *testing.T) {
		pids := pool.PIDs()
		if len(pids) != 2 || pids[0] == pids[1] || pids[0] <= 0 {
			t.Fatalf("PIDs = %v, want two different ones", pids)
		}
		// A slow task holds one worker, so the other takes the rest.
		slow, err := pool.Submit(ctx, pool.Func("napPID"), 300)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[any]bool{}
		for range 3 {
			v, err := pool.Func("pid")(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			seen[v] = true
		}
		v, err := slow.Result(ctx)
		if err != nil {
			t.Fatal(err)
		}
		seen[v] = true
		if len(seen) != 2 {
			t.Errorf("tasks ran in %d processes, want 2", len(seen))
		}
		for v := range seen {
			if v != pids[0] && v != pids[1] {
				t.Errorf("a task ran in process %v, not one of %v", v, pids)
			}
		}
	})

	t.Run("failures", func(t *testing.T) {
		tasks := []struct {
			fn      string
			arg     any
			want    any
			wantErr string
		}{
			{fn: "square", arg: 6, want: 36},
			{fn: "fail", arg: "no such exchange", wantErr: "fail in process"},
			{fn: "fail", arg: "", wantErr: "fail in process"},
			{fn: "boom", arg: 3, wantErr: "panic:"},
			{fn: "square", arg: "six", wantErr: "cannot unmarshal string"},
			{fn: "square", arg: make(chan int), wantErr: "encoding the argument"},
			{fn: "mid", arg: []any{map[string]int{"X": 0, "Y": 0}, map[string]int{"X": 4, "Y": 2}},
				want: map[string]any{"X": 2.0, "Y": 1.0}},
			{fn: "pair", wantErr: "more than a value"},
			{fn: "nosuch", wantErr: "no function nosuch"},
		}
		for _, tt := range tasks {
			got, err := pool.Func(tt.fn)(ctx, tt.arg)
			if tt.wantErr == "" {
				if err != nil || !reflect.DeepEqual(got, tt.want) {
					t.Errorf("%s(%v) = %#v, %v; want %#v", tt.fn, tt.arg, got, err, tt.want)
				}
				continue
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s(%v) error %v, want %q", tt.fn, tt.arg, err, tt.wantErr)
			}
		}
		var remote *RemoteError
		_, err := pool.Func("fail")(ctx, "bad day")
		if !errors.As(err, &remote) || remote.Msg != "bad day" || remote.Func != "fail" {
			t.Errorf("error %#v, want a RemoteError with the message", err)
		}
		// None of that cost a worker.
		if _, err := executor.Map(ctx, pool, pool.Func("square"), []any{1, 2}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("stray output", func(t *testing.T) {
		got, err := pool.Func("chatty")(ctx, 5)
		if err != nil || got != 5 {
			t.Fatalf("chatty(5) = %v, %v", got, err)
		}
		if !strings.Contains(out.String(), "computing 5\n") {
			t.Errorf("output %q does not have the function's line", out.String())
		}
	})

	t.Run("shutdown", func(t *testing.T) {
		pids := pool.PIDs()
		if err := pool.Shutdown(true); err != nil {
			t.Fatalf("Shutdown = %v", err)
		}
		for _, pid := range pids {
			if !waitDead(pid, 5*time.Second) {
				t.Errorf("worker %d alive after Shutdown", pid)
			}
		}
		if _, err := pool.Submit(ctx, pool.Func("square"), 2); !errors.Is(err, executor.ErrShutdown) {
			t.Errorf("Submit after Shutdown = %v", err)
		}
		if _, err := pool.Func("square")(ctx, 2); !errors.Is(err, executor.ErrShutdown) {
			t.Errorf("Func after Shutdown = %v", err)
		}
	})
}

func TestPoolStartError(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
	}{
		{"goconc", nil},
		{"go run", []Option{WithRunner("go", "run")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t, 60*time.Second)
			_, err := NewPool(ctx, 1, "func f() int { return undefinedName }", tt.opts...)
			if err == nil || !strings.Contains(err.Error(), "undefined") {
				t.Errorf("NewPool = %v, want the compile error", err)
			}
		})
	}
}

// goRunPool starts a pool of workers compiled by the Go toolchain, which
// start faster than interpreted ones.
func goRunPool(t *testing.T, ctx context.Context, n int) *Pool {
	t.Helper()
	pool, err := NewPool(ctx, n, poolSource, WithRunner("go", "run"), WithGrace(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Shutdown(true) })
	return pool
}

func TestPoolWorkerDies(t *testing.T) {
	ctx := testContext(t, 60*time.Second)
	pool := goRunPool(t, ctx, 1)
	before := pool.PIDs()[0]
	_, err := pool.Func("exit")(ctx, 3)
	if err == nil || !strings.Contains(err.Error(), "exit status 3") {
		t.Fatalf("exit(3) error %v, want the worker's exit status", err)
	}
	got, err := pool.Func("square")(ctx, 9)
	if err != nil || got != 81 {
		t.Fatalf("square(9) after a death = %v, %v", got, err)
	}
	after := pool.PIDs()[0]
	if after == before {
		t.Errorf("worker pid %d unchanged after it died", after)
	}
}

func TestPoolTaskCancelled(t *testing.T) {
	ctx := testContext(t, 60*time.Second)
	pool := goRunPool(t, ctx, 1)
	busy := pool.PIDs()[0]

	taskCtx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	_, err := pool.Func("sleep")(taskCtx, 30_000)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("sleep error %v, want context.DeadlineExceeded", err)
	}
	if !waitDead(busy, 5*time.Second) {
		t.Errorf("worker %d still busy with the cancelled task", busy)
	}
	got, err := pool.Func("square")(ctx, 4)
	if err != nil || got != 16 {
		t.Fatalf("square(4) after a cancelled task = %v, %v", got, err)
	}
}

// Cancelling the pool's context stops the workers, and the running tasks
// fail.
func TestPoolContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pool := goRunPool(t, ctx, 2)
	pids := pool.PIDs()
	f, err := pool.Submit(context.Background(), pool.Func("sleep"), 30_000)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let it reach the worker
	cancel()
	if _, err := f.Result(context.Background()); !errors.Is(err, context.Canceled) {
		t.Errorf("running task's error %v, want it to wrap context.Canceled", err)
	}
	for _, pid := range pids {
		if !waitDead(pid, 5*time.Second) {
			t.Errorf("worker %d alive after its pool's context ended", pid)
		}
	}
}

// Shutdown without wait returns at once, and the workers still finish the
// tasks already submitted before they stop.
func TestPoolShutdownNoWait(t *testing.T) {
	ctx := testContext(t, 60*time.Second)
	pool := goRunPool(t, ctx, 2)
	pids := pool.PIDs()
	var futures []*executor.Future
	for i := range 4 {
		f, err := pool.Submit(ctx, pool.Func("square"), i)
		if err != nil {
			t.Fatal(err)
		}
		futures = append(futures, f)
	}
	if err := pool.Shutdown(false); err != nil {
		t.Fatal(err)
	}
	for i, f := range futures {
		if v, err := f.Result(ctx); err != nil || v != i*i {
			t.Errorf("task %d = %v, %v", i, v, err)
		}
	}
	for _, pid := range pids {
		if !waitDead(pid, 5*time.Second) {
			t.Errorf("worker %d alive after Shutdown", pid)
		}
	}
}
