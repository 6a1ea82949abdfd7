// A sync.Cond queue with 5 consumers.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	var queue []int
	done := false
	var wg sync.WaitGroup
	sums := make([]int, 5)
	for c := 0; c < 5; c++ {
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
				sums[c] += queue[0]
				queue = queue[1:]
				mu.Unlock()
			}
		}()
	}
	for i := 1; i <= 1000; i++ {
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
	fmt.Println(total)
}
