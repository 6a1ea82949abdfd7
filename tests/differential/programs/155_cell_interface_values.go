//go:build ignore

// Values of the program's own types held in an interface the program
// declares, printed directly and passed on as any: the methods (String)
// and the values themselves must come through.
package main

import "fmt"

type Shape interface{ Area() float64 }

type Circle struct{ R float64 }

func (c Circle) Area() float64  { return 3 * c.R * c.R }
func (c Circle) String() string { return fmt.Sprint("circle ", c.R) }

type Square struct{ S float64 }

func (s Square) Area() float64 { return s.S * s.S }

func describe(x any) string { return fmt.Sprintf("%v (%T)", x, x) }

func main() {
	var c Shape = Circle{1}
	fmt.Println(c, c.Area())
	fmt.Println(describe(c))
	shapes := []Shape{Circle{2}, Square{3}}
	for _, s := range shapes {
		fmt.Println(s, s.Area(), describe(s))
	}
}
