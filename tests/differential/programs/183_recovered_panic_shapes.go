//go:build ignore

// Goroutines that panic and recover, many in a row, with the recover in
// each shape of deferred call: a literal, a declared function, a method,
// a method value, a literal deferred in a loop; and one whose recover is
// in a function the deferred call calls, which returns nil, so that its
// panic is recovered by the deferred call around it. The main goroutine
// waits for each: a recovered panic must hold nobody up.
package main

import (
	"fmt"
	"sync"
)

type catcher struct{ n int }

func (c *catcher) catch() {
	if r := recover(); r != nil {
		c.n++
	}
}

var named int

func catchNamed() {
	if r := recover(); r != nil {
		named++
	}
}

func recoverInside() any { return recover() }

func main() {
	c := &catcher{}
	lits := 0
	var nested []any
	shapes := []struct {
		name string
		run  func(i int)
	}{
		{"literal", func(i int) {
			defer func() {
				if r := recover(); r != nil {
					lits++
				}
			}()
			panic(i)
		}},
		{"declared function", func(i int) { defer catchNamed(); panic(i) }},
		{"method", func(i int) { defer c.catch(); panic(i) }},
		{"method value", func(i int) { f := c.catch; defer f(); panic(i) }},
		{"literal in a loop", func(i int) {
			for k := 0; k < 1; k++ {
				defer func() {
					if recover() != nil {
						lits++
					}
				}()
			}
			panic(i)
		}},
		{"recover in a nested call", func(i int) {
			defer func() { recover() }()
			defer func() { nested = append(nested, recoverInside()) }()
			panic(i)
		}},
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, s := range shapes {
		for i := 0; i < 100; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mu.Lock()
				defer mu.Unlock()
				s.run(i)
			}()
			wg.Wait()
			mu.Lock()
			mu.Unlock()
		}
		fmt.Println(s.name, "done")
	}
	fmt.Println("literals", lits, "declared", named, "methods", c.n, "nested recovers", len(nested), "first", nested[0])
}
