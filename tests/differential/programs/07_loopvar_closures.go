//go:build ignore

// Go 1.22 per-iteration loop variables, seen through closures stored in a
// slice and called after the loop.
package main

import (
	"fmt"
	"sort"
)

func call(fs []func() int) []int {
	out := make([]int, len(fs))
	for i, f := range fs {
		out[i] = f()
	}
	return out
}

func main() {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	fmt.Println("three-clause:", call(fs))

	fs = nil
	for _, v := range []int{10, 20, 30} {
		fs = append(fs, func() int { return v })
	}
	fmt.Println("range slice:", call(fs))

	fs = nil
	for i := range 4 {
		fs = append(fs, func() int { return i * i })
	}
	fmt.Println("range int:", call(fs))

	fs = nil
	for i := 0; i < 3; i++ {
		sq := i * i
		fs = append(fs, func() int { return sq + 100 })
	}
	fmt.Println("body variable:", call(fs))

	// The body changes the loop variable: the closure sees the change,
	// and the next iteration starts from the changed value.
	fs = nil
	for i := 0; i < 6; i++ {
		fs = append(fs, func() int { return i })
		i++
	}
	fmt.Println("modified in body:", call(fs))

	// A closure that changes its own iteration's variable does not
	// affect the loop or the other closures.
	var incs []func() int
	for i := 0; i < 3; i++ {
		incs = append(incs, func() int { i += 10; return i })
	}
	fmt.Println("closure increments:", call(incs), call(incs))

	m := map[string]int{"a": 1, "b": 2, "c": 3}
	var named []func() string
	for k, v := range m {
		named = append(named, func() string { return fmt.Sprint(k, "=", v) })
	}
	var pairs []string
	for _, f := range named {
		pairs = append(pairs, f())
	}
	sort.Strings(pairs)
	fmt.Println("range map:", pairs)

	var ptrs []*int
	for i := 0; i < 3; i++ {
		ptrs = append(ptrs, &i)
	}
	fmt.Println("addresses distinct:", ptrs[0] != ptrs[1] && ptrs[1] != ptrs[2], *ptrs[0], *ptrs[1], *ptrs[2])

	var nested []func() string
	for i := range 2 {
		for j := range 2 {
			nested = append(nested, func() string { return fmt.Sprint(i, j) })
		}
	}
	for _, f := range nested {
		fmt.Print(f(), " ")
	}
	fmt.Println()
}
