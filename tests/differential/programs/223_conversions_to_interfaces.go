//go:build ignore

// Values of types with methods converted to interfaces in one
// expression (any(Celsius(3)), error(code), a cell's own interface)
// keep their type: fmt calls their methods, type switches and %T see
// the defined type, in composite literals and in maps too, and so do
// the results of functions returning interfaces.
package main

import (
	"fmt"
	"sort"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

type Reading struct {
	Sensor string
	Temp   Celsius
}

func (r Reading) String() string { return r.Sensor + "=" + r.Temp.String() }

type Named interface{ String() string }

func kind(v any) string {
	switch v := v.(type) {
	case Celsius:
		return "celsius " + v.String()
	case Reading:
		return "reading " + v.Sensor
	case error:
		return "error " + v.Error()
	case float64:
		return "float64"
	}
	return "other"
}

func latest(sensor string) (Named, error) {
	if sensor == "" {
		return nil, Code(2)
	}
	return Celsius(12), nil
}

func boxed(c Celsius) any { return c }

func main() {
	fmt.Println(any(Celsius(3)))
	var x any = Celsius(4)
	fmt.Println(x)
	c := Celsius(21.5)
	fmt.Println(any(c), Named(c), fmt.Stringer(c))
	fmt.Println(error(Code(1)))
	fmt.Println([]any{Celsius(1), any(Celsius(2))})
	fmt.Println(map[string]any{"t": Celsius(2), "u": any(c)})
	fmt.Printf("%v %T %v\n", any(c), any(c), any(Reading{"a", c}))

	for _, v := range []any{any(c), any(Reading{"b", 1}), any(Code(7)), any(21.5)} {
		fmt.Println(kind(v))
	}

	n, err := latest("a")
	fmt.Println(n, err, kind(n), kind(boxed(-4)))
	_, err = latest("")
	fmt.Println(err)

	y := any(c)
	if t, ok := y.(Celsius); ok {
		fmt.Println("asserted", t)
	}

	temps := []Named{Named(Celsius(30)), Named(Celsius(-2)), Named(c)}
	sort.Slice(temps, func(i, j int) bool { return temps[i].(Celsius) < temps[j].(Celsius) })
	fmt.Println(temps)
}
