//go:build ignore

//differential:trace

// Package-level tables are built by literals, one called where it is
// written, one through a helper; the last fails on a bad entry before
// main runs: the trace shows it as main.init.func3, numbered after the
// literals of the initializers before it, then the helper, and main.init
// at the initializer's line.
package main

import (
	"fmt"
	"strconv"
)

func build(n int, f func(int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

var names = func() []string {
	return []string{"ant", "bee", "cat"}
}()

var widths = func() map[string]int {
	m := map[string]int{}
	for _, n := range names {
		m[n] = len(n)
	}
	return m
}()

var codes = build(4, func(i int) string {
	if i == 3 {
		panic(fmt.Sprintf("no code for entry %d", i))
	}
	return names[i] + ":" + strconv.Itoa(widths[names[i]])
})

func main() {
	fmt.Println(codes)
}
