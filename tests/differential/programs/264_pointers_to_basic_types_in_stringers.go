//go:build ignore

// Pointers to a program's types over a basic or slice type, whose methods
// have value receivers, held in fmt.Stringer: a type switch finds the
// pointer's case (and a value its own), an assertion gives the pointer
// back, and fmt prints them through String.
package main

import (
	"fmt"
	"strings"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1fC", float64(c)) }

type Names []string

func (n Names) String() string { return strings.Join(n, "+") }

func describe(s fmt.Stringer) string {
	switch v := s.(type) {
	case *Celsius:
		*v += 1
		return fmt.Sprint("pointer to Celsius ", *v)
	case *Names:
		return fmt.Sprint("pointer to Names of ", len(*v))
	case Celsius:
		return fmt.Sprint("Celsius ", v)
	}
	return "other"
}

func main() {
	c := Celsius(20)
	n := Names{"a", "b", "c"}
	var s fmt.Stringer = &c
	fmt.Println(describe(s), c)
	fmt.Println(describe(&n))
	p, ok := s.(*Celsius)
	fmt.Println(p == &c, ok)
	fmt.Println(s)
	fmt.Printf("%v|%s|%T\n", s, s, s)
	for _, x := range []fmt.Stringer{c, &c} {
		fmt.Println(describe(x))
	}
	var t fmt.Stringer = &n
	fmt.Println(t, fmt.Sprint(t))
}
