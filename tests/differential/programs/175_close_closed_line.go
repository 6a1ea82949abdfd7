//go:build ignore

//differential:trace

// A channel closed twice: the second close panics at its line.
package main

import "fmt"

func finish(c chan int) {
	fmt.Println("finishing")
	close(c)
}

func main() {
	c := make(chan int)
	finish(c)
	finish(c)
}
