package main

import "sync"

// CountPrimes shares one counter without a lock.
func CountPrimes(n, workers int) int {
	count := 0
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < n; k += workers {
				if isPrime(k) {
					count++
				}
			}
		}()
	}
	wg.Wait()
	return count
}
