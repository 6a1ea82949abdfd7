//go:build ignore

// Assignments of several values where one value is a call, a receive or
// a composite literal: every variable gets its value, and all values are
// evaluated before any variable changes. Workers hand back results over
// channels; the collector keeps running totals with such assignments.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type stats struct {
	count, sum int
}

type window struct {
	lo, hi int
}

// Package-level variables of one declaration, one of them a literal.
var label, limits = "scores", window{lo: 0, hi: 100}

func clamp(v int) int {
	if v < limits.lo {
		return limits.lo
	}
	if v > limits.hi {
		return limits.hi
	}
	return v
}

func square(n int) int { return n * n }

func worker(id int, jobs <-chan int, results chan<- [2]int) {
	for n := range jobs {
		results <- [2]int{id, clamp(square(n))}
	}
}

func fibonacci(n int) []int {
	var out []int
	for a, b := 0, 1; len(out) < n; a, b = b, add(a, b) {
		out = append(out, a)
	}
	return out
}

func add(a, b int) int { return a + b }

func swapThrough(x, y int) (int, int) {
	x, y = square(y), square(x)
	return x, y
}

func main() {
	jobs := make(chan int)
	results := make(chan [2]int)
	for id := 1; id <= 3; id++ {
		go worker(id, jobs, results)
	}
	go func() {
		for n := 1; n <= 12; n++ {
			jobs <- n
		}
		close(jobs)
	}()

	var values []int
	total, best := 0, stats{}
	for i := 0; i < 12; i++ {
		var r [2]int
		seen, r := i+1, <-results
		total, best = total+r[1], stats{count: seen, sum: total + r[1]}
		values = append(values, r[1])
	}
	sort.Ints(values)
	fmt.Println(label, limits, values)
	fmt.Println("total", total, "best", best)

	fmt.Println("fib", fibonacci(10))
	fmt.Println(swapThrough(3, 4))

	counts := map[string]int{}
	var words int
	counts["go"], words = 2, len(strings.Fields("a b c"))
	fmt.Println(counts, words)

	var ratio float64
	var err error
	ratio, err = 1.5, fmt.Errorf("bad %d", words)
	fmt.Println(ratio, err)

	if lo, hi := clamp(-5), clamp(500); lo < hi {
		fmt.Println("range", lo, hi)
	}
	switch w, n := (window{1, 2}), square(3); {
	case n > w.hi:
		fmt.Println("above", w, n)
	}
	var first, rest = "head", strings.Split("x,y,z", ",")
	fmt.Println(first, rest)
}
