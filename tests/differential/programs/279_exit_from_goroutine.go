//go:build ignore

// os.Exit in a goroutine ends the program at once, while main waits: no
// deferred call runs, in the goroutine, in main or in any other, and the
// goroutine it lets go, which first waits a millisecond, prints nothing.
package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

func main() {
	defer fmt.Println("main's deferred call: must not print")
	release := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer fmt.Println("the printer's deferred call: must not print")
		<-release
		time.Sleep(time.Millisecond)
		for i := 0; ; i++ {
			fmt.Println("after os.Exit:", i)
		}
	}()
	go func() {
		defer fmt.Println("the exiting goroutine's deferred call: must not print")
		for i := range 3 {
			fmt.Println("working", i)
		}
		fmt.Println("exiting with status 3")
		close(release)
		os.Exit(3)
	}()
	wg.Wait()
	fmt.Println("main goes on: must not print")
}
