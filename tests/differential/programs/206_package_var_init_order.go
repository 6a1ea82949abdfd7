//go:build ignore

// Package-level variables initialized in Go's order of dependencies,
// which goes through the bodies of the functions, methods and literals
// their initializers call: a variable set by a function is initialized
// before the function runs for a variable declared above it, several
// variables come from one call of a function declared after them, and a
// comma-ok lookup initializes two at once.
package main

import "fmt"

var trace []string

func note(name string, v int) int {
	trace = append(trace, fmt.Sprintf("%s=%d", name, v))
	return v
}

var total = note("total", sum())

var calls = note("calls", 0)

func sum() int {
	calls++
	return base * 2
}

var base = note("base", 10)

var lo, hi = bounds()

func bounds() (int, int) { return note("lo", base-1), note("hi", base+1) }

type meter struct{}

func (meter) read() int { return note("read", limit) }

var reading = meter{}.read()

var limit = note("limit", 3)

var later = func() int { return note("later", last) }()

var last = note("last", 7)

var table = map[string]int{"a": 1}

var found, ok = table["a"]

func main() {
	fmt.Println(trace)
	fmt.Println(total, calls, base, lo, hi, reading, limit, later, last, found, ok)
}
