// Interpreted arithmetic, the floor: primes below 300,000 by trial division.
package main

import (
	"fmt"
	"time"
)

func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

func main() {
	start := time.Now()
	c := 0
	for n := 0; n < 300000; n++ {
		if isPrime(n) {
			c++
		}
	}
	fmt.Println("result", c)
	fmt.Println("elapsed_ns", time.Since(start).Nanoseconds())
}
