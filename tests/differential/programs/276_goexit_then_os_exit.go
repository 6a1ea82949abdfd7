//go:build ignore

// After main calls runtime.Goexit, a goroutine left can still end the
// program its own way: os.Exit(3) here, with status 3 and neither Go's
// fatal error nor the output of a goroutine that would print afterwards.
// The goroutines start once main's last deferred call lets them.
package main

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

func main() {
	start := make(chan struct{})
	defer close(start)
	defer fmt.Println("main's deferred call")
	ticks := make(chan int)
	go func() {
		<-start
		for i := range 3 {
			ticks <- i
			time.Sleep(time.Millisecond)
		}
		close(ticks)
	}()
	go func() {
		for i := range ticks {
			fmt.Println("tick", i)
		}
		fmt.Println("exiting with status 3")
		os.Exit(3)
	}()
	go func() {
		select {} // blocked for good: os.Exit does not wait for it
	}()
	runtime.Goexit()
}
