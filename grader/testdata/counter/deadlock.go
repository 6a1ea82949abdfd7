package main

import "sync"

// Count forgets to unlock: the second increment waits for ever.
func Count(goroutines, increments int) int {
	var mu sync.Mutex
	total := 0
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < increments; i++ {
				mu.Lock()
				total++
			}
		}()
	}
	wg.Wait()
	return total
}
