//go:build ignore

//differential:trace

// An average over no samples: the integer division panics at its line.
package main

import "fmt"

func average(xs []int) int {
	sum := 0
	for _, x := range xs {
		sum += x
	}
	return sum / len(xs)
}

func main() {
	fmt.Println(average([]int{4, 6}))
	fmt.Println(average(nil))
}
