//go:build ignore

// context.WithTimeout, WithDeadline, WithCancelCause, WithTimeoutCause and
// AfterFunc.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

var errShutdown = errors.New("shutting down")

func slow(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return fmt.Errorf("slow: %w", ctx.Err())
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, hasDeadline := ctx.Deadline()
	err := slow(ctx, time.Minute)
	fmt.Println(err, errors.Is(err, context.DeadlineExceeded), hasDeadline)

	ctx2, cancel2 := context.WithTimeout(context.Background(), time.Minute)
	fmt.Println("fast work:", slow(ctx2, time.Millisecond))
	cancel2()
	fmt.Println("after cancel:", ctx2.Err())

	dctx, dcancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer dcancel()
	fmt.Println("past deadline:", dctx.Err())

	cctx, cause := context.WithCancelCause(context.Background())
	cause(errShutdown)
	cause(errors.New("ignored, already cancelled"))
	fmt.Println("cause:", cctx.Err(), context.Cause(cctx), errors.Is(context.Cause(cctx), errShutdown))

	tctx, tcancel := context.WithTimeoutCause(context.Background(), time.Millisecond, errors.New("too slow"))
	defer tcancel()
	<-tctx.Done()
	fmt.Println("timeout cause:", tctx.Err(), context.Cause(tctx))

	// AfterFunc runs its function once the context is done, in its own
	// goroutine; stop before that prevents it.
	actx, acancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	ran := make(chan string, 3)
	for _, name := range []string{"close-db", "flush-log"} {
		wg.Add(1)
		context.AfterFunc(actx, func() {
			defer wg.Done()
			ran <- name
		})
	}
	stopped := context.AfterFunc(actx, func() { ran <- "never" })
	fmt.Println("stop before cancel:", stopped())
	acancel()
	wg.Wait()
	close(ran)
	got := map[string]bool{}
	for r := range ran {
		got[r] = true
	}
	fmt.Println("after funcs:", got)
	late := context.AfterFunc(actx, func() {})
	time.Sleep(5 * time.Millisecond)
	fmt.Println("stop after run:", late())

	// Many goroutines with their own timeouts, half of which expire.
	var mu sync.Mutex
	results := map[bool]int{}
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			timeout := 10 * time.Second
			if i%2 == 0 {
				timeout = time.Millisecond
			}
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			var wait time.Duration
			if i%2 == 0 {
				wait = time.Minute
			}
			err := slow(ctx, wait)
			mu.Lock()
			results[err == nil]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println("finished:", results[true], "timed out:", results[false])
}
