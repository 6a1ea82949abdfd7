//go:build ignore

// sync.Once, sync.OnceFunc, sync.OnceValue and sync.OnceValues called from
// many goroutines: the function runs exactly once and everyone sees its
// result.
package main

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	const n = 200
	var calls atomic.Int32
	var wg sync.WaitGroup

	var once sync.Once
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			once.Do(func() { calls.Add(1) })
		}()
	}
	wg.Wait()
	fmt.Println("Once.Do calls:", calls.Load())

	calls.Store(0)
	setup := sync.OnceFunc(func() { calls.Add(1) })
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			setup()
		}()
	}
	wg.Wait()
	fmt.Println("OnceFunc calls:", calls.Load())

	calls.Store(0)
	config := sync.OnceValue(func() map[string]int {
		calls.Add(1)
		return map[string]int{"workers": 4, "retries": 3}
	})
	var sum atomic.Int64
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := config()
			sum.Add(int64(c["workers"] + c["retries"]))
		}()
	}
	wg.Wait()
	fmt.Println("OnceValue calls:", calls.Load(), "sum:", sum.Load())

	calls.Store(0)
	load := sync.OnceValues(func() (int, error) {
		calls.Add(1)
		return 0, errors.New("config missing")
	})
	var failures atomic.Int32
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := load(); err != nil {
				failures.Add(1)
			}
		}()
	}
	wg.Wait()
	v, err := load()
	fmt.Println("OnceValues calls:", calls.Load(), "failures:", failures.Load(), v, err)

	// A panicking OnceFunc panics again, with the same value, on every call.
	bad := sync.OnceFunc(func() { calls.Add(100); panic("init failed") })
	for range 3 {
		func() {
			defer func() { fmt.Print(recover(), "; ") }()
			bad()
		}()
	}
	fmt.Println("calls after panics:", calls.Load())

	square := sync.OnceValue(func() int { return 12 * 12 })
	fmt.Println(square(), square())
}
