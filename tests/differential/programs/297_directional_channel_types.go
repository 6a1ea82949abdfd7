//go:build ignore

// Channels made of directional types: a defined receive-only type, a
// send-only literal with places, slices of them grown by a generic
// append, and a generic pipeline stage returning a receive-only channel.
package main

import "fmt"

type source <-chan int

func grow[S ~[]E, E any](s S, more ...E) S { return append(s, more...) }

func double[T ~int](in <-chan T) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for v := range in {
			out <- 2 * v
		}
	}()
	return out
}

func main() {
	r := make(source)
	fmt.Println(r == nil, cap(r))
	sink := make(chan<- string, 3)
	sink <- "a"
	fmt.Println(len(sink), cap(sink))
	all := grow([]source{r}, make(source), r)
	fmt.Println(len(all), all[0] == r, all[1] == r, all[2] == r)
	in := make(chan int)
	go func() {
		defer close(in)
		for i := 1; i <= 3; i++ {
			in <- i
		}
	}()
	for v := range double(in) {
		fmt.Print(v, " ")
	}
	fmt.Println()
}
