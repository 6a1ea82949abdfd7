//go:build ignore

//differential:trace

// A goroutine's literal walks two counters; the loop's post statement
// steps one through a call and divides the other by a step that has
// become zero: the trace shows the literal once, at the loop's line.
package main

import (
	"fmt"
	"sync"
)

func next(hi int) int { return hi - 1 }

func main() {
	var wg sync.WaitGroup
	step := 2
	wg.Add(1)
	go func() {
		for lo, hi := 8, 7; lo > 0; lo, hi = lo/step, next(hi) {
			fmt.Println(lo, hi)
			step--
		}
		wg.Done()
	}()
	wg.Wait()
}
