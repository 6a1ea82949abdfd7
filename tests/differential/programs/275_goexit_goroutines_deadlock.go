//go:build ignore

// After main calls runtime.Goexit, the goroutines left run on until they
// are all blocked: then the program fails with Go's deadlock report
// ("fatal error: all goroutines are asleep - deadlock!"), exit status 2,
// rather than the no-goroutines error or a hang. The goroutines start
// once main's last deferred call lets them, and hand each other the turn,
// so the output's order is the same on every run.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	start := make(chan struct{})
	defer close(start)
	defer fmt.Println("main's deferred call")

	var mu sync.Mutex
	jobs := make(chan int)
	acks := make(chan struct{})
	locked := make(chan struct{})
	never := make(chan struct{})
	go func() {
		<-start
		for j := range jobs { // jobs is never closed
			fmt.Println("job", j)
			acks <- struct{}{}
		}
		fmt.Println("all jobs done: must not print")
	}()
	go func() {
		for j := range 3 {
			jobs <- j
			<-acks
		}
		mu.Lock()
		fmt.Println("the producer holds the lock")
		close(locked)
		<-never
	}()
	go func() {
		<-locked
		mu.Lock()
		fmt.Println("the lock taken: must not print")
	}()
	runtime.Goexit()
}
