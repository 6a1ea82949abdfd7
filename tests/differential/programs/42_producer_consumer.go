//go:build ignore

// Producer-consumer: closing the channel is the poison pill that ends
// every consumer; and BV's variant with one explicit 'end' per worker.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	const items, consumers = 5000, 4
	queue := make(chan int, 10)
	var wg sync.WaitGroup
	sums := make([]int, consumers)
	counts := make([]int, consumers)
	for c := range consumers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range queue {
				sums[c] += v
				counts[c]++
			}
		}()
	}
	go func() {
		for i := 1; i <= items; i++ {
			queue <- i
		}
		close(queue)
	}()
	wg.Wait()
	total, n := 0, 0
	for c := range consumers {
		total += sums[c]
		n += counts[c]
	}
	fmt.Println("closed channel: consumed", n, "sum", total)

	// One sentinel per worker.
	tasks := make(chan string)
	results := make(chan string)
	for w := range 3 {
		go func() {
			for t := range tasks {
				if t == "end" {
					results <- fmt.Sprintf("worker %d stopped", w)
					return
				}
				results <- "done " + t
			}
		}()
	}
	go func() {
		for _, t := range []string{"Is", "this", "on?"} {
			tasks <- t
		}
		for range 3 {
			tasks <- "end"
		}
	}()
	var got []string
	for range 6 {
		got = append(got, <-results)
	}
	sort.Strings(got)
	fmt.Println(got)

	// A bounded queue: the producer blocks when it is full.
	bounded := make(chan int, 2)
	maxLen := 0
	var pw sync.WaitGroup
	pw.Add(1)
	go func() {
		defer pw.Done()
		for i := range 100 {
			bounded <- i
			maxLen = max(maxLen, len(bounded))
		}
		close(bounded)
	}()
	received := 0
	for range bounded {
		received++
	}
	pw.Wait()
	fmt.Println("bounded: received", received, "never above capacity:", maxLen <= cap(bounded))
}
