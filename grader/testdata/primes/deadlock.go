package main

import "sync"

// CountPrimes waits for its workers before reading what they send on an
// unbuffered channel.
func CountPrimes(n, workers int) int {
	counts := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := 0
			for k := w; k < n; k += workers {
				if isPrime(k) {
					c++
				}
			}
			counts <- c
		}()
	}
	wg.Wait()
	close(counts)
	total := 0
	for c := range counts {
		total += c
	}
	return total
}
