//go:build ignore

// A program ends as main returns, after main's deferred calls. Its other
// goroutines, spinning, blocked or about to print, neither delay the end
// nor print after it, and their deferred calls do not run. The printer
// below may go on only once main's last deferred call has run, and then
// waits a millisecond: Go has ended the program well before.
package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

var spins int

func main() {
	for range 2 {
		go func() {
			for {
				spins++
			}
		}()
	}

	release := make(chan struct{})
	go func() {
		defer fmt.Println("the printer's deferred call: must not print")
		<-release
		time.Sleep(time.Millisecond)
		for i := 0; ; i++ {
			fmt.Println("after main returned:", i)
			fmt.Fprintln(os.Stderr, "after main returned:", i)
		}
	}()

	blocked := make(chan int)
	go func() {
		defer fmt.Println("a blocked goroutine's deferred call: must not print")
		<-blocked
	}()

	squares := make([]int, 4)
	var wg sync.WaitGroup
	for i := range squares {
		wg.Add(1)
		go func() {
			defer wg.Done()
			squares[i] = i * i
		}()
	}
	wg.Wait()
	fmt.Println("squares:", squares)

	defer close(release)
	defer fmt.Println("main's deferred call")
	fmt.Println("main returns")
}
