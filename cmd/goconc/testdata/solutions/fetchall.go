import (
	"context"
	"sync"

	"goconc/lessons/prices"
)

// PriceKey names one price: an exchange, a symbol and a day.
type PriceKey struct{ Exchange, Symbol, Day string }

// fetchAll returns the price for every exchange, symbol and day, asking c
// with at most workers requests in flight at once.
func fetchAll(c *prices.Client, workers int) map[PriceKey]*prices.Price {
	type answer struct {
		key   PriceKey
		price *prices.Price
		err   error
	}
	tasks := make(chan PriceKey)
	answers := make(chan answer)
	go func() {
		defer close(tasks)
		for _, ex := range prices.Exchanges() {
			for _, sym := range prices.Symbols() {
				for _, day := range prices.Days() {
					tasks <- PriceKey{ex, sym, day}
				}
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range tasks {
				p, err := c.Price(context.Background(), k.Exchange, k.Symbol, k.Day)
				answers <- answer{k, p, err}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(answers)
	}()
	got := map[PriceKey]*prices.Price{}
	for a := range answers {
		if a.err != nil {
			panic(a.err)
		}
		got[a.key] = a.price
	}
	return got
}
