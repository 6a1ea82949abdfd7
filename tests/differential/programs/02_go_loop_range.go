//go:build ignore

// Goroutines launched from range loops (over a slice, a string, an int
// and a map) as func literals capturing the iteration variables.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	const n = 20000
	var wg sync.WaitGroup

	items := make([]int, n)
	for i := range items {
		items[i] = 3 * i
	}
	hits := make([]atomic.Int32, n)
	for i, v := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v == 3*i {
				hits[i].Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Println("range slice: slots hit exactly once", countOnes(hits))

	hits = make([]atomic.Int32, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hits[i].Add(1)
		}()
	}
	wg.Wait()
	fmt.Println("range int: slots hit exactly once", countOnes(hits))

	var runes atomic.Int64
	for i, r := range "goroutines, gophers" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runes.Add(int64(i) * int64(r))
		}()
	}
	wg.Wait()
	fmt.Println("range string: weighted sum", runes.Load())

	m := make(map[int]int, 2000)
	for i := range 2000 {
		m[i] = i * i
	}
	var bad, total atomic.Int64
	for k, v := range m {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v != k*k {
				bad.Add(1)
			}
			total.Add(int64(v))
		}()
	}
	wg.Wait()
	fmt.Println("range map: mismatched pairs", bad.Load(), "sum of values", total.Load())
}

func countOnes(hits []atomic.Int32) int {
	ones := 0
	for i := range hits {
		if hits[i].Load() == 1 {
			ones++
		}
	}
	return ones
}
