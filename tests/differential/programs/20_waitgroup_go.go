//go:build ignore

// sync.WaitGroup.Go starts each function in a goroutine and counts it;
// Wait returns when they have all returned.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	const n = 10000
	var wg sync.WaitGroup
	got := make([]int, n)
	for i := 0; i < n; i++ {
		wg.Go(func() { got[i] = i * 2 })
	}
	wg.Wait()
	bad := 0
	for i, v := range got {
		if v != i*2 {
			bad++
		}
	}
	fmt.Println("WaitGroup.Go:", n, "wrong", bad)

	var mu sync.Mutex
	var names []string
	for _, name := range []string{"Thread-1", "Thread-3", "Thread-2"} {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			names = append(names, name+" <- Sweet!")
		})
	}
	wg.Wait()
	sort.Strings(names)
	fmt.Println(names)

	// Nested: goroutines started with Go start more goroutines.
	var total int
	var outer sync.WaitGroup
	for i := range 10 {
		outer.Go(func() {
			var inner sync.WaitGroup
			for j := range 10 {
				inner.Go(func() {
					mu.Lock()
					total += i*10 + j
					mu.Unlock()
				})
			}
			inner.Wait()
		})
	}
	outer.Wait()
	fmt.Println("nested total:", total)

	// A method value passed to Go.
	var c counter
	for range 100 {
		wg.Go(c.inc)
	}
	wg.Wait()
	fmt.Println("method value:", c.get())
}

type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *counter) get() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
