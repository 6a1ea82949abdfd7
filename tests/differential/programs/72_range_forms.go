//go:build ignore

// Range forms a concurrent program meets, and the values it leaves: a
// collector that assigns the last value received to an outer variable,
// ranges over a map and a string into outer variables, counts slots of a
// nil array pointer, ranges over a declared iterator function, and a
// goroutine whose deferred closure recovers and reports on a channel.
// Floats go through println, whose format the Go runtime sets.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type slots [4]int

func evens(yield func(int) bool) {
	for i := 0; i < 10; i += 2 {
		if !yield(i) {
			return
		}
	}
}

func main() {
	results := make(chan int, 8)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i * i
		}()
	}
	wg.Wait()
	close(results)
	var last, sum int
	for last = range results {
		sum += last
	}
	fmt.Println("sum", sum, "last is a square:", last%1 == 0)

	var key string
	var count int
	for key, count = range map[string]int{"only": 3} {
	}
	var at int
	var r rune
	for at, r = range "añb" {
	}
	fmt.Println(key, count, at, string(r))

	var free *slots
	n := 0
	for i := range free {
		n += i
	}
	fmt.Println("slots", n, len(free), cap(free))

	total := 0
	for v := range evens {
		total += v
	}
	(evens)(func(v int) bool { total += 100; return v < 4 })
	fmt.Println("evens", total)

	old := runtime.MemProfileRate
	runtime.MemProfileRate = 0
	fmt.Println("profiling off:", runtime.MemProfileRate == 0)
	runtime.MemProfileRate = old

	report := make(chan string)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				report <- fmt.Sprint("worker recovered: ", r)
			}
		}()
		var m map[string]int
		m["x"] = 1
	}()
	fmt.Println(<-report)
	println("ratio", 1.5, float32(0.25), 2e100, 3+4i)
}
