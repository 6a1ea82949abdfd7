package engine

import "testing"

// TestCompiledInterfaceValueConverted checks that a cell's value kept in
// a compiled interface (fmt.Stringer, error) and converted to a cell's
// interface or to any is the cell's value again: it asserts back to its
// type, and %T names it, whether the value is a struct, a pointer, a
// value reached through a pointer or a named basic type; and that the
// value of a cell's interface converted to a compiled one asserts back.
func TestCompiledInterfaceValueConverted(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import \"fmt\"\n"+
		"type Cell struct{ N int }\nfunc (c Cell) String() string { return fmt.Sprint(\"cell\", c.N) }\n"+
		"type PCell struct{ N int }\nfunc (c *PCell) String() string { return fmt.Sprint(\"pcell\", c.N) }\n"+
		"type Lvl int\nfunc (l Lvl) String() string { return fmt.Sprint(\"lvl\", int(l)) }\n"+
		"type NotFound struct{ Key string }\nfunc (e NotFound) Error() string { return \"not found: \" + e.Key }\n"+
		"type Namer interface{ String() string }")
	checkCells(t, s, out, []cellCase{
		// a struct from fmt.Stringer to a cell's interface
		{cell: "var s fmt.Stringer = Cell{1}\nvar g Namer = s\nc, ok := g.(Cell)\nfmt.Printf(\"%T %v %v %v\\n\", g, g, c, ok)", want: "main.Cell cell1 cell1 true\n"},
		// a pointer whose type has the methods
		{cell: "var s fmt.Stringer = &PCell{2}\nvar g Namer = s\np, ok := g.(*PCell)\nfmt.Printf(\"%T %v %v %v\\n\", g, g, p.N, ok)", want: "*main.PCell pcell2 2 true\n"},
		// a named basic type, to any, in a type switch
		{cell: "var s fmt.Stringer = Lvl(3)\nvar a any = s\nswitch v := a.(type) {\ncase Lvl:\n\tfmt.Println(\"Lvl\", int(v))\ndefault:\n\tfmt.Printf(\"other %T\\n\", v)\n}", want: "Lvl 3\n"},
		// an error of a struct type
		{cell: "var e error = NotFound{\"k\"}\nvar a any = e\nnf, ok := a.(NotFound)\nfmt.Printf(\"%T %v %q %v\\n\", a, a, nf.Key, ok)", want: "main.NotFound not found: k \"k\" true\n"},
		// a pointer to a type whose methods have value receivers
		{cell: "var s fmt.Stringer = &Cell{4}\nvar a any = s\np, ok := a.(*Cell)\nfmt.Printf(\"%T %v %v\\n\", a, p.N, ok)", want: "*main.Cell 4 true\n"},
		// a call's result passed straight to a parameter of a cell's interface
		{cell: "mk := func() Namer { return Cell{6} }\nf := func(n Namer) string { c, ok := n.(Cell); return fmt.Sprintf(\"%T %v %v\", n, c.N, ok) }\nvar g Namer = Cell{6}\nfmt.Println(f(mk()), g == mk())", want: "main.Cell 6 true true\n"},
		// from a cell's interface to a compiled one, and back
		{cell: "var n Namer = Cell{5}\nvar back fmt.Stringer = n\nc, ok := back.(Cell)\nvar again Namer = back\nfmt.Printf(\"%T %v %v %v %v\\n\", back, back, c, ok, again == n)", want: "main.Cell cell5 cell5 true true\n"},
	})
}
