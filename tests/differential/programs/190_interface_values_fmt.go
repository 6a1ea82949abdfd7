//go:build ignore

// Values of the program's own types seen by fmt through interfaces:
// slices, maps, arrays and struct fields of an interface the program
// declares, put in an any; %T of values that came back from interface
// methods, through a ...any parameter and through compiled interfaces
// (error, fmt.Stringer); type assertions and switches on values held
// in a compiled interface.
package main

import (
	"errors"
	"fmt"
)

type Shape interface{ Area() int }

type Rect struct{ W, H int }

func (r Rect) Area() int { return r.W * r.H }

type Dot struct{ X int }

func (d Dot) Area() int { return 0 }

type Label struct{ Text string }

func (l Label) String() string { return "label " + l.Text }
func (l Label) Area() int      { return len(l.Text) }

type Holder struct {
	Name  string
	Shape Shape
}

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

type Code struct{ N int }

func (c Code) Error() string { return fmt.Sprintf("code %d", c.N) }

type Store interface{ Get(key string) error }

type memory struct{}

func (memory) Get(key string) error {
	if key == "a" {
		return Code{404}
	}
	return &NotFound{key}
}

var label = Label{"pkg"}
var named fmt.Stringer = label

func types(xs ...any) {
	fmt.Printf("%T %T %T\n", xs...)
	fmt.Println(fmt.Sprintf("%v|%T", xs[0], xs[0]))
	for _, x := range xs {
		fmt.Printf("[%T] ", x)
	}
	fmt.Println()
}

func main() {
	shapes := []Shape{Rect{1, 2}, Dot{3}, Label{"x"}}
	var a any = shapes
	fmt.Printf("%v\n", a)
	fmt.Println(shapes)
	fmt.Println(a)
	byName := map[string]Shape{"r": Rect{2, 3}, "l": Label{"y"}}
	var m any = byName
	fmt.Println(m)
	arr := [2]Shape{Rect{4, 5}, nil}
	fmt.Println(arr)
	var aa any = arr
	fmt.Println(aa)
	h := Holder{"h", Rect{6, 7}}
	var ah any = h
	fmt.Println(h)
	fmt.Printf("%v %+v\n", ah, ah)
	hs := []Holder{{"a", Rect{1, 1}}, {"b", Label{"z"}}}
	var ahs any = hs
	fmt.Println(ahs)
	fmt.Println(fmt.Sprint(hs))

	types(Rect{1, 2}, &Dot{1}, Label{"v"})
	types(1, "s", label)

	var s Store = memory{}
	err := s.Get("a")
	fmt.Printf("%T %v\n", err, err)
	err = s.Get("b")
	fmt.Printf("%T %v\n", err, err)
	fmt.Printf("%T\n", s.Get("c"))
	var nf *NotFound
	fmt.Println(errors.As(err, &nf), nf.Key)
	if c, ok := s.Get("a").(Code); ok {
		fmt.Println("code", c.N)
	}
	switch e := s.Get("q").(type) {
	case Code:
		fmt.Println("a code", e.N)
	case *NotFound:
		fmt.Println("not found", e.Key)
	}

	fmt.Println(named)
	fmt.Printf("%T %v %s\n", named, named, named)
	var st fmt.Stringer = Label{"local"}
	l, ok := st.(Label)
	fmt.Println(l.Text, ok)
	switch v := st.(type) {
	case Label:
		fmt.Println("label", v.Text)
	default:
		fmt.Println("other")
	}
	fmt.Printf("%T\n", st)
}
