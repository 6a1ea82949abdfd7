//go:build ignore

// Go leaves a struct's blank fields out of ==: values made through
// unsafe that differ only in blank fields are equal, as structs, inside
// structs and arrays, as map keys and held in interfaces.
package main

import (
	"fmt"
	"unsafe"
)

type T struct {
	_, _, _ int
}

type U struct {
	_ struct{ a, b, c int }
}

type P struct {
	_ int
	A int
	_ int
}

type Named struct{ N int }

func (n Named) String() string { return fmt.Sprint("named", n.N) }

type three struct{ x, y, z int }

func main() {
	t1 := *(*T)(unsafe.Pointer(&three{1, 2, 3}))
	t2 := *(*T)(unsafe.Pointer(&three{4, 5, 6}))
	fmt.Println(t1 == t2, t1 != t2, t1 == T{})

	p1 := *(*P)(unsafe.Pointer(&three{1, 2, 3}))
	p2 := *(*P)(unsafe.Pointer(&three{4, 2, 6}))
	p3 := *(*P)(unsafe.Pointer(&three{4, 5, 6}))
	fmt.Println(p1 == p2, p1 == p3, p1.A, p2 == P{A: 2})
	fmt.Println([2]P{p1, p2} == [2]P{p2, p1}, [1]P{p1} == [1]P{p3})

	type S struct {
		P
		B int
	}
	fmt.Println(S{p1, 1} == S{p2, 1}, S{p1, 1} == S{p3, 1})

	m := map[P]int{}
	m[p1]++
	m[p2]++
	m[p3]++
	fmt.Println(len(m), m[P{A: 2}], m[p3])
	delete(m, p2)
	fmt.Println(len(m))

	var u1, u2 any
	u1 = *(*U)(unsafe.Pointer(&three{1, 2, 3}))
	u2 = *(*U)(unsafe.Pointer(&three{4, 5, 6}))
	fmt.Println(u1 == u2, u1 != u2)
	var i1, i2 any = p1, p2
	fmt.Println(i1 == i2, i1 == any(p3))
	var n1, n2 fmt.Stringer = Named{1}, Named{1}
	fmt.Println(n1 == n2)
}
