//go:build ignore

// Maps keyed by interfaces, with keys of the program's types with
// methods: a struct value is one key however often it is converted, kept
// in an interface variable or deleted; a struct whose pointer has the
// methods too; and a pointer given as it is to a map keyed by the
// program's interface or by any finds the entry its interface put in.
package main

import (
	"fmt"
	"sort"
)

type Shape interface{ Area() float64 }

type Square struct{ S float64 }

func (s *Square) Area() float64 { return s.S * s.S }

type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type Cell struct{ Row, Col int }

func (c *Cell) Visit() { c.Row++ }

func main() {
	visits := map[any]int{}
	for _, p := range []Point{{1, 2}, {2, 1}, {1, 2}} {
		visits[p]++
	}
	visits[any(Point{1, 2})]++
	var e any = Point{2, 1}
	visits[e]++
	var keys []string
	for k, v := range visits {
		keys = append(keys, fmt.Sprint(k, "=", v))
	}
	sort.Strings(keys)
	fmt.Println(len(visits), keys)
	delete(visits, Point{1, 2})
	fmt.Println("after delete:", len(visits), visits[e])

	grid := map[any]string{Cell{0, 0}: "a"}
	grid[Cell{0, 0}] += "b"
	grid[Cell{0, 1}] = "c"
	fmt.Println(len(grid), grid[Cell{0, 0}], grid[Cell{0, 1}])

	p := &Square{2}
	var s Shape = p
	count := map[Shape]int{}
	count[p]++
	count[s]++
	count[&Square{2}]++
	fmt.Println(len(count), count[p])
	delete(count, p)
	fmt.Println(len(count))

	seen := map[any]bool{}
	seen[p] = true
	seen[s] = true
	var sp any = p
	seen[sp] = true
	fmt.Println(len(seen), seen[p])
}
