// atomic.Int64.Add from 4 goroutines x 250,000.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	start := time.Now()
	var n atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 250000; i++ {
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Println("result", n.Load())
	fmt.Println("elapsed_ns", time.Since(start).Nanoseconds())
}
