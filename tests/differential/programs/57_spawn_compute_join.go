//go:build ignore

// SB's three exchanges fetched concurrently, simulated with sleeps: the
// concurrent run takes about as long as the slowest call, not the sum.
// Only the comparison is printed, with a wide margin.
package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

func fetch(exchange string, d time.Duration) string {
	time.Sleep(d)
	return exchange + ":ok"
}

func main() {
	const call = 60 * time.Millisecond
	exchanges := map[string]time.Duration{"bitfinex": call, "kraken": call, "okex": call}
	names := make([]string, 0, len(exchanges))
	for n := range exchanges {
		names = append(names, n)
	}
	sort.Strings(names)

	start := time.Now()
	for _, n := range names {
		fetch(n, exchanges[n])
	}
	serial := time.Since(start)

	start = time.Now()
	results := make([]string, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = fetch(n, exchanges[n])
		}()
	}
	wg.Wait()
	concurrent := time.Since(start)
	fmt.Println(results)
	fmt.Println("serial takes at least three calls:", serial >= 3*call)
	fmt.Println("concurrent faster than serial:", concurrent < serial)
}
