//go:build ignore

// Closures that modify the variables they capture: generators, shared
// counters, captured results, and goroutines updating captured state.
package main

import (
	"fmt"
	"sync"
)

func counterGen() (func() int, func()) {
	n := 0
	return func() int { n++; return n }, func() { n = 0 }
}

func fibMemo() func(int) int {
	memo := map[int]int{}
	var fib func(int) int
	fib = func(n int) int {
		if n < 2 {
			return n
		}
		if v, ok := memo[n]; ok {
			return v
		}
		v := fib(n-1) + fib(n-2)
		memo[n] = v
		return v
	}
	return fib
}

func accumulate() (total int) {
	add := func(k int) { total += k }
	for i := range 10 {
		add(i)
	}
	return
}

func main() {
	next, reset := counterGen()
	next()
	next()
	fmt.Println("generator:", next())
	reset()
	fmt.Println("after reset:", next())
	other, _ := counterGen()
	fmt.Println("independent:", other(), next())

	fib := fibMemo()
	fmt.Println("fib 80:", fib(80))
	fmt.Println("captured named result:", accumulate())

	x := 1
	double := func() { x *= 2 }
	for range 10 {
		double()
	}
	fmt.Println("shared variable:", x)

	// Goroutines update captured variables under a mutex.
	var mu sync.Mutex
	var wg sync.WaitGroup
	total, calls := 0, 0
	longest := ""
	for i := range 1000 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := fmt.Sprint(i)
			mu.Lock()
			defer mu.Unlock()
			total += i
			calls++
			if len(s) > len(longest) || (len(s) == len(longest) && s > longest) {
				longest = s
			}
		}()
	}
	wg.Wait()
	fmt.Println("captured by goroutines:", total, calls, longest)

	// A closure captures the variable, not its value at creation.
	msg := "before"
	say := func() string { return msg }
	msg = "after"
	fmt.Println("late binding:", say())

	// Closures sharing one captured slice and struct.
	type stats struct{ min, max int }
	st := stats{1 << 30, -1 << 30}
	var seen []int
	observe := func(v int) {
		seen = append(seen, v)
		st.min = min(st.min, v)
		st.max = max(st.max, v)
	}
	for _, v := range []int{5, -2, 9, 3} {
		observe(v)
	}
	fmt.Println("struct and slice:", seen, st)

	pt := &st
	bump := func() { pt.max += 100 }
	bump()
	fmt.Println("through pointer:", st.max)
}
