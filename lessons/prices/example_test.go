package prices_test

import (
	"context"
	"fmt"
	"log"

	"goconc/lessons/prices"
)

func Example() {
	url, stop := prices.Start(0) // a notebook would use a delay such as 200ms
	defer stop()

	c := &prices.Client{BaseURL: url}
	ctx := context.Background()
	exchanges, err := c.Exchanges(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(exchanges), "exchanges, the first", exchanges[0])

	p, err := c.Price(ctx, "kraken", "btc", "2020-03-12")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s %s %s: open %.2f, close %.2f\n", p.Exchange, p.Symbol, p.Day, p.Open, p.Close)
	// Output:
	// 11 exchanges, the first bitfinex
	// kraken btc 2020-03-12: open 7883.33, close 4947.02
}

func ExampleLookup() {
	var missing int
	for _, ex := range prices.Exchanges() {
		for _, sym := range prices.Symbols() {
			for _, day := range prices.Days() {
				p, err := prices.Lookup(ex, sym, day)
				if err != nil {
					log.Fatal(err)
				}
				if p == nil {
					missing++
				}
			}
		}
	}
	fmt.Println(missing, "of 1023 prices are missing")

	_, err := prices.Lookup("kraken", "btc", "2020-04-01")
	fmt.Println(err)
	// Output:
	// 46 of 1023 prices are missing
	// bad date "2020-04-01": prices cover 2020-03-01 to 2020-03-31
}
