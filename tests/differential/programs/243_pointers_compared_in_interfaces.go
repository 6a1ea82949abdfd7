//go:build ignore

// One pointer held by two interfaces: the interfaces are equal, whatever
// interface types hold it (a cell's interface, any, fmt.Stringer) and
// whichever conversion put it there; equal to the pointer itself too.
// Pointers of compiled types (*strings.Builder, *bytes.Buffer) behave the
// same, in the program's interfaces too. Two pointers to equal values
// stay unequal.
package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

type Shape interface{ Area() float64 }

type Square struct{ S float64 }

func (s *Square) Area() float64 { return s.S * s.S }

type Named interface{ Name() string }

type Dog struct{ N string }

func (d Dog) Name() string { return d.N }

func same(a, b Shape) bool { return a == b }

// Sink is the program's own interface, which compiled types implement.
type Sink interface {
	Write(p []byte) (int, error)
}

func main() {
	p := &Square{2}
	var a, b Shape = p, p
	fmt.Println("a == b:", a == b, "a != b:", a != b)
	var e any = p
	fmt.Println("any and Shape:", e == a, a == e)
	fmt.Println("pointer and Shape:", a == p, p == a, e == p)
	fmt.Println("through a call:", same(p, p), same(a, b), same(p, &Square{2}))
	var c Shape = &Square{2}
	fmt.Println("another pointer:", a == c, a != c)

	shapes := []Shape{p, c, p}
	for i, s := range shapes {
		fmt.Println("shape", i, s == a, s == c)
	}

	d := &Dog{"rex"}
	var n1, n2 Named = d, d
	var n3 Named = Dog{"rex"}
	fmt.Println("value receiver through a pointer:", n1 == n2, n1 == n3)

	sb := &strings.Builder{}
	var s1, s2 fmt.Stringer = sb, sb
	var s3 any = sb
	fmt.Println("compiled pointer:", s1 == s2, s3 == s1, s1 == sb)

	buf := &bytes.Buffer{}
	var k1, k2 Sink = buf, buf
	var iw io.Writer = buf
	var eb any = buf
	fmt.Println("compiled pointer in the program's interface:", k1 == k2, k1 == iw, eb == k1, k1 == buf, buf == k1)
	var k3 Sink = &bytes.Buffer{}
	fmt.Println("another buffer:", k1 == k3, k1 != k3, k3 == iw)
}
