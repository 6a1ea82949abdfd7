package main

func CountPrimes(n, workers int) int {
	c := 0
	for k := 0; k < n; k++ {
		if isPrime(k) {
			c++
		}
	}
	return c
}
