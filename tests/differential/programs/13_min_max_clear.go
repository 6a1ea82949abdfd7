//go:build ignore

// The min, max and clear built-ins, with constants, variables, mixed
// arguments, floats, strings, maps and slices.
package main

import (
	"fmt"
	"math"
)

const smallest = min(4, 2, 9)

type Celsius float64

func main() {
	x, y := 7, -3
	fmt.Println(min(x, y), max(x, y), min(x, 5, y, 100), max(x))
	fmt.Println("constant:", smallest, max(1, 2.5, -1))

	f := 2.5
	fmt.Println("mixed float:", min(f, 3), max(f, 1, 2), min(1, f))
	fmt.Println("NaN:", min(math.NaN(), 1), max(2, math.NaN()))
	fmt.Println("signed zero:", 1/min(0.0, math.Copysign(0, -1)), 1/max(math.Copysign(0, -1), 0.0))
	fmt.Println("infinity:", max(math.Inf(-1), -1e308), min(math.Inf(1), 1e308))

	a, b := "pear", "apple"
	fmt.Println("strings:", min(a, b), max(a, b, "zebra"), min("b", "a", "c"))

	var t Celsius = 21.5
	fmt.Printf("named: %v %T\n", max(t, 19), max(t, 19))

	var by byte = max(1, 200)
	fmt.Printf("byte: %d %T\n", by, by)

	m := map[string]int{"a": 1, "b": 2, "c": 3}
	alias := m
	clear(m)
	fmt.Println("cleared map:", len(m), len(alias), m["a"])
	m["d"] = 4
	fmt.Println("reused map:", m)

	s := []int{1, 2, 3, 4, 5}
	head := s[:2]
	clear(s[1:4])
	fmt.Println("cleared slice:", s, len(s), cap(s), head)

	ptrs := []*int{&x, &y}
	clear(ptrs)
	fmt.Println("cleared pointers:", ptrs[0] == nil, ptrs[1] == nil)

	type pair struct{ k string }
	structs := []pair{{"a"}, {"b"}}
	clear(structs)
	fmt.Printf("cleared structs: %q\n", structs)

	var nilMap map[int]int
	clear(nilMap)
	fmt.Println("nil map cleared:", len(nilMap))
}
