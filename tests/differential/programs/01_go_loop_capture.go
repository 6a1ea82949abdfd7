//go:build ignore

// Goroutines launched from a three-clause loop as func literals that
// capture the loop variable and a variable declared in the loop body.
// Each goroutine must see its own iteration's values.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	const n = 20000
	var wg sync.WaitGroup

	// Each goroutine writes the slot of its own iteration, so a goroutine
	// that sees another iteration's i leaves a slot unwritten.
	got := make([]int, n)
	var sum atomic.Int64
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = i + 1
			sum.Add(int64(i))
		}()
	}
	wg.Wait()
	missing := 0
	for i, v := range got {
		if v != i+1 {
			missing++
		}
	}
	fmt.Println("loop variable: goroutines", n, "slots missed", missing, "sum", sum.Load())

	// A variable declared in the body is a new variable each iteration.
	var mu sync.Mutex
	seen := make(map[int]int)
	for i := 0; i < n; i++ {
		x := i * 2
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			seen[x]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	dups := 0
	for _, c := range seen {
		if c > 1 {
			dups++
		}
	}
	fmt.Println("body variable: distinct", len(seen), "seen twice", dups)
}
