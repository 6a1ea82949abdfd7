// Unbuffered ping-pong: 200,000 round trips between two goroutines.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	sum := 0
	for i := 0; i < 200000; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	fmt.Println("result", sum)
	fmt.Println("elapsed_ns", time.Since(start).Nanoseconds())
}
