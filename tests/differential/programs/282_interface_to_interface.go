//go:build ignore

// A program's value kept in a compiled interface (fmt.Stringer, error),
// assigned to an interface the program declares or to any, and asserted
// back: a struct, a pointer whose type has the methods, a pointer to a
// type whose methods have value receivers and a named int, with %T and
// %v of each and a type switch.
package main

import "fmt"

type Cell struct{ N int }

func (c Cell) String() string { return fmt.Sprintf("cell%d", c.N) }

type PCell struct{ N int }

func (c *PCell) String() string { return fmt.Sprintf("pcell%d", c.N) }

type Level int

func (l Level) String() string { return fmt.Sprintf("level%d", int(l)) }

type NotFound struct{ Key string }

func (e NotFound) Error() string { return "not found: " + e.Key }

type Namer interface{ String() string }

func describe(v any) string {
	switch x := v.(type) {
	case Cell:
		return fmt.Sprint("Cell ", x.N)
	case *PCell:
		return fmt.Sprint("*PCell ", x.N)
	case *Cell:
		return fmt.Sprint("*Cell ", x.N)
	case Level:
		return fmt.Sprint("Level ", int(x))
	case NotFound:
		return "NotFound " + x.Key
	}
	return fmt.Sprintf("other %T", v)
}

func main() {
	var s fmt.Stringer = Cell{1}
	var g Namer = s
	c, ok := g.(Cell)
	fmt.Printf("%T %v %v %v\n", g, g, c, ok)

	var ps fmt.Stringer = &PCell{2}
	var pg Namer = ps
	p, ok := pg.(*PCell)
	fmt.Printf("%T %v %v %v\n", pg, pg, p.N, ok)

	var ls fmt.Stringer = Level(3)
	var la any = ls
	fmt.Println(describe(la), describe(ls))

	var e error = NotFound{"k"}
	var ea any = e
	nf, ok := ea.(NotFound)
	fmt.Printf("%T %v %q %v %s\n", ea, ea, nf.Key, ok, describe(e))

	var cs fmt.Stringer = &Cell{4}
	var ca any = cs
	cp, ok := ca.(*Cell)
	fmt.Printf("%T %v %v %s\n", ca, cp.N, ok, describe(ca))

	values := []fmt.Stringer{Cell{5}, &PCell{6}, Level(7)}
	for _, v := range values {
		var n Namer = v
		fmt.Println(describe(n), n)
	}
}
