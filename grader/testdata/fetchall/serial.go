package main

import (
	"context"

	"goconc/lessons/prices"
)

// FetchAll makes one request after another.
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
	out := map[string]float64{}
	for _, e := range exchanges {
		for _, s := range symbols {
			for _, d := range prices.Days() {
				p, err := c.Price(ctx, e, s, d)
				if err != nil {
					return nil, err
				}
				if p != nil {
					out[e+"/"+s+"/"+d] = p.Close
				}
			}
		}
	}
	return out, nil
}
