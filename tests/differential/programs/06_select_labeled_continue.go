//go:build ignore

// Labeled continue from inside a select case, as the last statement of the
// case, with and without a default, in a worker goroutine and in main.
package main

import (
	"fmt"
	"sync"
)

// skipOdd continues the loop from an if inside a case.
func skipOdd(ch <-chan int) (evens, iters int) {
loop:
	for iters = 0; iters < 1000; iters++ {
		select {
		case v, ok := <-ch:
			if !ok {
				return evens, iters
			}
			if v%2 == 1 {
				continue loop
			}
			evens += v
		}
	}
	return evens, iters
}

// lastStatement continues as the very last statement of a case: the code
// after the select runs only for the other case.
func lastStatement() (sum, after int) {
	ch := make(chan int, 10)
	tick := make(chan bool, 10)
	for i := range 10 {
		if i%2 == 0 {
			ch <- i
		} else {
			tick <- true
		}
	}
loop:
	for range 10 {
		select {
		case v := <-ch:
			sum += v
			continue loop
		case <-tick:
		}
		after++
	}
	return sum, after
}

// rows continues an outer loop from an inner loop's select.
func rows() []int {
	var out []int
	ch := make(chan int, 100)
	for i := range 100 {
		ch <- i
	}
outer:
	for row := 0; row < 5; row++ {
		for col := 0; col < 10; col++ {
			select {
			case v := <-ch:
				if v%7 == 6 {
					out = append(out, -v)
					continue outer
				}
				out = append(out, v)
			}
		}
		out = append(out, 1000+row) // reached only when a row ends normally
	}
	return out
}

// withDefault continues as the last statement of the default case.
func withDefault() (int, int) {
	ch := make(chan int, 4)
	defaults, got := 0, 0
outer:
	for i := 0; i < 12; i++ {
		if i%3 == 0 {
			ch <- i
		}
		for {
			select {
			case v := <-ch:
				got += v
			default:
				defaults++
				continue outer
			}
		}
	}
	return defaults, got
}

// worker is one select run by several goroutines, with a labeled
// continue as the last statement of a case.
func worker(id int, jobs <-chan int, results chan<- [2]int, wg *sync.WaitGroup) {
	defer wg.Done()
	done := 0
next:
	for {
		select {
		case j, ok := <-jobs:
			if !ok {
				results <- [2]int{id, done}
				return
			}
			if j < 0 {
				continue next
			}
			done++
		}
	}
}

func main() {
	ch := make(chan int, 20)
	for i := range 20 {
		ch <- i
	}
	close(ch)
	e, n := skipOdd(ch)
	fmt.Println("skip odd: even sum", e, "iterations", n)
	s, a := lastStatement()
	fmt.Println("continue as last statement: sum", s, "after select", a)
	fmt.Println("rows:", rows())
	d, g := withDefault()
	fmt.Println("continue in default: defaults", d, "received", g)

	const workers = 4
	jobs := make(chan int, 64)
	results := make(chan [2]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go worker(w, jobs, results, &wg)
	}
	for i := range 4000 {
		if i%4 == 0 {
			jobs <- -1
		} else {
			jobs <- i
		}
	}
	close(jobs)
	wg.Wait()
	close(results)
	total := 0
	for r := range results {
		total += r[1]
	}
	fmt.Println("workers: jobs done", total)
}
