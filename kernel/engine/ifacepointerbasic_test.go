package engine

import "testing"

// TestPointersToBasicTypesWithMethods checks that a pointer to a value
// of a cell's type with methods over a basic type keeps its type in an
// empty interface, however it gets there: a type switch finds its case,
// an assertion gives it back and %T names it.
func TestPointersToBasicTypesWithMethods(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import \"fmt\"\ntype Celsius float64\nfunc (c Celsius) String() string { return fmt.Sprintf(\"%.1fC\", float64(c)) }\nfunc kind(v any) string {\n\tswitch x := v.(type) {\n\tcase *Celsius:\n\t\treturn \"ptr \" + x.String()\n\tcase Celsius:\n\t\treturn \"val \" + x.String()\n\t}\n\treturn \"other\"\n}\ntype box struct{ V any }")
	checkCells(t, s, out, []cellCase{
		// a variable of type any
		{cell: "c := Celsius(21.5)\nvar v any = &c\nfmt.Println(kind(v))\nfmt.Printf(\"%T\\n\", v)", want: "ptr 21.5C\n*main.Celsius\n"},
		// a call's argument
		{cell: "c := Celsius(2)\nfmt.Println(kind(&c), kind(c))", want: "ptr 2.0C val 2.0C\n"},
		// an assertion back
		{cell: "c := Celsius(3)\nvar v any = &c\np, ok := v.(*Celsius)\nfmt.Println(p == &c, ok)", want: "true true\n"},
		// a struct field, an appended element and a sent value
		{cell: "c := Celsius(4)\nb := box{V: &c}\nvar list []any\nlist = append(list, &c)\nch := make(chan any, 1)\nch <- &c\nfmt.Println(kind(b.V), kind(list[0]), kind(<-ch))", want: "ptr 4.0C ptr 4.0C ptr 4.0C\n"},
		// a plain *float64 stays one
		{cell: "f := 1.5\nfmt.Println(kind(&f))", want: "other\n"},
	})
}
