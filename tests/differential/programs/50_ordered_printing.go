//go:build ignore

// Goroutines printing straight to standard output, in an order fixed by
// hand-offs: ping-pong between two goroutines and a token ring.
package main

import (
	"fmt"
	"os"
	"sync"
)

func main() {
	ping, pong := make(chan int), make(chan int)
	done := make(chan struct{})
	go func() {
		for v := range ping {
			fmt.Println("ping", v)
			pong <- v + 1
		}
	}()
	go func() {
		for v := range pong {
			fmt.Println("pong", v)
			if v >= 200 {
				close(done)
				return
			}
			ping <- v + 1
		}
	}()
	ping <- 0
	<-done
	close(ping)

	// A ring of 50 goroutines passes a token round 10 times; each one
	// prints when it holds the token.
	const size, rounds = 50, 10
	ring := make([]chan int, size)
	for i := range ring {
		ring[i] = make(chan int)
	}
	var wg sync.WaitGroup
	for i := range size {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				hop, ok := <-ring[i]
				if !ok {
					return
				}
				fmt.Printf("g%02d hop %d\n", i, hop)
				if hop == size*rounds-1 {
					for _, c := range ring {
						close(c)
					}
					return
				}
				ring[(i+1)%size] <- hop + 1
			}
		}()
	}
	ring[0] <- 0
	wg.Wait()

	// Output through os.Stdout directly, also in turn.
	turn := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		for i := range 5 {
			<-turn
			fmt.Fprintf(os.Stdout, "stdout line %d\n", i)
			finished <- struct{}{}
		}
	}()
	for range 5 {
		turn <- struct{}{}
		<-finished
	}
	fmt.Println("end")
}
