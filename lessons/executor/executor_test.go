package executor

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var _ Executor = (*Pool)(nil)

// square returns the square of an int argument.
func square(ctx context.Context, arg any) (any, error) {
	n := arg.(int)
	return n * n, nil
}

// ints returns 0, 1, ..., n-1 as a list of arguments.
func ints(n int) []any {
	args := make([]any, n)
	for i := range args {
		args[i] = i
	}
	return args
}

// wait fails the test if ch is not closed within a generous time.
func wait(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
}

func TestMapOrder(t *testing.T) {
	tests := []struct{ workers, tasks int }{
		{1, 0}, {1, 1}, {1, 20}, {3, 20}, {8, 100}, {200, 100},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%dworkers/%dtasks", tt.workers, tt.tasks), func(t *testing.T) {
			p := NewPool(tt.workers)
			defer p.Shutdown(true)
			// Later tasks finish first, so completion order is the
			// reverse of input order wherever tasks overlap.
			slowFirst := func(ctx context.Context, arg any) (any, error) {
				n := arg.(int)
				time.Sleep(time.Duration(tt.tasks-n) * 50 * time.Microsecond)
				return n * n, nil
			}
			got, err := Map(context.Background(), p, slowFirst, ints(tt.tasks))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.tasks {
				t.Fatalf("%d results, want %d", len(got), tt.tasks)
			}
			for i, v := range got {
				if v != i*i {
					t.Fatalf("result %d = %v, want %d", i, v, i*i)
				}
			}
		})
	}
}

// TestAsCompletedOrder releases tasks in an order other than submission
// and checks that AsCompleted reports them in the order released.
func TestAsCompletedOrder(t *testing.T) {
	tests := []struct {
		name    string
		release []int // task numbers, in the order they may finish
	}{
		{"reverse", []int{4, 3, 2, 1, 0}},
		{"shuffled", []int{2, 0, 4, 1, 3}},
		{"in order", []int{0, 1, 2, 3, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gates := make([]chan struct{}, len(tt.release))
			for i := range gates {
				gates[i] = make(chan struct{})
			}
			gated := func(ctx context.Context, arg any) (any, error) {
				<-gates[arg.(int)]
				return arg, nil
			}
			p := NewPool(len(gates))
			defer p.Shutdown(true)
			var futures []*Future
			names := map[*Future]int{} // SB's {future: exchange} dictionary
			for i := range gates {
				f, err := p.Submit(context.Background(), gated, i)
				if err != nil {
					t.Fatal(err)
				}
				futures = append(futures, f)
				names[f] = i
			}

			completed := AsCompleted(context.Background(), futures)
			var got []int
			for _, n := range tt.release {
				close(gates[n])
				select {
				case f := <-completed:
					got = append(got, names[f])
					if v, err := f.Result(context.Background()); v != n || err != nil {
						t.Errorf("future of task %d: %v, %v", names[f], v, err)
					}
				case <-time.After(10 * time.Second):
					t.Fatalf("task %d released but not delivered", n)
				}
			}
			if !slices.Equal(got, tt.release) {
				t.Errorf("completed in order %v, want %v", got, tt.release)
			}
			if _, ok := <-completed; ok {
				t.Error("channel delivered more futures than submitted")
			}
		})
	}
}

// TestAsCompletedByDuration is the lesson's demonstration: tasks that take
// different times come out shortest first, not in submission order.
func TestAsCompletedByDuration(t *testing.T) {
	durations := []time.Duration{400 * time.Millisecond, 0, 200 * time.Millisecond}
	sleep := func(ctx context.Context, arg any) (any, error) {
		time.Sleep(durations[arg.(int)])
		return nil, nil
	}
	p := NewPool(len(durations))
	defer p.Shutdown(true)
	var futures []*Future
	for i := range durations {
		f, _ := p.Submit(context.Background(), sleep, i)
		futures = append(futures, f)
	}
	var got []any
	for f := range AsCompleted(context.Background(), futures) {
		got = append(got, f.Arg())
	}
	if want := []any{1, 2, 0}; !slices.Equal(got, want) {
		t.Errorf("completion order %v, want %v (submission order 0, 1, 2)", got, want)
	}
}

func TestAsCompletedStopsWithContext(t *testing.T) {
	p := NewPool(2)
	block := make(chan struct{})
	defer p.Shutdown(true)
	defer close(block)
	quick, _ := p.Submit(context.Background(), square, 3)
	stuck, _ := p.Submit(context.Background(), func(ctx context.Context, arg any) (any, error) {
		<-block
		return nil, nil
	}, nil)
	<-quick.Done()

	ctx, cancel := context.WithCancel(context.Background())
	completed := AsCompleted(ctx, []*Future{stuck, quick})
	if f := <-completed; f != quick {
		t.Errorf("first delivered %v, want the finished future", f)
	}
	cancel()
	closed := make(chan struct{})
	go func() {
		for f := range completed {
			t.Errorf("delivered %v after cancel", f.Arg())
		}
		close(closed)
	}()
	wait(t, closed, "AsCompleted to close its channel after cancel")
}

func TestCancelBeforeStart(t *testing.T) {
	p := NewPool(1)
	defer p.Shutdown(true)
	release := make(chan struct{})
	var ran atomic.Int32
	blocker, _ := p.Submit(context.Background(), func(ctx context.Context, arg any) (any, error) {
		<-release
		return "first", nil
	}, nil)
	queued, _ := p.Submit(context.Background(), func(ctx context.Context, arg any) (any, error) {
		ran.Add(1)
		return "second", nil
	}, nil)

	// Wait for the blocker to start, so that Cancel meets it running.
	for !blocker.running() {
		runtime.Gosched()
	}
	if blocker.Cancel() {
		t.Error("Cancel of a running task succeeded")
	}
	if !queued.Cancel() {
		t.Fatal("Cancel of a queued task failed")
	}
	if !queued.Cancel() {
		t.Error("second Cancel of a cancelled task reported failure")
	}
	wait(t, queued.Done(), "a cancelled future to be done")
	if v, err := queued.Result(context.Background()); v != nil || err != ErrCancelled {
		t.Errorf("cancelled Result = %v, %v; want nil, ErrCancelled", v, err)
	}

	close(release)
	if v, err := blocker.Result(context.Background()); v != "first" || err != nil {
		t.Errorf("blocker Result = %v, %v", v, err)
	}
	if blocker.Cancel() {
		t.Error("Cancel of a finished task succeeded")
	}
	p.Shutdown(true)
	if n := ran.Load(); n != 0 {
		t.Errorf("cancelled task ran %d times", n)
	}
}

// running reports whether the task has started and not finished.
func (f *Future) running() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.state == running
}

func TestContextDoneBeforeStart(t *testing.T) {
	p := NewPool(1)
	defer p.Shutdown(true)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var ran atomic.Bool
	f, err := p.Submit(ctx, func(ctx context.Context, arg any) (any, error) {
		ran.Store(true)
		return nil, nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Result(context.Background()); !errors.Is(err, context.Canceled) {
		t.Errorf("Result = %v, want context.Canceled", err)
	}
	if ran.Load() {
		t.Error("task ran although its context was done")
	}
}

func TestResultContext(t *testing.T) {
	p := NewPool(1)
	defer p.Shutdown(true)
	release := make(chan struct{})
	f, _ := p.Submit(context.Background(), func(ctx context.Context, arg any) (any, error) {
		<-release
		return 42, nil
	}, nil)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := f.Result(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Result before the task ends = %v, want DeadlineExceeded", err)
	}
	close(release)
	<-f.Done()
	// Finished futures answer even under a context that is done.
	for range 100 {
		if v, err := f.Result(ctx); v != 42 || err != nil {
			t.Fatalf("Result of a finished future under a done context = %v, %v", v, err)
		}
	}
}

func TestShutdown(t *testing.T) {
	t.Run("wait", func(t *testing.T) {
		p := NewPool(2)
		var finished atomic.Int32
		for range 10 {
			_, err := p.Submit(context.Background(), func(ctx context.Context, arg any) (any, error) {
				time.Sleep(5 * time.Millisecond)
				finished.Add(1)
				return nil, nil
			}, nil)
			if err != nil {
				t.Fatal(err)
			}
		}
		p.Shutdown(true)
		if n := finished.Load(); n != 10 {
			t.Errorf("Shutdown(true) returned with %d of 10 tasks finished", n)
		}
		if _, err := p.Submit(context.Background(), square, 1); err != ErrShutdown {
			t.Errorf("Submit after Shutdown: %v, want ErrShutdown", err)
		}
	})

	t.Run("no wait", func(t *testing.T) {
		p := NewPool(1)
		release := make(chan struct{})
		gated := func(ctx context.Context, arg any) (any, error) {
			<-release
			return arg, nil
		}
		running, _ := p.Submit(context.Background(), gated, "running")
		queued, _ := p.Submit(context.Background(), gated, "queued")
		returned := make(chan struct{})
		go func() {
			p.Shutdown(false)
			close(returned)
		}()
		wait(t, returned, "Shutdown(false) to return while tasks are blocked")
		if _, err := p.Submit(context.Background(), square, 1); err != ErrShutdown {
			t.Errorf("Submit after Shutdown: %v, want ErrShutdown", err)
		}
		// Submitted tasks still run to the end.
		close(release)
		for _, f := range []*Future{running, queued} {
			if v, err := f.Result(context.Background()); v != f.Arg() || err != nil {
				t.Errorf("task %v after Shutdown(false): %v, %v", f.Arg(), v, err)
			}
		}
	})

	t.Run("twice", func(t *testing.T) {
		p := NewPool(1)
		p.Shutdown(true)
		if err := p.Shutdown(true); err != nil {
			t.Errorf("second Shutdown: %v", err)
		}
	})

	t.Run("with cancelled tasks", func(t *testing.T) {
		p := NewPool(1)
		release := make(chan struct{})
		p.Submit(context.Background(), func(ctx context.Context, arg any) (any, error) {
			<-release
			return nil, nil
		}, nil)
		queued, _ := p.Submit(context.Background(), square, 2)
		queued.Cancel()
		close(release)
		returned := make(chan struct{})
		go func() {
			p.Shutdown(true)
			close(returned)
		}()
		wait(t, returned, "Shutdown(true) with a cancelled task in the queue")
	})
}

// TestWorkerLimit holds every task until the pool is as busy as it may be,
// then checks it is no busier.
func TestWorkerLimit(t *testing.T) {
	tests := []struct{ workers, tasks, want int }{
		{1, 5, 1},
		{2, 10, 2},
		{5, 30, 5},
		{10, 4, 4}, // fewer tasks than workers
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%dworkers/%dtasks", tt.workers, tt.tasks), func(t *testing.T) {
			p := NewPool(tt.workers)
			var now, most atomic.Int32
			release := make(chan struct{})
			task := func(ctx context.Context, arg any) (any, error) {
				n := now.Add(1)
				for {
					m := most.Load()
					if n <= m || most.CompareAndSwap(m, n) {
						break
					}
				}
				<-release
				now.Add(-1)
				return nil, nil
			}
			for range tt.tasks {
				if _, err := p.Submit(context.Background(), task, nil); err != nil {
					t.Fatal(err)
				}
			}
			deadline := time.Now().Add(10 * time.Second)
			for now.Load() < int32(tt.want) {
				if time.Now().After(deadline) {
					t.Fatalf("only %d tasks running, want %d", now.Load(), tt.want)
				}
				time.Sleep(time.Millisecond)
			}
			// Give a pool that ignores its limit the time to show it.
			time.Sleep(20 * time.Millisecond)
			close(release)
			p.Shutdown(true)
			if got := most.Load(); got != int32(tt.want) {
				t.Errorf("at most %d tasks ran at once, want %d", got, tt.want)
			}
		})
	}
}

func TestDefaultWorkers(t *testing.T) {
	for _, n := range []int{0, -1} {
		if got, want := NewPool(n).Workers(), runtime.GOMAXPROCS(0); got != want {
			t.Errorf("NewPool(%d).Workers() = %d, want GOMAXPROCS %d", n, got, want)
		}
	}
	if got := NewPool(7).Workers(); got != 7 {
		t.Errorf("NewPool(7).Workers() = %d", got)
	}
}

func TestSubmitNilFunc(t *testing.T) {
	p := NewPool(1)
	defer p.Shutdown(true)
	if f, err := p.Submit(context.Background(), nil, 1); err == nil || f != nil {
		t.Errorf("Submit(nil) = %v, %v; want an error", f, err)
	}
}

var errOdd = errors.New("odd argument")

// evenOnly squares even numbers and fails on odd ones; 7 panics.
func evenOnly(ctx context.Context, arg any) (any, error) {
	n := arg.(int)
	switch {
	case n == 7:
		panic("seven")
	case n%2 == 1:
		return -1, errOdd // the value must not reach the results
	}
	return n * n, nil
}

func TestPanicIsTaskError(t *testing.T) {
	p := NewPool(2)
	defer p.Shutdown(true)
	tests := []struct {
		name  string
		fn    Func
		value any    // the panic value
		is    error  // the error PanicError unwraps to, if any
		stack string // expected in the stack
	}{
		{"string", func(ctx context.Context, arg any) (any, error) { panic("boom") }, "boom", nil, "executor.TestPanicIsTaskError"},
		{"error", func(ctx context.Context, arg any) (any, error) { panic(errOdd) }, errOdd, errOdd, "executor.TestPanicIsTaskError"},
		{"runtime", func(ctx context.Context, arg any) (any, error) {
			var m map[string]int
			m["x"] = 1
			return nil, nil
		}, nil, nil, "executor.TestPanicIsTaskError"},
	}
	for _, tt := range tests {
		f, _ := p.Submit(context.Background(), tt.fn, nil)
		_, err := f.Result(context.Background())
		var pe *PanicError
		if !errors.As(err, &pe) {
			t.Errorf("%s: Result error %v (%T), want *PanicError", tt.name, err, err)
			continue
		}
		if tt.value != nil && pe.Value != tt.value {
			t.Errorf("%s: panic value %v, want %v", tt.name, pe.Value, tt.value)
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("%s: errors.Is(%v, %v) = false", tt.name, err, tt.is)
		}
		if !strings.Contains(string(pe.Stack), tt.stack) {
			t.Errorf("%s: stack does not name %s:\n%s", tt.name, tt.stack, pe.Stack)
		}
	}
	// The pool survives its tasks' panics.
	if v, err := Map(context.Background(), p, square, ints(4)); err != nil || !slices.Equal(v, []any{0, 1, 4, 9}) {
		t.Errorf("Map after panics = %v, %v", v, err)
	}
}

func TestMapFailFast(t *testing.T) {
	const n = 50
	p := NewPool(2)
	defer p.Shutdown(true)
	var started, sawCancel atomic.Int32
	// Task 3 fails at once; the others wait for cancellation, so the
	// only way Map can return is by cancelling them.
	task := func(ctx context.Context, arg any) (any, error) {
		started.Add(1)
		if arg == 3 {
			return nil, errOdd
		}
		select {
		case <-ctx.Done():
			sawCancel.Add(1)
			return nil, ctx.Err()
		case <-time.After(10 * time.Second):
			return arg, nil
		}
	}
	args := ints(n)
	args[0], args[3] = args[3], args[0] // task 3 runs first, at index 0
	results, err := Map(context.Background(), p, task, args)
	if results != nil {
		t.Errorf("results %v returned with an error", results)
	}
	var te *TaskError
	if !errors.As(err, &te) || te.Index != 0 || te.Arg != 3 || !errors.Is(err, errOdd) {
		t.Fatalf("Map error = %v, want TaskError{Index 0, Arg 3, errOdd}", err)
	}
	if !strings.Contains(err.Error(), "arg 3") {
		t.Errorf("error %q does not name the argument", err)
	}
	// With two workers, the failure, the task beside it, and perhaps the
	// one the failing worker took next, before Map cancelled the rest,
	// started; Map returned only after each of them saw the cancellation.
	if s, c := started.Load(), sawCancel.Load(); s > 3 || c != s-1 {
		t.Errorf("%d of %d tasks started, %d saw the cancellation; want at most 3 started, all but the failure cancelled", s, n, c)
	}
}

func TestMapErrors(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	closed := NewPool(1)
	closed.Shutdown(true)
	tests := []struct {
		name  string
		ctx   context.Context
		pool  *Pool
		args  []any
		index int
		is    error
	}{
		{"task error", context.Background(), NewPool(4), []any{2, 4, 5, 6}, 2, errOdd},
		{"panic", context.Background(), NewPool(1), []any{0, 2, 4, 7}, 3, nil},
		{"context done", cancelled, NewPool(4), []any{2, 4}, -1, context.Canceled},
		{"shut down", context.Background(), closed, []any{2}, 0, ErrShutdown},
	}
	for _, tt := range tests {
		results, err := Map(tt.ctx, tt.pool, evenOnly, tt.args)
		var te *TaskError
		if results != nil || !errors.As(err, &te) {
			t.Errorf("%s: Map = %v, %v; want a *TaskError", tt.name, results, err)
			continue
		}
		if tt.index >= 0 && te.Index != tt.index {
			t.Errorf("%s: failed index %d, want %d", tt.name, te.Index, tt.index)
		}
		if te.Arg != tt.args[te.Index] {
			t.Errorf("%s: Arg %v, but args[%d] = %v", tt.name, te.Arg, te.Index, tt.args[te.Index])
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.is)
		}
		tt.pool.Shutdown(true)
	}
}

func TestMapCollect(t *testing.T) {
	p := NewPool(3)
	defer p.Shutdown(true)
	results, failed := MapCollect(context.Background(), p, evenOnly, ints(10))
	want := []any{0, nil, 4, nil, 16, nil, 36, nil, 64, nil}
	if !slices.Equal(results, want) {
		t.Errorf("results %v, want %v", results, want)
	}
	var failedArgs []any
	for _, te := range failed {
		failedArgs = append(failedArgs, te.Arg)
		if te.Arg != te.Index {
			t.Errorf("failure %d has Arg %v", te.Index, te.Arg)
		}
		var pe *PanicError
		if isPanic := errors.As(te.Err, &pe); isPanic != (te.Arg == 7) || !isPanic && te.Err != errOdd {
			t.Errorf("failure of %v: %v", te.Arg, te.Err)
		}
	}
	if want := []any{1, 3, 5, 7, 9}; !slices.Equal(failedArgs, want) {
		t.Errorf("failed args %v, want %v", failedArgs, want)
	}
}

func TestMapCollectEdges(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	closed := NewPool(1)
	closed.Shutdown(true)
	tests := []struct {
		name       string
		ctx        context.Context
		pool       *Pool
		args       []any
		wantFailed int
		is         error
	}{
		{"none", context.Background(), NewPool(2), nil, 0, nil},
		{"all fine", context.Background(), NewPool(2), []any{0, 2, 4}, 0, nil},
		{"context done", cancelled, NewPool(2), []any{0, 2, 4}, 3, context.Canceled},
		{"shut down", context.Background(), closed, []any{0, 2}, 2, ErrShutdown},
	}
	for _, tt := range tests {
		results, failed := MapCollect(tt.ctx, tt.pool, evenOnly, tt.args)
		if len(results) != len(tt.args) || len(failed) != tt.wantFailed {
			t.Errorf("%s: %d results, %d failed; want %d, %d", tt.name, len(results), len(failed), len(tt.args), tt.wantFailed)
		}
		for _, te := range failed {
			if !errors.Is(te, tt.is) {
				t.Errorf("%s: failure %v, want %v", tt.name, te, tt.is)
			}
		}
		tt.pool.Shutdown(true)
	}
}

// inlineExecutor runs each task on its own goroutine with no limit: a
// second Executor, to show that Map needs nothing from Pool but Submit.
type inlineExecutor struct{ wg sync.WaitGroup }

func (e *inlineExecutor) Submit(ctx context.Context, fn Func, arg any) (*Future, error) {
	f := newFuture(arg)
	e.wg.Go(func() {
		if f.start() {
			f.set(call(ctx, fn, arg))
		}
	})
	return f, nil
}

func (e *inlineExecutor) Shutdown(wait bool) error {
	if wait {
		e.wg.Wait()
	}
	return nil
}

func TestOtherExecutor(t *testing.T) {
	var ex Executor = &inlineExecutor{}
	got, err := Map(context.Background(), ex, square, ints(5))
	if err != nil || !slices.Equal(got, []any{0, 1, 4, 9, 16}) {
		t.Errorf("Map on another Executor = %v, %v", got, err)
	}
	ex.Shutdown(true)
}

// BenchmarkSubmit measures the cost of one task through a pool: submit,
// schedule, run and wait for the result.
func BenchmarkSubmit(b *testing.B) {
	for _, workers := range []int{1, 4} {
		b.Run(fmt.Sprintf("%dworkers", workers), func(b *testing.B) {
			p := NewPool(workers)
			defer p.Shutdown(true)
			ctx := context.Background()
			for b.Loop() {
				f, _ := p.Submit(ctx, square, 3)
				f.Result(ctx)
			}
		})
	}
}

// BenchmarkMap measures Map over 1,000 trivial tasks, which is all
// overhead: futures, queueing and AsCompleted's goroutines.
func BenchmarkMap(b *testing.B) {
	args := ints(1000)
	for _, workers := range []int{1, 4, 32} {
		b.Run(fmt.Sprintf("%dworkers", workers), func(b *testing.B) {
			p := NewPool(workers)
			defer p.Shutdown(true)
			for b.Loop() {
				if _, err := Map(context.Background(), p, square, args); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
