//go:build ignore

// Fan-out: several workers read one channel. Fan-in: a merge function
// combines their output channels into one.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func merge[T any](cs ...<-chan T) <-chan T {
	out := make(chan T, 16)
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

type tagged struct {
	worker, value int
}

func square(id int, in <-chan int) <-chan tagged {
	out := make(chan tagged)
	go func() {
		defer close(out)
		for n := range in {
			out <- tagged{id, n * n}
		}
	}()
	return out
}

func main() {
	const items, workers = 10000, 5
	in := make(chan int)
	go func() {
		defer close(in)
		for i := range items {
			in <- i
		}
	}()
	outs := make([]<-chan tagged, workers)
	for w := range workers {
		outs[w] = square(w, in)
	}
	sum := 0
	count := 0
	perWorker := make([]int, workers)
	for t := range merge(outs...) {
		sum += t.value
		count++
		perWorker[t.worker]++
	}
	handled := 0
	for _, n := range perWorker {
		handled += n
	}
	fmt.Println("items", count, "handled", handled, "sum of squares", sum)

	// Fan-in of words from several producers, sorted for printing.
	words := [][]string{{"go", "chan"}, {"select", "mutex", "cond"}, {"once"}}
	var sources []<-chan string
	for _, ws := range words {
		c := make(chan string)
		go func() {
			defer close(c)
			for _, w := range ws {
				c <- w
			}
		}()
		sources = append(sources, c)
	}
	var all []string
	for w := range merge(sources...) {
		all = append(all, w)
	}
	sort.Strings(all)
	fmt.Println(all)
}
