//go:build ignore

//differential:trace

// Function literals called through a slice: the one that divides by
// zero is named as Go numbers literals, main.main.func2, at its line.
package main

import "fmt"

func apply(steps []func(int) int, x int) int {
	for _, step := range steps {
		x = step(x)
	}
	return x
}

func main() {
	inc := func(x int) int { return x + 1 }
	invert := func(x int) int {
		return 100 / x
	}
	fmt.Println(apply([]func(int) int{inc, invert}, 1))
	fmt.Println(apply([]func(int) int{invert}, 0))
}
