//go:build ignore

// Range over integers: constants, variables, typed integers, and loops
// that start goroutines.
package main

import (
	"fmt"
	"sync"
)

type Small uint8

func main() {
	for i := range 3 {
		fmt.Print(i, " ")
	}
	fmt.Println()

	count := 0
	for range 5 {
		count++
	}
	fmt.Println("for range 5:", count)

	n := 4
	var sq []int
	for i := range n {
		sq = append(sq, i*i)
	}
	fmt.Println("range variable:", sq)

	var big int64 = 3
	for i := range big {
		fmt.Printf("%T:%d ", i, i)
	}
	var s Small = 2
	for i := range s {
		fmt.Printf("%T:%d ", i, i)
	}
	fmt.Println()

	zero, neg := 0, -3
	ran := 0
	for range zero {
		ran++
	}
	for range neg {
		ran++
	}
	fmt.Println("empty ranges ran:", ran)

	// The range expression is evaluated once.
	limit := 3
	iters := 0
	for i := range limit {
		limit = 10
		iters += i + 1
	}
	fmt.Println("evaluated once:", iters, limit)

	const goroutines = 20000
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			total += i
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println("goroutine sum:", total, "want", goroutines*(goroutines-1)/2)

	grid := [3][4]int{}
	for r := range len(grid) {
		for c := range len(grid[r]) {
			grid[r][c] = r*10 + c
		}
	}
	fmt.Println(grid)
}
