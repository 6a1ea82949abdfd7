//go:build ignore

//differential:trace

// A package-level variable's initializer fails in the function it calls,
// before main and the init functions run: Go shows the function, then
// main.init() at the line of the initializer.
package main

import "fmt"

var limits = []int{10, 20, 30}

var first = limits[0]

var fourth = nth(limits, 3)

func nth(xs []int, i int) int {
	return xs[i]
}

func init() {
	fmt.Println("never runs")
}

func main() {
	fmt.Println(first, fourth)
}
