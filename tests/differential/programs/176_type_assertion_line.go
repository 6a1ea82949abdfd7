//go:build ignore

//differential:trace

// A type assertion to the wrong type, in a goroutine: the report gives the
// assertion's line and Go's message.
package main

import "fmt"

func double(v any, out chan<- int) {
	n := v.(int)
	out <- 2 * n
}

func main() {
	out := make(chan int)
	go double(21, out)
	fmt.Println(<-out)
	go double("21", out)
	fmt.Println(<-out)
}
