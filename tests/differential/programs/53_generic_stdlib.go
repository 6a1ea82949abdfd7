//go:build ignore

// Generic standard library functions from interpreted code: slices, maps
// and cmp, including maps.Keys into slices.Sorted.
package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

type Trade struct {
	Exchange string
	Price    float64
}

func main() {
	prices := map[string]float64{"kraken": 3.5, "bitstamp": 2.25, "okex": 9, "huobi": 2.25}
	keys := slices.Sorted(maps.Keys(prices))
	fmt.Println(keys)
	vals := slices.Collect(maps.Values(prices))
	slices.Sort(vals)
	fmt.Println(vals, slices.Max(vals), slices.Min(vals))

	xs := []int{5, 2, 8, 2, 9, 1}
	fmt.Println(slices.Contains(xs, 8), slices.Index(xs, 2), slices.IndexFunc(xs, func(x int) bool { return x > 6 }))
	ys := slices.Clone(xs)
	slices.Sort(ys)
	ys = slices.Compact(ys)
	fmt.Println(xs, ys, slices.Equal(xs, ys))
	i, found := slices.BinarySearch(ys, 8)
	fmt.Println(i, found)
	slices.Reverse(ys)
	fmt.Println(ys)

	trades := []Trade{{"okex", 9}, {"kraken", 3.5}, {"huobi", 2.25}, {"bitstamp", 2.25}}
	slices.SortFunc(trades, func(a, b Trade) int {
		return cmp.Or(cmp.Compare(a.Price, b.Price), strings.Compare(a.Exchange, b.Exchange))
	})
	fmt.Println(trades)
	slices.SortStableFunc(trades, func(a, b Trade) int { return cmp.Compare(len(a.Exchange), len(b.Exchange)) })
	fmt.Println(trades)

	m2 := maps.Clone(prices)
	delete(m2, "okex")
	fmt.Println(len(prices), len(m2), maps.Equal(prices, m2))
	maps.DeleteFunc(m2, func(k string, v float64) bool { return v < 3 })
	fmt.Println(m2)

	chunks := [][]int{}
	for c := range slices.Chunk([]int{1, 2, 3, 4, 5, 6, 7}, 3) {
		chunks = append(chunks, c)
	}
	fmt.Println(chunks, cmp.Compare("a", "b"), min(cmp.Or(0, 4), 3))
	fmt.Println(slices.Repeat([]string{"go"}, 3), slices.Insert([]int{1, 4}, 1, 2, 3))
}
