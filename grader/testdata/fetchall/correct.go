package main

import (
	"context"
	"sync"
)

// FetchAll returns the close price of every exchange, symbol and day the
// server has, keyed "exchange/symbol/YYYY-MM-DD", with at most workers
// requests in flight at once.
func FetchAll(c *prices.Client, workers int) (map[string]float64, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	exchanges, err := c.Exchanges(ctx)
	if err != nil {
		return nil, err
	}
	symbols, err := c.Symbols(ctx)
	if err != nil {
		return nil, err
	}
	type task struct{ exchange, symbol, day string }
	type result struct {
		key   string
		price *prices.Price
		err   error
	}
	tasks := make(chan task)
	results := make(chan result)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range tasks {
				p, err := c.Price(ctx, t.exchange, t.symbol, t.day)
				results <- result{t.exchange + "/" + t.symbol + "/" + t.day, p, err}
			}
		}()
	}
	go func() {
		defer close(tasks)
		for _, e := range exchanges {
			for _, s := range symbols {
				for _, d := range prices.Days() {
					select {
					case tasks <- task{e, s, d}:
					case <-ctx.Done():
						return
					}
				}
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	closes := map[string]float64{}
	var firstErr error
	for r := range results {
		switch {
		case r.err != nil:
			if firstErr == nil {
				firstErr = r.err
				cancel() // the producer stops; workers finish what they hold
			}
		case r.price != nil:
			closes[r.key] = r.price.Close
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return closes, nil
}
