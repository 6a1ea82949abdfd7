//go:build ignore

//differential:trace

// A program that imports neither fmt nor os: Go's runtime starts one
// goroutine fewer before main (no finalizer goroutine), so the program's
// first goroutine is 6, and its panic report says so.
package main

import (
	"errors"
	"sync"
)

var errShort = errors.New("short read")

func read(n int, results []int) {
	if n == 3 {
		panic(errShort)
	}
	results[n] = n * n
}

func main() {
	results := make([]int, 4)
	var wg sync.WaitGroup
	for n := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			read(n, results)
		}()
		wg.Wait()
	}
	done := make(chan bool)
	go func() {
		read(3, results)
		done <- true
	}()
	<-done
}
