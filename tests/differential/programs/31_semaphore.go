//go:build ignore

// golang.org/x/sync/semaphore.Weighted bounds concurrency; a buffered
// channel does the same; releasing more than held panics.
package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/semaphore"
)

func main() {
	ctx := context.Background()
	const limit = 3
	sem := semaphore.NewWeighted(limit)
	var running, peak, done atomic.Int32
	var wg sync.WaitGroup
	for range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := sem.Acquire(ctx, 1); err != nil {
				fmt.Println("acquire:", err)
				return
			}
			defer sem.Release(1)
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(time.Millisecond)
			running.Add(-1)
			done.Add(1)
		}()
	}
	wg.Wait()
	fmt.Println("weighted: done", done.Load(), "peak <= limit:", peak.Load() <= limit, "peak >= 1:", peak.Load() >= 1)

	// HM's nine holders: nine units held, a tenth request waits.
	nine := semaphore.NewWeighted(9)
	fmt.Println("take 9:", nine.TryAcquire(9), "one more:", nine.TryAcquire(1))
	cctx, cancel := context.WithTimeout(ctx, 5*time.Millisecond)
	defer cancel()
	fmt.Println("blocked acquire:", nine.Acquire(cctx, 1))
	nine.Release(4)
	fmt.Println("after release 4, take 4:", nine.TryAcquire(4), "take 1:", nine.TryAcquire(1))
	nine.Release(9)

	cancelled, stop := context.WithCancel(ctx)
	stop()
	fmt.Println("acquire with cancelled context, free semaphore:", semaphore.NewWeighted(1).Acquire(cancelled, 1))

	func() {
		defer func() { fmt.Println("over-release:", recover()) }()
		s := semaphore.NewWeighted(2)
		s.Release(1)
	}()

	// A buffered channel as a counting semaphore.
	tokens := make(chan struct{}, limit)
	running.Store(0)
	peak.Store(0)
	var total atomic.Int64
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tokens <- struct{}{}
			defer func() { <-tokens }()
			n := running.Add(1)
			if n > peak.Load() {
				peak.Store(n)
			}
			total.Add(int64(i))
			running.Add(-1)
		}()
	}
	wg.Wait()
	fmt.Println("channel semaphore: total", total.Load(), "peak <= limit:", peak.Load() <= limit)
}
