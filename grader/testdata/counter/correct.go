package main

import "sync/atomic"
import "sync"

func Count(goroutines, increments int) int {
	var total atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < increments; i++ {
				total.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(total.Load())
}
