package executor

import (
	"context"
	"sync"
)

// Map runs fn once for each of args on ex and returns the results in the
// order of args. At the first task to fail, in time, Map cancels the
// context of the others, withdraws those not yet started, waits for the
// running ones to return, and returns that failure as a *TaskError. This is
// errgroup's behaviour; Python's Executor.map raises the error too, but
// lets the other tasks run on. The other results are discarded.
func Map(ctx context.Context, ex Executor, fn Func, args []any) ([]any, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	futures, index, err := submitAll(ctx, ex, fn, args)
	if err != nil {
		cancel()
		cancelAll(futures)
		waitAll(futures)
		return nil, err
	}

	var first *TaskError
	for f := range AsCompleted(context.Background(), futures) {
		if first != nil {
			continue // draining: wait for the running tasks to end
		}
		if _, err := f.Result(context.Background()); err != nil {
			first = &TaskError{Index: index[f], Arg: f.Arg(), Err: err}
			cancel()
			cancelAll(futures)
		}
	}
	if first != nil {
		return nil, first
	}
	results := make([]any, len(futures))
	for i, f := range futures {
		results[i], _ = f.Result(context.Background())
	}
	return results, nil
}

// MapCollect runs fn once for each of args on ex, waits for every task,
// and returns the results in the order of args together with the failures,
// ordered by Index. The result of a failed task is nil. A task that could
// not be submitted, or did not start before ctx was done, is a failure
// too. This is the parallel library's silent mode: one bad argument costs
// its own result, not everybody's.
func MapCollect(ctx context.Context, ex Executor, fn Func, args []any) ([]any, []*TaskError) {
	futures := make([]*Future, len(args))
	submitErrs := make([]error, len(args))
	for i, arg := range args {
		futures[i], submitErrs[i] = ex.Submit(ctx, fn, arg)
	}
	results := make([]any, len(args))
	var failed []*TaskError
	for i, f := range futures {
		err := submitErrs[i]
		if err == nil {
			results[i], err = f.Result(context.Background())
		}
		if err != nil {
			results[i] = nil // a task may return a value with its error
			failed = append(failed, &TaskError{Index: i, Arg: args[i], Err: err})
		}
	}
	return results, failed
}

// submitAll submits fn for each argument and returns the futures in
// argument order, with each future's index. It stops at the first Submit
// that fails and returns that failure.
func submitAll(ctx context.Context, ex Executor, fn Func, args []any) ([]*Future, map[*Future]int, error) {
	futures := make([]*Future, 0, len(args))
	index := make(map[*Future]int, len(args))
	for i, arg := range args {
		f, err := ex.Submit(ctx, fn, arg)
		if err != nil {
			return futures, index, &TaskError{Index: i, Arg: arg, Err: err}
		}
		index[f] = i
		futures = append(futures, f)
	}
	return futures, index, nil
}

func cancelAll(futures []*Future) {
	for _, f := range futures {
		f.Cancel()
	}
}

func waitAll(futures []*Future) {
	for _, f := range futures {
		<-f.Done()
	}
}

// AsCompleted returns a channel that delivers each of futures once it has
// finished, in the order they finish, and is closed after the last one. If
// ctx is done first, the channel is closed early, without the futures that
// had not finished. The channel has room for every future, so a caller may
// stop receiving at any time without leaving goroutines behind once the
// futures finish.
func AsCompleted(ctx context.Context, futures []*Future) <-chan *Future {
	out := make(chan *Future, len(futures))
	var wg sync.WaitGroup
	for _, f := range futures {
		// One goroutine per future: waiting is all they do, and a
		// goroutine is cheap enough for thousands of futures.
		wg.Go(func() {
			select {
			case <-f.Done():
				out <- f
			case <-ctx.Done():
			}
		})
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}
