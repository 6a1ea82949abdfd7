//go:build ignore

// == between interfaces holding the program's types: the same and
// different dynamic types, structs and named ints with and without
// methods, through any, fmt.Stringer and error, and values that went
// from one interface type to another.
package main

import (
	"errors"
	"fmt"
)

type P struct{ X, Y int }
type Q struct{ X, Y int }

func (p P) String() string { return "P" }
func (q Q) String() string { return "Q" }

type R struct{ N int }

type Code int

func (c Code) Error() string { return fmt.Sprint("code ", int(c)) }

type Namer interface{ String() string }

func main() {
	var a, b any = P{1, 2}, P{1, 2}
	var c any = Q{1, 2}
	fmt.Println(a == b, a == c, a != c)

	var s, t fmt.Stringer = P{1, 2}, P{1, 2}
	var u fmt.Stringer = Q{1, 2}
	fmt.Println(s == t, s == u, s != u)

	var r1, r2 any = R{1}, R{1}
	var r3 any = R{2}
	fmt.Println(r1 == r2, r1 == r3, a == r1)

	var e1, e2 error = Code(1), Code(1)
	var e3 error = Code(2)
	fmt.Println(e1 == e2, e1 == e3, e1 == error(Code(1)))
	sentinel := errors.New("x")
	var e4 error = sentinel
	fmt.Println(e4 == sentinel, e4 == errors.New("x"))

	var n Namer = s
	var back fmt.Stringer = n
	fmt.Println(n == Namer(t), back == t, back == u)
	var any1 any = n
	fmt.Println(any1 == a, any1 == c)
}
