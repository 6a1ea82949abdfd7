package main

import (
	"context"
	"sync"

	"goconc/lessons/prices"
)

// FetchAll writes the shared map from every worker without a lock.
func FetchAll(c *prices.Client, workers int) (map[string]float64, error) {
	ctx := context.Background()
	exchanges, err := c.Exchanges(ctx)
	if err != nil {
		return nil, err
	}
	symbols, err := c.Symbols(ctx)
	if err != nil {
		return nil, err
	}
	keys := make(chan [3]string)
	out := map[string]float64{}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range keys {
				p, err := c.Price(ctx, k[0], k[1], k[2])
				if err == nil && p != nil {
					out[k[0]+"/"+k[1]+"/"+k[2]] = p.Close
				}
			}
		}()
	}
	for _, e := range exchanges {
		for _, s := range symbols {
			for _, d := range prices.Days() {
				keys <- [3]string{e, s, d}
			}
		}
	}
	close(keys)
	wg.Wait()
	return out, nil
}
