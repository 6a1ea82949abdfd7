// A sync.Cond queue: one producer, 5 consumers, 100,000 items.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	const items, consumers = 100000, 5
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	var queue []int
	done := false
	var wg sync.WaitGroup
	sums := make([]int, consumers)
	for c := 0; c < consumers; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				for len(queue) == 0 && !done {
					cond.Wait()
				}
				if len(queue) == 0 {
					mu.Unlock()
					return
				}
				v := queue[0]
				queue = queue[1:]
				mu.Unlock()
				sums[c] += v
			}
		}()
	}
	for i := 1; i <= items; i++ {
		mu.Lock()
		queue = append(queue, i)
		mu.Unlock()
		cond.Signal()
	}
	mu.Lock()
	done = true
	mu.Unlock()
	cond.Broadcast()
	wg.Wait()
	total := 0
	for _, s := range sums {
		total += s
	}
	fmt.Println("result", total)
	fmt.Println("elapsed_ns", time.Since(start).Nanoseconds())
}
