package procs

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"

	"goconc/lessons/executor"
)

// Pool is an executor.Executor that runs tasks in a fixed number of worker
// processes, which stay up from NewPool to Shutdown and take one task at a
// time over their pipes.
//
// The workers run worker source the lesson provides: Go functions, one of
// which each task names. Func returns the executor.Func that calls one of
// them, and only such Funcs cross over to the workers; any other Func
// submitted to a Pool runs in the calling process, as it would on an
// executor.Pool. The scheduling, the futures and Map, MapCollect and
// AsCompleted are those of package executor, which Pool embeds: only what a
// task does has changed, not how it is scheduled.
//
// A task's argument is sent to the worker as JSON and its result comes
// back as JSON, so both must be values JSON can encode. The result is
// decoded into the function's result type if that is built from Go's own
// types (int, string, []float64, map[string]bool...), and as a plain JSON
// value otherwise: a struct comes back as a map[string]any, for only bytes
// cross a pipe. A function with more than one parameter takes its
// arguments as a list, []any{a, b}.
//
// A task whose context is done while its worker is busy costs the worker:
// it is stopped, and a new one started for the next task. So is a worker
// that dies, and the task it was running fails with the reason.
type Pool struct {
	*executor.Pool

	ctx   context.Context // the workers' lifetime
	opts  []Option
	out   io.Writer // where workers' stray output goes, or nil
	prog  *workerProgram
	idle  chan *worker
	count int
	next  atomic.Int64 // the last request id

	stopOnce sync.Once
	stopped  chan struct{} // closed once the workers are stopped
	stopErr  error

	mu   sync.Mutex
	pids []int // each worker's process id, as it reports it
}

var _ executor.Executor = (*Pool)(nil)

// worker is one worker process and the ends of its pipes. Only the task
// that took it from the pool's idle channel touches it.
type worker struct {
	index int
	proc  *Process // nil until started, and after it is lost
	send  *Encoder
	recv  *bufio.Reader
	pid   int
}

// request and reply are the messages of the worker protocol; see the
// workerHelpers constant for the worker's side.
type request struct {
	ID  int64           `json:"id"`
	Fn  string          `json:"fn"`
	Arg json.RawMessage `json:"arg"`
}

type reply struct {
	ID    int64           `json:"id"`
	PID   int             `json:"pid,omitempty"`
	Value json.RawMessage `json:"value,omitempty"`
	Error string          `json:"error,omitempty"`
}

// NewPool starts n worker processes running the worker source src and
// returns once all of them are ready to take tasks, or with an error, such
// as a compile error of src, if one of them failed to start. With n below
// 1 it starts one per processor.
//
// The worker source is a package main file with no main function, or the
// same without its package clause: see WorkerSource for the program built
// from it. Each of its top-level functions that takes parameters JSON can
// decode and returns nothing, a value, an error, or a value and an error
// can be called through Func. Its functions must not read standard input,
// which carries the tasks; what they print on standard output or error
// goes to the WithStderr writer, if there is one.
//
// The workers live until Shutdown, or until ctx is done, which stops them
// as a done context stops any child, failing the tasks they are running.
func NewPool(ctx context.Context, n int, src string, opts ...Option) (*Pool, error) {
	prog, err := parseWorker(src)
	if err != nil {
		return nil, err
	}
	if n < 1 {
		n = runtime.NumCPU()
	}
	var out io.Writer
	if w := newConfig(opts).stderr; w != nil {
		// Every worker writes to it, each from its own goroutines.
		out = &lockedWriter{w: w}
		opts = append(opts[:len(opts):len(opts)], WithStderr(out))
	}
	p := &Pool{
		Pool:    executor.NewPool(n),
		ctx:     ctx,
		opts:    opts,
		out:     out,
		prog:    prog,
		idle:    make(chan *worker, n),
		count:   n,
		stopped: make(chan struct{}),
		pids:    make([]int, n),
	}
	workers := make([]*worker, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range workers {
		workers[i] = &worker{index: i}
		wg.Go(func() { errs[i] = p.startWorker(ctx, workers[i]) })
	}
	wg.Wait()
	for _, w := range workers {
		p.idle <- w
	}
	for _, err := range errs {
		if err != nil {
			// The others most likely failed the same way.
			p.Shutdown(true)
			return nil, err
		}
	}
	return p, nil
}

// PIDs returns the process ids of the workers, as the worker programs see
// them in os.Getpid. (Under goconc run that is the interpreter's process,
// a child of the process the pool started.)
func (p *Pool) PIDs() []int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]int(nil), p.pids...)
}

// Func returns the task that calls the worker source's function name in a
// worker process with the task's argument.
func (p *Pool) Func(name string) executor.Func {
	return func(ctx context.Context, arg any) (any, error) {
		return p.call(ctx, name, arg)
	}
}

// Shutdown stops the pool from accepting tasks and, once the tasks already
// submitted have finished, stops the workers: each one's standard input is
// closed, the sentinel that tells it no more tasks will come, and a worker
// that does not exit within the grace period is terminated. With wait set,
// Shutdown returns when the workers have exited, with any errors they
// exited with.
func (p *Pool) Shutdown(wait bool) error {
	p.Pool.Shutdown(false)
	if !wait {
		go p.stop()
		return nil
	}
	return p.stop()
}

func (p *Pool) stop() error {
	p.stopOnce.Do(func() {
		p.Pool.Shutdown(true)
		var (
			wg   sync.WaitGroup
			mu   sync.Mutex
			errs []error
		)
		// Taking every worker from the idle channel waits for any
		// task still holding one, such as a Func called directly.
		for range p.count {
			w := <-p.idle
			if w.proc == nil {
				continue
			}
			wg.Go(func() {
				if err := w.proc.Stop(); err != nil {
					mu.Lock()
					errs = append(errs, fmt.Errorf("procs: worker %d: %w", w.pid, err))
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		p.stopErr = errors.Join(errs...)
		close(p.stopped)
	})
	return p.stopErr
}

// call runs one task in a worker.
func (p *Pool) call(ctx context.Context, name string, arg any) (any, error) {
	fn, ok := p.prog.funcs[name]
	switch {
	case !ok:
		return nil, fmt.Errorf("procs: the worker source has no function %s", name)
	case fn.why != "":
		return nil, fmt.Errorf("procs: cannot call %s in a worker: %s", name, fn.why)
	}
	raw, err := json.Marshal(arg)
	if err != nil {
		return nil, fmt.Errorf("procs: encoding the argument of %s: %w", name, err)
	}

	w, err := p.take(ctx)
	if err != nil {
		return nil, err
	}
	defer func() { p.idle <- w }()
	if w.proc == nil {
		if err := p.startWorker(ctx, w); err != nil {
			return nil, err
		}
	}
	id := p.next.Add(1)
	if err := w.send.Encode(request{ID: id, Fn: name, Arg: raw}); err != nil {
		return nil, p.lose(w, err)
	}
	r, err := p.await(ctx, w, id)
	if err != nil {
		return nil, err
	}
	if r.Error != "" {
		return nil, &RemoteError{Func: name, PID: w.pid, Msg: r.Error}
	}
	return decodeResult(fn, r.Value)
}

// take waits for an idle worker.
func (p *Pool) take(ctx context.Context) (*worker, error) {
	select {
	case <-p.stopped:
		return nil, executor.ErrShutdown
	default:
	}
	select {
	case w := <-p.idle:
		return w, nil
	case <-p.stopped:
		return nil, executor.ErrShutdown
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// startWorker starts w's process and waits for it to say it is ready.
func (p *Pool) startWorker(ctx context.Context, w *worker) error {
	proc, err := Start(p.ctx, p.prog.src, p.opts...)
	if err != nil {
		return err
	}
	w.proc = proc
	w.send = NewEncoder(proc.Stdin())
	w.recv = bufio.NewReaderSize(proc.Stdout(), 64<<10)
	r, err := p.await(ctx, w, 0)
	if err != nil {
		return fmt.Errorf("procs: starting a worker: %w", err)
	}
	w.pid = r.PID
	p.mu.Lock()
	p.pids[w.index] = r.PID
	p.mu.Unlock()
	return nil
}

// await reads w's output until the reply to request id, passing other
// lines through as the worker's output. If ctx is done first, the worker
// is lost: it is busy with a task nobody wants, and only stopping it
// frees it.
func (p *Pool) await(ctx context.Context, w *worker, id int64) (reply, error) {
	proc := w.proc
	abandon := context.AfterFunc(ctx, func() {
		proc.stdout.Close() // wakes the read below
		proc.terminate()
	})
	r, err := p.readReply(ctx, w, id)
	if !abandon() && ctx.Err() != nil {
		w.proc = nil // being terminated, whether or not the reply came
		return reply{}, ctx.Err()
	}
	return r, err
}

// readReply reads w's output until the reply to request id, passing other
// lines through as the worker's output.
func (p *Pool) readReply(ctx context.Context, w *worker, id int64) (reply, error) {
	for {
		line, err := w.recv.ReadBytes('\n')
		if err != nil {
			if ctx.Err() != nil {
				return reply{}, ctx.Err() // abandoned: await has it stopped
			}
			return reply{}, p.lose(w, err)
		}
		var r reply
		if !bytes.HasPrefix(line, []byte(`{"id":`)) || json.Unmarshal(line, &r) != nil {
			if p.out != nil && len(bytes.TrimSpace(line)) > 0 {
				p.out.Write(line)
			}
			continue
		}
		if r.ID != id {
			return reply{}, p.lose(w, fmt.Errorf("procs: worker %d answered request %d, want %d: %s", w.pid, r.ID, id, r.Error))
		}
		return r, nil
	}
}

// lose gives up on w's process after err, stopping it, and returns the
// error the task fails with: why the process ended, if it did.
func (p *Pool) lose(w *worker, err error) error {
	proc := w.proc
	w.proc = nil
	if errors.Is(err, io.EOF) || errors.Is(err, syscall.EPIPE) {
		// The worker exited, or is exiting: its exit says why.
		if werr := proc.Stop(); werr != nil {
			err = werr
		}
		if p.ctx.Err() != nil {
			return fmt.Errorf("procs: pool stopped: %w", context.Cause(p.ctx))
		}
		return fmt.Errorf("procs: worker process %d ended: %w", proc.PID(), err)
	}
	go proc.Stop()
	return err
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// RemoteError is an error returned by a function in a worker process, or
// its panic. Only its text crossed the pipe: errors.Is and errors.As
// cannot see what it was in the worker.
type RemoteError struct {
	Func string // the function's name
	PID  int    // the worker's process id
	Msg  string // the error's text
}

func (e *RemoteError) Error() string {
	return fmt.Sprintf("%s in process %d: %s", e.Func, e.PID, e.Msg)
}

// decodeResult decodes a function's result as the type it was declared
// with, if the parent knows that type.
func decodeResult(fn *workerFunc, raw json.RawMessage) (any, error) {
	if fn.result == "" || len(raw) == 0 {
		return nil, nil
	}
	if fn.decodeAs == nil {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, fmt.Errorf("procs: decoding the result of %s: %w", fn.name, err)
		}
		return v, nil
	}
	v := reflect.New(fn.decodeAs)
	if err := json.Unmarshal(raw, v.Interface()); err != nil {
		return nil, fmt.Errorf("procs: decoding the result of %s as %s: %w", fn.name, fn.result, err)
	}
	return v.Elem().Interface(), nil
}
