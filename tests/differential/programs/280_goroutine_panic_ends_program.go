//go:build ignore

// A goroutine's panic ends the program, with status 2, while main waits:
// the panicking goroutine's deferred calls run first, main's do not, and
// a goroutine still spinning does not keep the program alive.
package main

import "fmt"

var spins int

func main() {
	defer fmt.Println("main's deferred call: must not print")
	go func() {
		for {
			spins++
		}
	}()
	done := make(chan struct{})
	go func() {
		defer fmt.Println("the panicking goroutine's deferred call")
		fmt.Println("about to panic")
		panic("boom")
	}()
	<-done
	fmt.Println("main goes on: must not print")
}
