//go:build ignore

// A deferred call that calls runtime.Goexit while main panics ends the
// panic: the calls deferred before it run, nothing reports the panic, and
// main's goroutine is gone. A goroutine left then panics in its turn,
// which ends the program with its own report, exit status 2.
//
//differential:trace
package main

import (
	"fmt"
	"runtime"
)

func check(n int) {
	if n > 2 {
		panic(fmt.Sprintf("check: %d is too many", n))
	}
	fmt.Println("check", n)
}

func main() {
	release := make(chan struct{})
	go func() {
		<-release
		for n := range 5 {
			check(n)
		}
	}()
	defer close(release)
	defer fmt.Println("main's first deferred call")
	defer runtime.Goexit()
	panic("main's panic: must not be reported")
}
