//go:build ignore

//differential:trace

// A worker goroutine walks a range with two loop variables, the post
// statement stepping one of them through a call that fails: the trace
// shows the call, then the goroutine's literal at the loop's line.
package main

import (
	"fmt"
	"sync"
)

func shrink(hi int) int {
	if hi == 4 {
		panic(fmt.Sprintf("cannot shrink %d", hi))
	}
	return hi - 1
}

func main() {
	var wg sync.WaitGroup
	results := make(chan string, 8)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for lo, hi := 0, 7; lo < hi; lo, hi = lo+1, shrink(hi) {
			results <- fmt.Sprint(lo, hi)
		}
	}()
	wg.Wait()
	close(results)
	for r := range results {
		fmt.Println(r)
	}
}
