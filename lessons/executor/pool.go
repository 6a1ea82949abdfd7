package executor

import (
	"context"
	"errors"
	"runtime"
	"runtime/debug"
	"sync"
)

// Pool is an Executor that runs tasks on at most a fixed number of
// goroutines, taking tasks in the order they were submitted. Goroutines
// are started as tasks arrive and end when the queue is empty, so an idle
// Pool holds none and one that is never shut down leaks nothing.
//
// A Pool must be created with NewPool. Its methods may be called from any
// goroutine.
type Pool struct {
	workers int
	// unfinished counts submitted tasks that have not finished, for
	// Shutdown(true). Submit adds to it only while the pool is open, so
	// no Add can race with the Wait in Shutdown.
	unfinished sync.WaitGroup

	mu      sync.Mutex
	queue   []job // submitted tasks waiting for a goroutine, oldest first
	running int   // goroutines taking tasks from queue
	closed  bool
}

type job struct {
	ctx    context.Context
	fn     Func
	future *Future
}

// NewPool returns a pool that runs at most workers tasks at once. With
// workers below 1 it uses runtime.GOMAXPROCS(0), one per processor, which
// suits tasks that compute. Tasks that mostly wait, for the network say,
// want many more: Python's thread pools use min(32, CPUs+4), and a Go pool
// of goroutines can go well beyond that.
func NewPool(workers int) *Pool {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Pool{workers: workers}
}

// Workers returns the most tasks the pool runs at once.
func (p *Pool) Workers() int { return p.workers }

// Submit schedules fn(ctx, arg) and returns its future without waiting for
// a free goroutine; the queue has no limit. It returns ErrShutdown after
// Shutdown.
func (p *Pool) Submit(ctx context.Context, fn Func, arg any) (*Future, error) {
	if fn == nil {
		return nil, errors.New("executor: Submit of a nil Func")
	}
	f := newFuture(arg)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, ErrShutdown
	}
	p.unfinished.Add(1)
	p.queue = append(p.queue, job{ctx: ctx, fn: fn, future: f})
	if p.running < p.workers {
		p.running++
		go p.work()
	}
	return f, nil
}

// Shutdown stops the pool from accepting tasks. Tasks already submitted
// still run unless cancelled; with wait set, Shutdown returns once they
// have all finished. It always returns nil: the error is for executors
// whose shutdown can fail, such as one that stops processes.
func (p *Pool) Shutdown(wait bool) error {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	if wait {
		p.unfinished.Wait()
	}
	return nil
}

// work runs queued tasks until the queue is empty.
func (p *Pool) work() {
	for {
		p.mu.Lock()
		if len(p.queue) == 0 {
			p.running--
			p.mu.Unlock()
			return
		}
		j := p.queue[0]
		p.queue[0] = job{} // let the finished task's values be collected
		p.queue = p.queue[1:]
		p.mu.Unlock()
		p.run(j)
	}
}

func (p *Pool) run(j job) {
	defer p.unfinished.Done()
	if !j.future.start() {
		return // cancelled while it waited
	}
	if err := j.ctx.Err(); err != nil {
		j.future.set(nil, err)
		return
	}
	j.future.set(call(j.ctx, j.fn, j.future.arg))
}

// call runs fn, turning a panic into a *PanicError so that one bad task
// fails alone instead of ending the program.
func call(ctx context.Context, fn Func, arg any) (value any, err error) {
	defer func() {
		if r := recover(); r != nil {
			value, err = nil, &PanicError{Value: r, Stack: debug.Stack()}
		}
	}()
	return fn(ctx, arg)
}
