//go:build ignore

// Values of named non-struct types without methods where their static
// type is no interface, deeper than 218: fields of fields, map keys and
// values, array elements, pointers, byte slices, unexported fields, and
// Sprintf's result. %#v and wrong verbs name their types; %v, %+v and
// %T print as they always did.
package main

import "fmt"

type Celsius float64
type Names []string
type ID int
type Bytes []byte
type Fn func(int)

type Inner struct {
	N Names
	I ID
}

type Outer struct {
	In   Inner
	M    map[ID]Names
	A    [2]Celsius
	B    Bytes
	low  ID
	Ptrs []*Celsius
}

func main() {
	o := Outer{
		In:  Inner{N: Names{"x"}, I: 1},
		M:   map[ID]Names{2: {"b"}, 1: {"a"}},
		A:   [2]Celsius{1.5, -2},
		B:   Bytes("hi"),
		low: 3,
	}
	fmt.Printf("%v\n%+v\n%#v\n", o, o, o)
	fmt.Printf("%#v %#v %#v\n", o.In, o.M, o.A)
	fmt.Printf("%d|%s|%x\n", o.A, o.M, o.B)
	fmt.Printf("%T %T %T %T\n", o.In.N, o.M, o.A, o.B)
	var c *Celsius
	fmt.Printf("%#v %#v %#v\n", c, []Fn{nil}, map[string]Fn{"f": nil})
	fmt.Printf("%5.1f|%q|%t\n", []Celsius{1, 22}, Names{"q"}, ID(9))
	s := fmt.Sprintf("%#v", []Names{{"a"}, nil})
	fmt.Println(s, len(s))
	err := fmt.Errorf("bad id %s in %#v", ID(4), o.In)
	fmt.Println(err)
}
