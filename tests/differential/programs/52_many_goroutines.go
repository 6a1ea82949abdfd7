//go:build ignore

// Goroutines are cheap: 30,000 func literals started from a loop, then
// more with arguments and with ids sent back, each one checked in.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	const many, n = 30000, 10000
	var wg sync.WaitGroup
	var sum atomic.Int64
	for i := 0; i < many; i++ {
		wg.Add(1)
		go func() {
			sum.Add(int64(i))
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println("closures:", sum.Load(), "want", int64(many)*(many-1)/2)

	sum.Store(0)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			sum.Add(int64(k))
		}(i)
	}
	wg.Wait()
	fmt.Println("with arguments:", sum.Load(), "want", int64(n)*(n-1)/2)

	// Each goroutine hands its id back on a channel.
	ids := make(chan int, 1024)
	go func() {
		var w sync.WaitGroup
		for i := range n {
			w.Add(1)
			go func() {
				defer w.Done()
				ids <- i
			}()
		}
		w.Wait()
		close(ids)
	}()
	seen := make([]bool, n)
	dups := 0
	count := 0
	for id := range ids {
		if seen[id] {
			dups++
		}
		seen[id] = true
		count++
	}
	fmt.Println("ids:", count, "duplicates:", dups)
}
