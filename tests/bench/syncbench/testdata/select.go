// A select loop over 3 channels, each fed by its own producer: 300,000 values.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	const each = 100000
	a, b, c := make(chan int), make(chan int), make(chan int)
	produce := func(ch chan int) {
		for i := 0; i < each; i++ {
			ch <- i
		}
		close(ch)
	}
	go produce(a)
	go produce(b)
	go produce(c)
	sum, open := 0, 3
	for open > 0 {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				open--
				continue
			}
			sum += v
		case v, ok := <-b:
			if !ok {
				b = nil
				open--
				continue
			}
			sum += v
		case v, ok := <-c:
			if !ok {
				c = nil
				open--
				continue
			}
			sum += v
		}
	}
	fmt.Println("result", sum)
	fmt.Println("elapsed_ns", time.Since(start).Nanoseconds())
}
