//go:build ignore

// Generic pipeline stages and a generic worker pool: stages started as
// goroutines on channels of their type parameters, a generic function
// calling another with its own type parameter for defined types, a
// variadic merge, and results gathered by a generic type with methods.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Meters float64

type Word string

// Source sends vs on a new channel and closes it.
func Source[T any](vs ...T) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for _, v := range vs {
			out <- v
		}
	}()
	return out
}

// Stage applies f to each value of in, with workers goroutines.
func Stage[In, Out any](in <-chan In, workers int, f func(In) Out) <-chan Out {
	out := make(chan Out, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range in {
				out <- f(v)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// Collect drains in into a slice.
func Collect[T any](in <-chan T) []T {
	var all []T
	for v := range in {
		all = append(all, v)
	}
	return all
}

// Scale doubles every value through a generic stage of the same type.
func Scale[N ~int | ~float64](in <-chan N, k N) <-chan N {
	return Stage(in, 3, func(v N) N { return v * k })
}

// Total sums a pipeline's output.
func Total[N ~int | ~float64](in <-chan N) N {
	var t N
	for _, v := range Collect(in) {
		t += v
	}
	return t
}

// Tally counts values under a mutex, for workers to share.
type Tally[K comparable] struct {
	mu sync.Mutex
	n  map[K]int
}

func NewTally[K comparable]() *Tally[K] { return &Tally[K]{n: map[K]int{}} }

func (t *Tally[K]) Add(k K) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n[k]++
}

func (t *Tally[K]) Count(k K) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n[k]
}

// Pool runs jobs of one type on a fixed set of goroutines.
func Pool[J any](workers int, jobs []J, do func(J)) {
	ch := make(chan J)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				do(j)
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
}

func main() {
	nums := make([]int, 2000)
	for i := range nums {
		nums[i] = i
	}
	squares := Stage(Source(nums...), 4, func(n int) int { return n * n })
	fmt.Println("sum of squares:", Total(squares))

	lengths := Stage(Source(strings.Fields("fan out fan in pipelines of generic stages")...), 2,
		func(s string) Meters { return Meters(len(s)) / 2 })
	fmt.Println("scaled total:", Total(Scale(lengths, 10)))

	words := Collect(Stage(Source[Word]("go", "chan", "select"), 2, func(w Word) string { return strings.ToUpper(string(w)) }))
	sort.Strings(words)
	fmt.Println(words)

	tally := NewTally[Word]()
	var jobs []Word
	for i := 0; i < 3000; i++ {
		jobs = append(jobs, []Word{"go", "chan", "select"}[i%3])
	}
	Pool(6, jobs, tally.Add)
	fmt.Println("go", tally.Count("go"), "chan", tally.Count("chan"), "select", tally.Count("select"))
}
