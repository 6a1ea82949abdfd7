//go:build ignore

// Method values and method expressions as goroutines and as function
// values: the receiver is bound when the method value is made.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *Counter) Add(k int, wg *sync.WaitGroup) {
	defer wg.Done()
	c.mu.Lock()
	c.n += k
	c.mu.Unlock()
}

type Greeter struct{ Name string }

func (g Greeter) Greet(out chan<- string) { out <- "hello from " + g.Name }

type Worker struct {
	ID      int
	results chan<- string
}

func (w Worker) Run(jobs <-chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		w.results <- fmt.Sprint(j)
	}
}

func main() {
	var c Counter
	var wg sync.WaitGroup
	for range 1000 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Inc()
		}()
	}
	wg.Wait()
	for i := range 100 {
		wg.Add(1)
		go c.Add(i, &wg)
	}
	wg.Wait()
	fmt.Println("counter:", c.n)

	inc := c.Inc
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			inc()
		}()
	}
	wg.Wait()
	add := (*Counter).Add
	wg.Add(1)
	go add(&c, 1000, &wg)
	wg.Wait()
	fmt.Println("method value and expression:", c.n)

	// A value receiver is copied when the method value is made.
	g := Greeter{"first"}
	greet := g.Greet
	g.Name = "second"
	out := make(chan string, 3)
	go greet(out)
	go g.Greet(out)
	a, b := <-out, <-out
	got := []string{a, b}
	sort.Strings(got)
	fmt.Println(strings.Join(got, "; "))

	jobs := make(chan int, 100)
	results := make(chan string, 100)
	for id := range 4 {
		wg.Add(1)
		go Worker{ID: id, results: results}.Run(jobs, &wg)
	}
	for j := range 100 {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	close(results)
	seen := map[string]bool{}
	for r := range results {
		seen[r] = true
	}
	fmt.Println("worker method results:", len(seen))

	var fs []func()
	counters := make([]Counter, 3)
	for i := range counters {
		fs = append(fs, counters[i].Inc)
	}
	for _, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
			f()
		}()
	}
	wg.Wait()
	fmt.Println("bound receivers:", counters[0].n, counters[1].n, counters[2].n)
}
