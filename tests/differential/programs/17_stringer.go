//go:build ignore

// fmt calls String methods of user types wherever the values appear:
// alone, inside slices, arrays, structs, maps and pointers.
package main

import "fmt"

type Temp float64

func (t Temp) String() string { return fmt.Sprintf("%.1f°C", float64(t)) }

type Point struct{ X, Y int }

func (p *Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type Color int

const (
	Red Color = iota
	Green
	Blue
)

func (c Color) String() string {
	switch c {
	case Red:
		return "red"
	case Green:
		return "green"
	case Blue:
		return "blue"
	}
	return fmt.Sprintf("Color(%d)", int(c))
}

type Reading struct {
	Where string
	T     Temp
	C     Color
}

type Station struct {
	Name     string
	Readings []Reading
	Colors   map[Color]Temp
}

type Named struct{ Name string }

func (n Named) GoString() string { return "Named<" + n.Name + ">" }

func main() {
	fmt.Println(Temp(21.5))
	fmt.Println([]Temp{1, 2.25})
	fmt.Println([2]Color{Blue, 7})
	fmt.Println(Reading{"roof", 3, Green})
	fmt.Printf("%v | %+v\n", Reading{"cellar", -2, Red}, Reading{"cellar", -2, Red})
	fmt.Println(map[Color]Temp{Blue: 3, Red: 1, Green: 2})
	fmt.Println(map[string]Color{"b": Blue, "a": Red})
	s := Station{"north", []Reading{{"a", 1, Red}}, map[Color]Temp{Green: 9}}
	fmt.Printf("%v\n%+v\n", s, s)

	p := Point{1, 2}
	fmt.Println(p, &p, []*Point{{3, 4}}, []Point{{5, 6}})
	fmt.Printf("%s %v %d\n", Blue, Blue, Blue)
	fmt.Printf("%x %q\n", Temp(1), Green)
	fmt.Printf("%#v\n", Named{"x"})
	fmt.Println(fmt.Sprint(Temp(0), Color(1)), fmt.Sprintf("%6s|%-6v|", Red, Blue))
	var st fmt.Stringer = Blue
	fmt.Println(st, []fmt.Stringer{Red, Temp(4), &p})
	var any1 any = Temp(8)
	fmt.Println(any1, []any{Green, 1, "x", Temp(2)})
}
