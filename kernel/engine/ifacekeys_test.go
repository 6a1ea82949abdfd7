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
	})
}
