//go:build ignore

// Run-time panics a program recovers and prints: an assertion of a nil
// any to an interface, a nil pointer loaded into the blank identifier,
// make with a negative size. Then a worker goroutine loads through a nil
// pointer and the program ends with exit status 2, as an unrecovered
// panic in any goroutine ends it.
package main

import (
	"fmt"
	"sort"
	"sync"
)

type job struct {
	id   int
	size *int
}

func attempt(name string, f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			_, isRuntime := r.(interface{ RuntimeError() })
			msg = fmt.Sprintf("%s: %v (runtime.Error %t)", name, r, isRuntime)
		}
	}()
	f()
	return name + ": ok"
}

func main() {
	var nilStringer fmt.Stringer
	var nothing any
	sizes := []int{-1, 0, 3}
	var msgs []string
	var mu sync.Mutex
	var wg sync.WaitGroup
	checks := map[string]func(){
		"assert nil any": func() {
			_, ok := any(nilStringer).(fmt.Stringer)
			if !ok {
				_ = nothing.(error)
			}
		},
		"blank load": func() {
			var j *job
			_ = *j
		},
		"blank load field": func() {
			j := &job{id: 1}
			_ = *j.size
		},
		"chan size": func() { _ = make(chan job, sizes[0]) },
		"slice len": func() { _ = make([]job, sizes[0]) },
		"slice cap": func() { _ = make([]int, sizes[2], sizes[1]) },
		"good sizes": func() {
			_ = make(chan job, sizes[2])
			_ = make([]job, sizes[1], sizes[2])
		},
	}
	for name, f := range checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := attempt(name, f)
			mu.Lock()
			msgs = append(msgs, m)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Strings(msgs)
	for _, m := range msgs {
		fmt.Println(m)
	}

	// Printed before the worker starts: its panic may end the program at
	// any moment after, in Go as here.
	fmt.Println("waiting for the worker")
	results := make(chan int)
	go func() {
		var j *job
		_ = *j
		results <- 1
	}()
	fmt.Println(<-results)
}
