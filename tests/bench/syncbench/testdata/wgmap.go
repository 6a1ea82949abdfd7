// wg.Go with a mutex-guarded map: 3 goroutines x 10,000 increments.
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
	m := map[string]int{}
	for _, k := range []string{"a", "a", "b"} {
		wg.Go(func() {
			for i := 0; i < 10000; i++ {
				mu.Lock()
				m[k]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	fmt.Println("result", m)
	fmt.Println("elapsed_ns", time.Since(start).Nanoseconds())
}
