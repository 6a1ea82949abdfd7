// Contended sync.Mutex counter: 4 goroutines x 250,000 increments.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	start := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	n := 0
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 250000; i++ {
				mu.Lock()
				n++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("result", n)
	fmt.Println("elapsed_ns", time.Since(start).Nanoseconds())
}
