//go:build ignore

// Types declared inside two functions under the same names (T, S), as
// test helpers often do: each function gets its own types, their values
// print with the names as written, and a generic type's method whose
// type parameter is also called T changes nothing.
package main

import "fmt"

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Len() int { return len(s.items) }

func structs() {
	type T struct{ a, b string }
	type S []T
	e := make(S, 2)
	for i := range e {
		e[i] = T{"foo", fmt.Sprint(i)}
	}
	fmt.Printf("%v %T %T\n", e, e, e[0])
}

func interfaces() {
	type T interface{}
	type S []T
	e := make(S, 4)
	for i := range e {
		switch i % 2 {
		case 0:
			e[i] = i
		case 1:
			e[i] = "foo"
		}
	}
	fmt.Printf("%v %T\n", e, e)
}

func numbers() {
	type T int
	var t T = 7
	var st Stack[T]
	st.Push(t)
	fmt.Printf("%v %T %d\n", t, t, st.Len())
}

func main() {
	structs()
	interfaces()
	numbers()
}
