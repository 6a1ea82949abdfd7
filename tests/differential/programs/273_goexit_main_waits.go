//go:build ignore

// runtime.Goexit in main runs main's deferred calls and ends main's
// goroutine only: the program's other goroutines run to their end, and
// only when none is left does the program fail, with "fatal error: no
// goroutines (main called runtime.Goexit) - deadlock!" and exit status 2.
// The goroutines start their work once main's last deferred call lets
// them, so the output's order is the same on every run.
//
//differential:trace
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	start := make(chan struct{})
	defer close(start)
	defer fmt.Println("main's deferred call")

	results := make(chan int)
	summed := make(chan struct{})
	go func() {
		sum := 0
		for v := range results {
			sum += v
		}
		fmt.Println("sum of squares:", sum)
		close(summed)
	}()
	go func() {
		<-start
		for i := range 5 {
			results <- i * i
		}
		close(results)
	}()
	go func() {
		<-summed
		time.Sleep(10 * time.Millisecond)
		fmt.Println("the last goroutine ends")
	}()
	fmt.Println("main calls runtime.Goexit")
	runtime.Goexit()
	fmt.Println("after Goexit: must not print")
}
