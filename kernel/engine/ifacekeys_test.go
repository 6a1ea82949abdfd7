package engine

import "testing"

// TestInterfaceMapKeys checks that a map keyed by interfaces has one key
// for each value of a cell's type with methods, however the key reaches
// the map: a struct value, one kept in an interface variable, a pointer
// given as it is, or one in an interface.
func TestInterfaceMapKeys(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import \"fmt\"\ntype Shape interface{ Area() int }\ntype Sq struct{ S int }\nfunc (q *Sq) Area() int { return q.S * q.S }\ntype P struct{ X, Y int }\nfunc (p P) String() string { return fmt.Sprint(p.X, \",\", p.Y) }")
	checkCells(t, s, out, []cellCase{
		// a struct value with methods, converted again and again
		{cell: "m := map[any]int{}\nm[any(P{1, 2})]++\nm[any(P{1, 2})]++\nm[P{1, 2}]++\nm[P{2, 1}]++\nfmt.Println(len(m), m[P{1, 2}])", want: "2 3\n"},
		// one kept in an interface variable
		{cell: "m := map[any]int{P{1, 2}: 1}\nvar e any = P{1, 2}\nm[e]++\nfmt.Println(len(m), m[e])", want: "1 2\n"},
		// deleted by value
		{cell: "m := map[any]bool{P{1, 2}: true, P{3, 4}: true}\ndelete(m, P{1, 2})\nfmt.Println(len(m))", want: "1\n"},
		// a struct whose pointer has the methods
		{cell: "m := map[any]string{Sq{1}: \"a\"}\nm[Sq{1}] += \"b\"\nfmt.Println(len(m), m[Sq{1}])", want: "1 ab\n"},
		// a pointer given as it is to a map of a cell's interface
		{cell: "p := &Sq{2}\nvar a Shape = p\ncount := map[Shape]int{}\ncount[p]++\ncount[a]++\nfmt.Println(len(count), count[p])\ndelete(count, p)\nfmt.Println(len(count))", want: "1 2\n0\n"},
		// a struct value with value methods, converted to a cell's interface again and again
		{cell: "type Namer interface{ String() string }\nm := map[Namer]int{P{1, 2}: 1}\nm[P{1, 2}]++\nvar n Namer = P{1, 2}\nm[n]++\nm[P{3, 4}]++\nfmt.Println(len(m), m[P{1, 2}])\ndelete(m, P{1, 2})\n_, ok := m[P{1, 2}]\nfmt.Println(len(m), ok)", want: "2 3\n1 false\n"},
		// and to a map of any
		{cell: "p := &Sq{2}\nvar a Shape = p\nvar e any = p\nseen := map[any]int{}\nseen[p]++\nseen[e]++\nseen[a]++\nfmt.Println(len(seen), seen[p])", want: "1 3\n"},
		// basic values kept in interface variables, equal but made apart
		{cell: "c, d := \"hello\", \"hel\"\nd += \"lo\"\nvar ic, id any = c, d\nvar x, y any = 5, 5\nm := map[any]int{}\nm[ic] = 1\nm[id] = 2\nm[x]++\nm[y]++\nfmt.Println(len(m), m[c], m[5])", want: "2 2 2\n"},
	})
}

// TestCompiledInterfaceMapKeys checks maps keyed by error and
// fmt.Stringer: one key for each value of a cell's type, struct, pointer
// or named int, however the key reaches the map (a value, a variable of
// the interface, a parameter, a call's result, nil), alongside compiled
// errors, and the map's and its keys' %T.
func TestCompiledInterfaceMapKeys(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import (\"errors\"; \"fmt\"; \"io\")\n"+
		"var ErrLimit = errors.New(\"limit\")\n"+
		"type NotFound struct{ Key string }\nfunc (e NotFound) Error() string { return \"not found: \" + e.Key }\n"+
		"type Busy struct{ N int }\nfunc (e *Busy) Error() string { return fmt.Sprint(\"busy \", e.N) }\n"+
		"type Cell struct{ Row, Col int }\nfunc (c Cell) String() string { return fmt.Sprint(\"R\", c.Row, \"C\", c.Col) }\n"+
		"type Level int\nfunc (l Level) String() string { return fmt.Sprint(\"level\", int(l)) }\n"+
		"func find(k string) error { if k == \"\" { return nil }; return NotFound{k} }\n"+
		"var _ = io.EOF")
	checkCells(t, s, out, []cellCase{
		// struct values of a cell's error type, again and again
		{cell: "m := map[error]int{}\nm[NotFound{\"a\"}]++\nm[NotFound{\"a\"}]++\nm[NotFound{\"b\"}]++\nfmt.Println(len(m), m[NotFound{\"a\"}])", want: "2 2\n"},
		// a pointer, a variable of error, a call's result and nil
		{cell: "m := map[error]int{ErrLimit: 1, io.EOF: 1, nil: 1}\nb := &Busy{1}\nm[b]++\nm[b]++\nvar e error = NotFound{\"a\"}\nm[e]++\nm[find(\"a\")]++\nm[find(\"\")]++\nm[ErrLimit]++\nfmt.Println(len(m), m[b], m[&Busy{1}], m[NotFound{\"a\"}], m[nil], m[ErrLimit], m[io.EOF])", want: "5 2 0 2 2 2 1\n"},
		// a parameter
		{cell: "tally := func(m map[error]int, errs ...error) { for _, e := range errs { m[e]++ } }\nm := map[error]int{}\ntally(m, NotFound{\"a\"}, ErrLimit, NotFound{\"a\"}, ErrLimit)\nfmt.Println(len(m), m[NotFound{\"a\"}], m[ErrLimit])", want: "2 2 2\n"},
		// fmt.Stringer keys of a struct, a pointer and a named int
		{cell: "m := map[fmt.Stringer]int{}\nm[Cell{1, 2}]++\nvar s fmt.Stringer = Cell{1, 2}\nm[s]++\nm[Level(3)]++\nm[Level(3)]++\np := &Cell{5, 5}\nm[p]++\nfmt.Println(len(m), m[Cell{1, 2}], m[Level(3)], m[p], m[&Cell{5, 5}])\ndelete(m, Cell{1, 2})\nfmt.Println(len(m))", want: "3 2 2 1 0\n2\n"},
		// the map's type and its keys' types
		{cell: "m := map[error]int{NotFound{\"q\"}: 1}\nfmt.Printf(\"%T\\n\", m)\nfor k := range m {\n\tnf, ok := k.(NotFound)\n\tfmt.Printf(\"%T %v %q %v\\n\", k, k, nf.Key, ok)\n}\nfor k := range map[error]bool{ErrLimit: true} {\n\tfmt.Printf(\"%T %v\\n\", k, k == ErrLimit)\n}", want: "map[error]int\nmain.NotFound not found: q \"q\" true\n*errors.errorString true\n"},
	})
}
