//go:build ignore

// Values of the program's own types in package-level variables of
// compiled interface types (fmt.Stringer, error), declared before the
// values they hold: their types (%T), every verb, and composites of them;
// errors wrapped with %w; a function's own struct type with an error
// field.
package main

import (
	"fmt"
)

var s fmt.Stringer = b
var b = Box{4}
var t fmt.Stringer = tt
var tt Temp = 3
var e error = ee
var ee = Code(5)
var p fmt.Stringer = &b

type Box struct{ N int }

func (b Box) String() string { return fmt.Sprintf("box(%d)", b.N) }

type Temp float64

func (t Temp) String() string { return fmt.Sprintf("%.1fC", float64(t)) }

type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

func main() {
	fmt.Println(s, t, e, p)
	fmt.Printf("%T %T %T %T\n", s, t, e, p)
	fmt.Printf("%v|%s|%d|%+v|%#v\n", s, s, s, s, b)
	fmt.Printf("%q %x %X\n", s, s, t)
	xs := []fmt.Stringer{b, tt, &b}
	fmt.Println(xs)
	var a any = xs
	fmt.Println(a)
	fmt.Printf("%q\n", xs)
	m := map[string]fmt.Stringer{"b": b}
	fmt.Println(m)
	ch := make(chan Temp, 1)
	ch <- 2
	var c any = <-ch
	fmt.Println(c)
	w := fmt.Errorf("wrapped: %w", Code(7))
	fmt.Println(w)
	fmt.Printf("%v %T\n", w, w)
	type holder struct{ E error }
	fmt.Printf("%v %+v\n", holder{Code(1)}, holder{Code(2)})
	fmt.Println(fmt.Sprint([]any{b, tt, Code(3)}), fmt.Sprintln(b, []Box{{1}}))
}
