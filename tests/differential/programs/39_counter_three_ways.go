//go:build ignore

// SB's counter: 10 goroutines x 1,000 increments, made correct three ways:
// a mutex, an atomic, and a goroutine that owns the counter.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

const goroutines, increments = 10, 1000

func withMutex() int {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range increments {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return counter
}

func withAtomic() int64 {
	var counter atomic.Int64
	var wg sync.WaitGroup
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range increments {
				counter.Add(1)
			}
		}()
	}
	wg.Wait()
	return counter.Load()
}

func withChannel() int {
	incs := make(chan int)
	result := make(chan int)
	go func() {
		counter := 0
		for d := range incs {
			counter += d
		}
		result <- counter
	}()
	var wg sync.WaitGroup
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range increments {
				incs <- 1
			}
		}()
	}
	wg.Wait()
	close(incs)
	return <-result
}

func main() {
	for trial := range 3 {
		fmt.Println("trial", trial, "mutex:", withMutex(), "atomic:", withAtomic(), "channel:", withChannel())
	}
}
