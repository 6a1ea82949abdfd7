//go:build ignore

// Closures capturing loop variables, handed to errgroup.Go.
package main

import (
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	const n = 1000
	var g errgroup.Group
	squares := make([]int, n)
	for i := 0; i < n; i++ {
		g.Go(func() error {
			squares[i] = i * i
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		fmt.Println("unexpected:", err)
	}
	bad := 0
	for i, s := range squares {
		if s != i*i {
			bad++
		}
	}
	fmt.Println("three-clause: wrong squares", bad)

	words := []string{"alpha", "beta", "gamma", "delta", "epsilon"}
	lengths := make([]int, len(words))
	for i, w := range words {
		upper := len(w) * 100
		g.Go(func() error {
			lengths[i] = upper + i
			return nil
		})
	}
	g.Wait()
	fmt.Println("range with body variable:", lengths)

	// Only iteration 7 fails, so Wait's error names it.
	for i := range 20 {
		g.Go(func() error {
			if i == 7 {
				return fmt.Errorf("task %d: %w", i, errBad)
			}
			return nil
		})
	}
	err := g.Wait()
	fmt.Println("error:", err, "is errBad:", errors.Is(err, errBad))
}

var errBad = errors.New("bad input")
