package main

import "sync"

// CountPrimes returns how many primes are below n, checking numbers with
// workers goroutines.
func CountPrimes(n, workers int) int {
	if workers < 1 {
		workers = 1
	}
	// Workers take small blocks from a channel, so that a worker that got
	// easy numbers takes more, and all finish together.
	const block = 1024
	starts := make(chan int)
	counts := make(chan int, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			count := 0
			for start := range starts {
				for k := start; k < start+block && k < n; k++ {
					if isPrime(k) {
						count++
					}
				}
			}
			counts <- count
		}()
	}
	for start := 0; start < n; start += block {
		starts <- start
	}
	close(starts)
	wg.Wait()
	close(counts)
	total := 0
	for c := range counts {
		total += c
	}
	return total
}
