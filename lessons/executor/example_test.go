package executor_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"goconc/lessons/executor"
)

// checkPrice stands in for a request to the price server: a slow call that
// fails for an exchange it does not know.
func checkPrice(ctx context.Context, arg any) (any, error) {
	exchange := arg.(string)
	delays := map[string]time.Duration{"bitfinex": 300 * time.Millisecond, "bitstamp": 0, "kraken": 150 * time.Millisecond}
	d, ok := delays[exchange]
	if !ok {
		return nil, fmt.Errorf("unknown exchange %q", exchange)
	}
	select {
	case <-time.After(d):
		return strings.ToUpper(exchange[:1]) + exchange[1:] + " BTC", nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func Example() {
	pool := executor.NewPool(4)
	defer pool.Shutdown(true) // Python's "with ThreadPoolExecutor() as pool:"

	ctx := context.Background()
	f, err := pool.Submit(ctx, checkPrice, "kraken")
	if err != nil {
		fmt.Println(err)
		return
	}
	price, err := f.Result(ctx)
	fmt.Println(price, err)
	// Output: Kraken BTC <nil>
}

func ExampleAsCompleted() {
	pool := executor.NewPool(4)
	defer pool.Shutdown(true)

	ctx := context.Background()
	futures := map[*executor.Future]string{}
	var all []*executor.Future
	for _, exchange := range []string{"bitfinex", "bitstamp", "kraken"} {
		f, _ := pool.Submit(ctx, checkPrice, exchange)
		futures[f] = exchange
		all = append(all, f)
	}
	// Fastest first, whatever the order of submission.
	for f := range executor.AsCompleted(ctx, all) {
		price, _ := f.Result(ctx)
		fmt.Println(futures[f], price)
	}
	// Output:
	// bitstamp Bitstamp BTC
	// kraken Kraken BTC
	// bitfinex Bitfinex BTC
}

func ExampleMap() {
	pool := executor.NewPool(4)
	defer pool.Shutdown(true)

	prices, err := executor.Map(context.Background(), pool, checkPrice, []any{"bitfinex", "bitstamp", "kraken"})
	fmt.Println(prices, err)

	_, err = executor.Map(context.Background(), pool, checkPrice, []any{"bitfinex", "mtgox", "kraken"})
	fmt.Println(err)
	var te *executor.TaskError
	if errors.As(err, &te) {
		fmt.Println("failed:", te.Arg)
	}
	// Output:
	// [Bitfinex BTC Bitstamp BTC Kraken BTC] <nil>
	// task 1 (arg mtgox): unknown exchange "mtgox"
	// failed: mtgox
}

func ExampleMapCollect() {
	pool := executor.NewPool(4)
	defer pool.Shutdown(true)

	prices, failed := executor.MapCollect(context.Background(), pool, checkPrice, []any{"bitfinex", "mtgox", "kraken"})
	fmt.Printf("%q\n", prices)
	for _, te := range failed {
		fmt.Printf("task %d with %v: %v\n", te.Index, te.Arg, te.Err)
	}
	// Output:
	// ["Bitfinex BTC" <nil> "Kraken BTC"]
	// task 1 with mtgox: unknown exchange "mtgox"
}

func ExamplePanicError() {
	pool := executor.NewPool(1)
	defer pool.Shutdown(true)

	f, _ := pool.Submit(context.Background(), func(ctx context.Context, arg any) (any, error) {
		var prices map[string]float64
		prices[arg.(string)] = 1 // assignment to a nil map panics
		return nil, nil
	}, "kraken")
	_, err := f.Result(context.Background())
	fmt.Println(err)
	// Output: panic: assignment to entry in nil map
}

func ExampleFuture_Cancel() {
	pool := executor.NewPool(1)
	defer pool.Shutdown(true)

	ctx := context.Background()
	first, _ := pool.Submit(ctx, checkPrice, "kraken")    // takes the only worker
	second, _ := pool.Submit(ctx, checkPrice, "bitstamp") // waits in the queue
	fmt.Println("cancelled queued:", second.Cancel())
	<-first.Done()
	fmt.Println("cancelled finished:", first.Cancel())
	_, err := second.Result(ctx)
	fmt.Println(err)
	// Output:
	// cancelled queued: true
	// cancelled finished: false
	// executor: task cancelled
}
