// A buffered channel (capacity 100) between a producer and a consumer: 500,000 values.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	ch := make(chan int, 100)
	go func() {
		for i := 0; i < 500000; i++ {
			ch <- i
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	fmt.Println("result", sum)
	fmt.Println("elapsed_ns", time.Since(start).Nanoseconds())
}
