//go:build ignore

// Pointers made in a loop and kept in interfaces: each interface holds
// its own iteration's pointer, whether the pointer comes from &T{...},
// from the address of a variable declared in the body, or from a call.
// A list of shapes built with append(shapes, &Circle{r}) is the course's
// everyday case. So are the addresses of slice, array and map literals,
// in interfaces or not: each evaluation makes a new one.
package main

import "fmt"

type Shape interface{ Area() float64 }

type Circle struct{ R float64 }

func (c *Circle) Area() float64 { return 3 * c.R * c.R }

type Square struct{ S float64 }

func (s Square) Area() float64 { return s.S * s.S }

func newCircle(r float64) *Circle { return &Circle{r} }

func show(label string, shapes []Shape) {
	fmt.Print(label, ":")
	for _, s := range shapes {
		fmt.Print(" ", s.Area())
	}
	fmt.Println()
}

func main() {
	var appended []Shape
	for r := 1.0; r <= 3; r++ {
		appended = append(appended, &Circle{r})
	}
	show("append &T{}", appended)

	var declared []Shape
	for i := 1; i <= 3; i++ {
		var s Shape = &Square{float64(i)}
		declared = append(declared, s)
	}
	show("var I = &T{}", declared)

	var addressed []Shape
	for i := 1; i <= 3; i++ {
		sq := Square{float64(i)}
		addressed = append(addressed, &sq)
	}
	show("&v of a body variable", addressed)

	var called []Shape
	for r := 1.0; r <= 3; r++ {
		called = append(called, newCircle(r))
	}
	show("a call's pointer", called)

	var viaVar []Shape
	for r := 1.0; r <= 3; r++ {
		c := &Circle{r}
		viaVar = append(viaVar, c)
	}
	show("a pointer variable", viaVar)

	var anys []any
	for i := 0; i < 3; i++ {
		anys = append(anys, &[]int{i})
	}
	for _, a := range anys {
		fmt.Print(*a.(*[]int), " ")
	}
	fmt.Println()

	var slices []*[]int
	var arrays []*[2]int
	var maps []*map[string]int
	for i := 0; i < 3; i++ {
		slices = append(slices, &[]int{i})
		arrays = append(arrays, &[2]int{i, -i})
		maps = append(maps, &map[string]int{"k": i})
	}
	for i := range 3 {
		fmt.Print(*slices[i], *arrays[i], (*maps[i])["k"], " ")
	}
	fmt.Println()
}
