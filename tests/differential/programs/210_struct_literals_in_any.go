//go:build ignore

// Variables of empty interface types that hold a struct literal of a
// compiled package or a value of a named basic type, then are assigned
// other values: nil, a number, another struct.
package main

import (
	"fmt"
	"strings"
	"time"
)

type Celsius float64

type Empty interface{}

var when any = time.Time{}

func main() {
	when = nil
	fmt.Println("when:", when == nil)

	var b any = strings.Builder{}
	b = 7
	fmt.Println("b:", b)

	var e Empty
	e = time.Duration(0)
	e = time.Time{}
	e = Celsius(21.5)
	fmt.Printf("e: %v %T\n", e, e)
	e = nil
	fmt.Println("e nil:", e == nil)

	var x, y Empty
	x, y = Celsius(1), Celsius(1)
	fmt.Println("same:", x == y)
	y = Celsius(2)
	fmt.Println("same after:", x == y)
	x = nil
	fmt.Println("x nil:", x == nil, x != y)
}
