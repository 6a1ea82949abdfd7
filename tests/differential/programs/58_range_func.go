//go:build ignore

// Range over functions (iter.Seq, iter.Seq2) with break, continue,
// labeled branches and return from inside the loop body; iterators of
// maps and slices; iterators built from goroutines and channels.
package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"sync"
)

// Count yields 0, 1, 2, ... up to n-1, and reports how far it got.
func Count(n int, log *[]string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				*log = append(*log, fmt.Sprint("stopped at ", i))
				return
			}
		}
		*log = append(*log, "ran out")
	}
}

// Pairs yields each word with its length.
func Pairs(words []string) iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		for _, w := range words {
			if !yield(w, len(w)) {
				return
			}
		}
	}
}

// Filter keeps the values of seq that keep reports true for.
func Filter[V any](seq iter.Seq[V], keep func(V) bool) iter.Seq[V] {
	return func(yield func(V) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

// FirstOver returns from inside a range-over-func loop.
func FirstOver(seq iter.Seq[int], limit int) (int, bool) {
	for v := range seq {
		if v > limit {
			return v * 10, true
		}
	}
	return -1, false
}

// named returns through named results, with a bare return in the loop.
func named(seq iter.Seq2[string, int]) (longest string, n int) {
	for w, l := range seq {
		if l > n {
			longest, n = w, l
		}
		if l >= 6 {
			return
		}
	}
	return longest, n
}

// Generate yields squares produced by worker goroutines, in order.
func Generate(n, workers int) iter.Seq[int] {
	return func(yield func(int) bool) {
		out := make([]int, n)
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; i < n; i += workers {
					out[i] = i * i
				}
			}(w)
		}
		wg.Wait()
		for _, v := range out {
			if !yield(v) {
				return
			}
		}
	}
}

// FromChannel yields what a producer goroutine sends, until told to stop.
func FromChannel(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		ch := make(chan int)
		quit := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer close(ch)
			for i := 0; i < n; i++ {
				select {
				case ch <- i:
				case <-quit:
					return
				}
			}
		}()
		defer func() {
			close(quit)
			<-done
		}()
		for v := range ch {
			if !yield(v) {
				return
			}
		}
	}
}

func main() {
	var log []string
	for i := range Count(5, &log) {
		fmt.Print(i, " ")
	}
	fmt.Println(log)

	log = nil
	for i := range Count(100, &log) {
		if i%2 == 0 {
			continue
		}
		if i > 7 {
			break
		}
		fmt.Print(i, " ")
	}
	fmt.Println(log)

	log = nil
	sum := 0
outer:
	for i := range Count(10, &log) {
		for j := range Count(10, &log) {
			if j > i {
				continue outer
			}
			if i+j > 12 {
				break outer
			}
			sum += i * j
		}
	}
	fmt.Println("sum", sum, len(log), log[len(log)-1])

	// A switch and a plain loop inside the body keep their own break.
	for i := range Count(6, &log) {
		switch {
		case i == 1:
			break
		case i == 4:
			fmt.Println("four")
		}
		for k := 0; k < 3; k++ {
			if k == 1 {
				break
			}
		}
	}

	fmt.Println(FirstOver(Count(50, &log), 20))
	fmt.Println(FirstOver(Count(5, &log), 20))
	words := strings.Fields("go is a language with goroutines and channels")
	fmt.Println(named(Pairs(words)))
	for w, l := range Pairs(words) {
		if l == 1 {
			continue
		}
		fmt.Print(w, ":", l, " ")
	}
	fmt.Println()

	evens := Filter(Count(20, &log), func(v int) bool { return v%2 == 0 })
	fmt.Println(slices.Collect(evens))

	ages := map[string]int{"ann": 31, "bob": 27, "cy": 45, "dee": 27}
	for _, k := range slices.Sorted(maps.Keys(ages)) {
		fmt.Print(k, "=", ages[k], " ")
	}
	fmt.Println()
	total := 0
	for _, v := range maps.All(ages) {
		total += v
	}
	fmt.Println("total", total, slices.Sorted(maps.Values(ages)))
	byAge := maps.Collect(func(yield func(int, []string) bool) {
		for _, k := range slices.Sorted(maps.Keys(ages)) {
			if !yield(ages[k], []string{k}) {
				return
			}
		}
	})
	fmt.Println(len(byAge), byAge[27], byAge[45])
	for i, v := range slices.Backward([]string{"a", "b", "c"}) {
		fmt.Print(i, v, " ")
	}
	for i, v := range slices.All([]string{"x", "y"}) {
		fmt.Print(i, v, " ")
	}
	fmt.Println()

	squares := 0
	for v := range Generate(1000, 4) {
		squares += v
	}
	fmt.Println("squares", squares)
	got := []int{}
	for v := range FromChannel(100) {
		if v == 5 {
			break
		}
		got = append(got, v)
	}
	fmt.Println("from channel", got)

	// Closures made in the loop body see their own iteration's value.
	var fs []func() int
	for v := range Count(4, &log) {
		fs = append(fs, func() int { return v * v })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	// An iterator that ignores yield's false panics.
	bad := func(yield func(int) bool) {
		yield(1)
		yield(2)
	}
	func() {
		defer func() { fmt.Println("recovered:", recover() != nil) }()
		for v := range bad {
			fmt.Println("bad", v)
			break
		}
	}()
}
