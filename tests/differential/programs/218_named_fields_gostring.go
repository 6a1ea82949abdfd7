//go:build ignore

// Values of named non-struct types whose static type is the named type
// itself rather than an interface: struct fields, elements of slices of
// them, arguments printed with a verb that does not fit, and a named
// function type in an any. %#v and the texts of wrong verbs name the
// type.
package main

import "fmt"

type Celsius float64
type Names []string
type Tags map[string]int
type Fn func()

type Holder struct {
	N Names
	T Tags
	C Celsius
}

func main() {
	h := Holder{N: Names{"x"}, T: Tags{"a": 1}, C: 1.5}
	fmt.Printf("%v %+v\n%#v\n", h, h, h)
	ns := []Names{{"a"}, {"b", "c"}}
	fmt.Printf("%v %T %#v\n", ns, ns, ns)
	fmt.Printf("%d %s\n", Celsius(2), Celsius(3))
	fmt.Printf("%#v\n", []any{Fn(nil)})
}
