import (
	"context"
	"runtime"
	"sync"

	"goconc/lessons/prices"
)

// report returns the mean BTC close of 2020-03-12 over the exchanges that
// have a price that day, and the number of primes below 100,000.
func report(c *prices.Client) (float64, int) {
	ctx := context.Background()
	exchanges := prices.Exchanges()
	closes := make([]*prices.Price, len(exchanges))
	var wg sync.WaitGroup
	// I/O-bound: one goroutine per request; each writes its own slot.
	for i, ex := range exchanges {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := c.Price(ctx, ex, "btc", "2020-03-12")
			if err != nil {
				panic(err)
			}
			closes[i] = p
		}()
	}
	// CPU-bound: one goroutine per core, interleaved blocks of numbers.
	const limit, block = 100_000, 1000
	workers := runtime.GOMAXPROCS(0)
	counts := make([]int, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for lo := w * block; lo < limit; lo += workers * block {
				for x := max(lo, 2); x < min(lo+block, limit); x++ {
					prime := true
					for d := 2; d*d <= x; d++ {
						if x%d == 0 {
							prime = false
							break
						}
					}
					if prime {
						counts[w]++
					}
				}
			}
		}()
	}
	wg.Wait()
	sum, n := 0.0, 0
	for _, p := range closes { // the same order as the serial version: the same float sum
		if p != nil {
			sum += p.Close
			n++
		}
	}
	primes := 0
	for _, k := range counts {
		primes += k
	}
	return sum / float64(n), primes
}
