//go:build ignore

// Struct values with unexported fields printed with %+v and %#v where
// they sit inside other values: slices, maps, arrays, fields, pointers
// below the top level, values in an any, anonymous structs.
package main

import "fmt"

type coord struct {
	lat, lon int
}

type stop struct {
	name  string
	At    coord
	next  *stop
	extra any
}

type route struct {
	Stops   []stop
	ByName  map[string]coord
	Ends    [2]coord
	First   *stop
	counter struct{ seen int }
}

func main() {
	a := coord{1, 2}
	s := stop{name: "depot", At: a, extra: coord{5, 6}}
	r := route{
		Stops:  []stop{s, {name: "mill", At: coord{3, 4}}},
		ByName: map[string]coord{"b": {7, 8}, "a": a},
		Ends:   [2]coord{a, {9, 9}},
	}
	fmt.Printf("%+v\n", r)
	fmt.Printf("%v\n", r)
	fmt.Printf("%+v\n", []coord{a, {0, 0}})
	fmt.Printf("%+v\n", map[coord]string{{2, 1}: "x", {1, 9}: "y"})
	fmt.Printf("%+v\n", &s)
	fmt.Printf("%#v\n", []coord{a})
	fmt.Printf("%#v\n", map[string]coord{"k": a})
	fmt.Printf("%#v\n", [1]stop{{name: "n"}})
	var boxed any = []stop{s}
	fmt.Printf("%+v\n", boxed)
	fmt.Printf("%+v\n", struct{ id, Count int }{1, 2})
	fmt.Printf("%+v\n", []*coord{nil})
	msg := fmt.Sprintf("%+v|%#v", map[string][]coord{"z": {a}}, []any{a, nil, 3})
	fmt.Println(msg)
}
