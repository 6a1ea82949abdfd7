//go:build ignore

// A number in an interface is not a value of the program's type with
// methods over that number's type: the assertion is false, or panics
// with Go's message; a value of the type still passes, and so does an
// assertion to an interface the type implements only for the type's
// values. The other way round, a value of the type is not a number: an
// assertion to float64 is false, and a type switch that asks float64
// first takes the type's own case.
package main

import "fmt"

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Level int

func (l Level) String() string { return [...]string{"low", "high"}[l] }

func describe(x any) string {
	if c, ok := x.(Celsius); ok {
		return "temperature " + c.String()
	}
	if l, ok := x.(Level); ok {
		return "level " + l.String()
	}
	if s, ok := x.(fmt.Stringer); ok {
		return "stringer " + s.String()
	}
	return fmt.Sprintf("plain %v", x)
}

func kind(x any) string {
	switch x.(type) {
	case float64:
		return "float64"
	case Celsius:
		return "Celsius"
	case *float64:
		return "*float64"
	case *Celsius:
		return "*Celsius"
	}
	return "other"
}

func mustCelsius(x any) (c Celsius, err any) {
	defer func() { err = recover() }()
	return x.(Celsius), nil
}

func main() {
	for _, x := range []any{21.5, Celsius(21.5), 1, Level(1), "text"} {
		fmt.Println(describe(x))
	}
	c, err := mustCelsius(Celsius(3))
	fmt.Println(c, err)
	c, err = mustCelsius(3.0)
	fmt.Println(c, err)
	var g any = Celsius(3)
	n, ok := g.(float64)
	fmt.Println(n, ok)
	c = 4
	n2 := 4.5
	fmt.Println(kind(c), kind(21.5), kind(&c), kind(&n2))
	var f any = 21.5
	v, ok := f.(Celsius)
	fmt.Println(v, ok)
	fmt.Println(f.(Celsius))
}
