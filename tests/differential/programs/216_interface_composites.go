//go:build ignore

// Composites of interface types a program declares, two of them with
// the same methods: slices, maps, pointers and channels of them in an
// any keep their own types for %T, assertions and type switches in
// either case order, and print their elements with their methods.
package main

import "fmt"

type Shape interface{ Area() float64 }
type Other interface{ Area() float64 }
type Named interface{ Name() string }

type Sq struct{ S float64 }

func (s Sq) Area() float64 { return s.S * s.S }
func (s Sq) Name() string  { return "sq" }

type Circle struct{ R int }

func (c Circle) Area() float64  { return float64(c.R) }
func (c Circle) String() string { return fmt.Sprintf("circle(%d)", c.R) }

func kind(v any) string {
	switch v.(type) {
	case []Shape:
		return "[]Shape"
	case []Other:
		return "[]Other"
	case []Named:
		return "[]Named"
	case map[string]Shape:
		return "map Shape"
	case map[string]Other:
		return "map Other"
	case *[]Shape:
		return "*[]Shape"
	case chan Other:
		return "chan Other"
	}
	return "other"
}

func reversed(v any) string {
	switch x := v.(type) {
	case []Other:
		return fmt.Sprint("[]Other ", len(x))
	case []Shape:
		return fmt.Sprint("[]Shape ", len(x))
	}
	return "other"
}

func main() {
	a := []Shape{Sq{1}}
	b := []Other{Sq{2}}
	c := []Named{Sq{3}}
	fmt.Printf("%T %T %T\n", a, b, c)
	fmt.Printf("%T %T %T\n", any(a), any(b), any(c))
	fmt.Println(kind(a), kind(b), kind(c), kind(map[string]Shape{}), kind(map[string]Other{}), kind(&a), kind(make(chan Other)), kind(3))
	fmt.Println(reversed(a), reversed(b), reversed(c))
	_, ok1 := any(a).([]Other)
	_, ok2 := any(b).([]Shape)
	s, ok3 := any(a).([]Shape)
	fmt.Println(ok1, ok2, ok3, s[0].Area())

	shapes := []Shape{Circle{1}, Sq{2}}
	others := map[string]Other{"c": Circle{3}}
	var x any = shapes
	var y any = others
	fmt.Println(shapes, others, x, y)
	fmt.Printf("%v %+v %T %v %T\n", x, x, x, y, y)
	fmt.Printf("%#v\n", x)
	all := []any{shapes, others, []Other{Circle{4}}}
	fmt.Println(all)
	fmt.Printf("%T %T\n", all[0], all[2])
	switch v := y.(type) {
	case map[string]Shape:
		fmt.Println("map of Shape", len(v))
	case map[string]Other:
		fmt.Println("map of Other", len(v), v["c"])
	}
	ch := make(chan any, 1)
	ch <- []Other{Sq{5}}
	got := <-ch
	_, isShapes := got.([]Shape)
	o, isOthers := got.([]Other)
	fmt.Println(isShapes, isOthers, o[0].Area())
}
