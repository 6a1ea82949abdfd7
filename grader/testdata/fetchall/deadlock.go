package main

import (
	"context"
	"sync"

	"goconc/lessons/prices"
)

// FetchAll waits for its workers before it reads their results from an
// unbuffered channel.
func FetchAll(c *prices.Client, workers int) (map[string]float64, error) {
	ctx := context.Background()
	exchanges, _ := c.Exchanges(ctx)
	symbols, _ := c.Symbols(ctx)
	type result struct {
		key string
		p   *prices.Price
	}
	results := make(chan result)
	keys := make(chan [3]string, 10000)
	for _, e := range exchanges {
		for _, s := range symbols {
			for _, d := range prices.Days() {
				keys <- [3]string{e, s, d}
			}
		}
	}
	close(keys)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range keys {
				p, _ := c.Price(ctx, k[0], k[1], k[2])
				results <- result{k[0] + "/" + k[1] + "/" + k[2], p}
			}
		}()
	}
	wg.Wait()
	close(results)
	out := map[string]float64{}
	for r := range results {
		if r.p != nil {
			out[r.key] = r.p.Close
		}
	}
	return out, nil
}
