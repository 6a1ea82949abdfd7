//go:build ignore

// encoding/json and encoding/xml leave out the unexported fields of
// struct type literals, in slices, maps and interfaces too, and do not
// fill them when decoding; reflection still gives their tags as written.
package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"reflect"
)

type Row struct {
	ID    int `json:"id"`
	cache map[string]int
	Meta  struct {
		Owner string `json:"owner"`
		seen  bool   `json:"seen"`
	} `json:"meta"`
}

func show(v any) {
	b, err := json.Marshal(v)
	fmt.Println(string(b), err)
}

func main() {
	show(struct {
		A int
		b int
	}{1, 2})
	show(struct {
		X    int `json:"x"`
		y    int `json:"why"`
		Xpos int
	}{1, 2, 3})
	show([]struct{ A, b int }{{1, 2}, {3, 4}})
	show(map[string]struct{ A, b int }{"k": {1, 2}})
	var r Row
	r.ID, r.Meta.Owner, r.Meta.seen = 7, "ann", true
	show(r)
	type local struct {
		Name string
		pin  int `json:"pin"`
	}
	show(local{"x", 1234})
	var any1 any = struct{ A, b int }{5, 6}
	show(any1)

	var d struct {
		A int
		b int `json:"b"`
	}
	fmt.Println(json.Unmarshal([]byte(`{"A":1,"b":2,"Xb":3}`), &d), d.A, d.b)

	b, err := xml.Marshal(struct {
		XMLName xml.Name `xml:"rec"`
		A       int      `xml:"a"`
		b       int      `xml:"b"`
	}{A: 1, b: 2})
	fmt.Println(string(b), err)

	s := struct {
		y int `json:"why,omitempty" db:"col"`
	}{}
	f := reflect.TypeOf(s).Field(0)
	fmt.Println(f.Tag.Get("json"), f.Tag.Get("db"))
	g := reflect.TypeOf(r).Field(1)
	v, ok := g.Tag.Lookup("json")
	fmt.Printf("%q %v\n", v, ok)
}
