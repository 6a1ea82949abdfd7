//go:build ignore

// runtime.Goexit runs every deferred call of the goroutine that calls it,
// innermost function first, and a recover in them returns nil: Goexit is
// no panic. Called in a deferred call, it lets the calls deferred before
// it run too; called in goroutines, it ends each one alone. Here main
// ends by a Goexit of a function it calls, and the program then fails
// with Go's fatal error.
//
//differential:trace
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func worker(id int, wg *sync.WaitGroup, out chan<- string) {
	defer wg.Done()
	defer func() { out <- fmt.Sprintf("worker %d: deferred, recover() = %v", id, recover()) }()
	if id%2 == 0 {
		runtime.Goexit()
	}
	out <- fmt.Sprintf("worker %d: done", id)
}

func inner() {
	defer fmt.Println("inner: deferred first")
	defer runtime.Goexit()
	defer fmt.Println("inner: deferred last")
	fmt.Println("inner: body")
}

func outer() {
	defer func() { fmt.Println("outer: recover() =", recover()) }()
	inner()
	fmt.Println("outer: after inner: must not print")
}

func main() {
	var wg sync.WaitGroup
	out := make(chan string, 8)
	for id := range 4 {
		wg.Add(1)
		go worker(id, &wg, out)
	}
	wg.Wait()
	close(out)
	lines := map[string]bool{}
	for l := range out {
		lines[l] = true
	}
	for id := range 4 {
		fmt.Println(id, lines[fmt.Sprintf("worker %d: done", id)], lines[fmt.Sprintf("worker %d: deferred, recover() = <nil>", id)])
	}

	defer fmt.Println("main: deferred")
	outer()
	fmt.Println("main: after outer: must not print")
}
