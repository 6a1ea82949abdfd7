//go:build ignore

// golang.org/x/sync/errgroup: WithContext where the first error cancels
// the others, SetLimit with the concurrency counted, TryGo.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
)

var errFetch = errors.New("fetch failed")

func main() {
	g, ctx := errgroup.WithContext(context.Background())
	var cancelled atomic.Int32
	for i := range 10 {
		g.Go(func() error {
			if i == 3 {
				time.Sleep(2 * time.Millisecond)
				return fmt.Errorf("task %d: %w", i, errFetch)
			}
			select {
			case <-ctx.Done():
				cancelled.Add(1)
				return ctx.Err()
			case <-time.After(time.Minute):
				return nil
			}
		})
	}
	err := g.Wait()
	fmt.Println("first error:", err, errors.Is(err, errFetch))
	fmt.Println("others cancelled:", cancelled.Load(), "ctx:", ctx.Err(), "cause:", context.Cause(ctx))

	var lg errgroup.Group
	lg.SetLimit(3)
	var running, peak, done atomic.Int32
	for range 30 {
		lg.Go(func() error {
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
			return nil
		})
	}
	fmt.Println("limited wait:", lg.Wait(), "done:", done.Load(), "peak <= 3:", peak.Load() <= 3, "peak >= 1:", peak.Load() >= 1)

	var tg errgroup.Group
	tg.SetLimit(1)
	release := make(chan struct{})
	fmt.Println("TryGo first:", tg.TryGo(func() error { <-release; return nil }))
	fmt.Println("TryGo at limit:", tg.TryGo(func() error { return nil }))
	close(release)
	fmt.Println("TryGo wait:", tg.Wait())

	// Collect results by index; no error.
	var rg errgroup.Group
	results := make([]string, 8)
	for i := range results {
		rg.Go(func() error {
			results[i] = fmt.Sprintf("r%d", i*i)
			return nil
		})
	}
	fmt.Println(rg.Wait(), results)
}
