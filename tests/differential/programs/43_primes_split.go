//go:build ignore

// Counting primes below 60,000: serially, and split over 2 goroutines by
// interleaving the odd numbers so both get about the same work.
package main

import (
	"fmt"
	"sync"
)

func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	if n%2 == 0 {
		return n == 2
	}
	for d := 3; d*d <= n; d += 2 {
		if n%d == 0 {
			return false
		}
	}
	return true
}

func countRange(lo, hi, step int) int {
	c := 0
	for n := lo; n < hi; n += step {
		if isPrime(n) {
			c++
		}
	}
	return c
}

func main() {
	const limit = 60000
	serial := countRange(0, limit, 1)

	var wg sync.WaitGroup
	parts := make([]int, 2)
	for g := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[g] = countRange(2*g+1, limit, 4) // 1, 5, 9, ... and 3, 7, 11, ...
		}()
	}
	wg.Wait()
	fmt.Println("serial:", serial, "parallel:", 1+parts[0]+parts[1], "parts:", parts) // 1 for the prime 2

	// Split by halves, results over a channel.
	res := make(chan int, 2)
	for _, r := range [][2]int{{0, limit / 2}, {limit / 2, limit}} {
		go func() { res <- countRange(r[0], r[1], 1) }()
	}
	fmt.Println("halves:", <-res+<-res)

	// SB's big numbers: 15492810 is even; the others tested are prime.
	for _, n := range []int{15492781, 15492787, 15492810, 15492811} {
		fmt.Print(n, ":", isPrime(n), " ")
	}
	fmt.Println()
}
