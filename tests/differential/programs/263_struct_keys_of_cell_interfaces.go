//go:build ignore

// Struct values of a program's types used as keys of maps keyed by the
// program's interfaces: each value is one key, however many times it is
// converted, whether it arrives as itself, in an interface variable or
// in a map literal, and delete finds it.
package main

import (
	"fmt"
	"sort"
)

type Shape interface{ Area() float64 }

type Square struct{ S float64 }

func (s Square) Area() float64 { return s.S * s.S }

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

type Circle struct{ R float64 }

func (c *Circle) Area() float64 { return 3 * c.R * c.R }

type Level int

func (l Level) Area() float64 { return float64(l) }

func main() {
	counts := map[Shape]int{}
	for _, s := range []Shape{Square{2}, Rect{1, 2}, Square{2}, Level(3), Rect{1, 2}, Square{3}} {
		counts[s]++
	}
	counts[Square{2}]++
	counts[Level(3)]++
	var lines []string
	for k, v := range counts {
		lines = append(lines, fmt.Sprintf("%T %v: %d", k, k, v))
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	fmt.Println(len(counts), counts[Square{2}], counts[Rect{1, 2}], counts[Level(3)])

	c := &Circle{1}
	counts[c]++
	counts[c]++
	counts[&Circle{1}]++
	fmt.Println(len(counts), counts[c])

	delete(counts, Square{2})
	_, ok := counts[Square{2}]
	fmt.Println(len(counts), ok)

	names := map[Shape]string{Square{1}: "unit", Rect{2, 3}: "six"}
	names[Square{1}] += " square"
	fmt.Println(len(names), names[Square{1}], names[Rect{2, 3}])
	_, ok = names[Square{5}]
	fmt.Println(ok)
}
