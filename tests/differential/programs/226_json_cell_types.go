//go:build ignore

// encoding/json on a program's own types: struct tags and omitempty,
// unexported fields left out, values of types with methods inside
// interfaces (a []Shape, a map[string]any, an interface field, an any),
// maps with int keys, named types, and decoding back.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
)

type Shape interface{ Area() float64 }

type Circle struct {
	R float64 `json:"r"`
}

func (c Circle) Area() float64 { return 3 * c.R * c.R }

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

type Celsius float64
type Tags []string

type Person struct {
	Name   string  `json:"name"`
	Age    int     `json:"age,omitempty"`
	secret string  `json:"secret"`
	Pet    Shape   `json:"pet,omitempty"`
	Temp   Celsius `json:"temp"`
	Tags   Tags    `json:"tags,omitempty"`
}

func show(v any) {
	b, err := json.Marshal(v)
	fmt.Println(string(b), err)
}

func main() {
	show([]Shape{Circle{1}, Rect{2, 3}})
	show(Person{Name: "ann", Age: 3, secret: "s", Temp: 21.5})
	show(Person{Name: "bob", Pet: Circle{2}, Tags: Tags{"a"}})
	show(map[string]any{"s": Circle{2}, "n": 1, "l": []Shape{Rect{1, 1}}, "c": Celsius(3)})
	show(map[int]Shape{2: Circle{1}, 1: nil})
	var s Shape = Rect{4, 5}
	show(s)
	show([]any{Circle{7}, "x", nil, Tags{"t"}})
	b, _ := json.MarshalIndent(struct {
		Shapes []Shape `json:"shapes"`
	}{[]Shape{Circle{1}}}, "", "  ")
	fmt.Println(string(b))
	var buf bytes.Buffer
	json.NewEncoder(&buf).Encode([]Person{{Name: "c", Pet: Rect{1, 2}}})
	fmt.Print(buf.String())
	var p Person
	err := json.Unmarshal([]byte(`{"name":"zed","age":9,"secret":"no","temp":1.5,"tags":["q"]}`), &p)
	fmt.Println(p.Name, p.Age, p.secret == "", p.Temp, p.Tags, err)
}
