package main

import "sync"

func Count(goroutines, increments int) int {
	total := 0
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < increments; i++ {
				total++
			}
		}()
	}
	wg.Wait()
	return total
}
