//go:build ignore

//differential:trace

// A deferred literal panics while a run-time error raised in a callee is
// under way: the trace shows the literal, the runtime's panic, the callee
// at the failing index, the function that deferred the literal at its
// call, and main.
package main

import "fmt"

func pick(xs []int, i int) int {
	return xs[i]
}

func process(xs []int) (total int) {
	defer func() {
		fmt.Println("cleaning up after", len(xs), "items")
		panic("cleanup failed")
	}()
	for i := 0; i <= len(xs); i++ {
		total += pick(xs, i)
	}
	return total
}

func main() {
	fmt.Println(process([]int{1, 2, 3}))
}
