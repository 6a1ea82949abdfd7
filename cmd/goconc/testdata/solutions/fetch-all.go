import (
	"context"
	"goconc/lessons/prices"
	"sync"
)

// FetchAll returns the price of symbol on day at each exchange, in the
// order of exchanges. Each goroutine writes its own element of the result.
func FetchAll(ctx context.Context, client *prices.Client, exchanges []string, symbol, day string) ([]*prices.Price, error) {
	result := make([]*prices.Price, len(exchanges))
	errs := make([]error, len(exchanges))
	var wg sync.WaitGroup
	for i, ex := range exchanges {
		wg.Add(1)
		go func() {
			defer wg.Done()
			result[i], errs[i] = client.Price(ctx, ex, symbol, day)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return result, nil
}
