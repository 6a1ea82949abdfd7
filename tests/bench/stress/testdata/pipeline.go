// A three-stage pipeline.
package main

import "fmt"

func main() {
	gen, sq := make(chan int), make(chan int)
	go func() {
		for i := 0; i < 1000; i++ {
			gen <- i
		}
		close(gen)
	}()
	go func() {
		for v := range gen {
			sq <- v * v
		}
		close(sq)
	}()
	sum := 0
	for v := range sq {
		sum += v
	}
	fmt.Println(sum)
}
