//go:build ignore

// A pointer to a value of a type with methods over a number keeps its
// type in an interface{}: a type switch takes its case, an assertion
// gives the pointer back and %T names it, whether the pointer was
// assigned, passed, put in a struct field, appended or sent. A pointer
// to a plain float64 stays one.
package main

import "fmt"

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type reading struct{ Value any }

func describe(v any) string {
	switch x := v.(type) {
	case *Celsius:
		*x += 1
		return "pointer to " + x.String()
	case Celsius:
		return "value " + x.String()
	case *float64:
		return fmt.Sprint("pointer to float ", *x)
	}
	return "other"
}

func main() {
	c := Celsius(20)
	var v any = &c
	fmt.Println(describe(v))
	fmt.Printf("%T %v\n", v, c)
	if p, ok := v.(*Celsius); ok {
		fmt.Println("asserted", p == &c, *p)
	}
	fmt.Println(describe(&c), describe(c))
	r := reading{Value: &c}
	list := append([]any{}, &c)
	ch := make(chan any, 1)
	ch <- &c
	fmt.Println(describe(r.Value), describe(list[0]), describe(<-ch))
	f := 1.5
	fmt.Println(describe(&f), c)
}
