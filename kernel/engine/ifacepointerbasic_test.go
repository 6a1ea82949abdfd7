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

// TestPointersToBasicTypesInCompiledInterfaces checks the same pointers
// held in an interface of a compiled package (fmt.Stringer): a type
// switch finds the pointer's case, not the value's, and fmt prints it
// through its String method.
func TestPointersToBasicTypesInCompiledInterfaces(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import (\n\t\"fmt\"\n\t\"strings\"\n)\ntype Celsius float64\nfunc (c Celsius) String() string { return fmt.Sprintf(\"%.1fC\", float64(c)) }\ntype Names []string\nfunc (n Names) String() string { return strings.Join(n, \"+\") }\nfunc kind(s fmt.Stringer) string {\n\tswitch x := s.(type) {\n\tcase *Celsius:\n\t\treturn \"ptr \" + x.String()\n\tcase Celsius:\n\t\treturn \"val \" + x.String()\n\tcase *Names:\n\t\treturn fmt.Sprint(\"names \", len(*x))\n\t}\n\treturn \"other\"\n}")
	checkCells(t, s, out, []cellCase{
		// a variable of type fmt.Stringer
		{cell: "c := Celsius(21.5)\nvar s fmt.Stringer = &c\nfmt.Println(kind(s))\np, ok := s.(*Celsius)\nfmt.Println(p == &c, ok)", want: "ptr 21.5C\ntrue true\n"},
		// printed
		{cell: "c := Celsius(3)\nvar s fmt.Stringer = &c\nfmt.Println(s)\nfmt.Printf(\"%v %s %T\\n\", s, s, s)", want: "3.0C\n3.0C 3.0C *main.Celsius\n"},
		// and the value itself, in a variable and in a slice
		{cell: "c := Celsius(5)\nvar s fmt.Stringer = c\nl := []fmt.Stringer{c}\nfmt.Println(kind(s), kind(l[0]))", want: "val 5.0C val 5.0C\n"},
		// a call's argument, and a pointer to a slice type
		{cell: "c := Celsius(2)\nn := Names{\"a\", \"b\"}\nfmt.Println(kind(&c), kind(&n))\nvar s fmt.Stringer = &n\nfmt.Println(s)", want: "ptr 2.0C names 2\na+b\n"},
	})
}

// TestPointersToBasicTypesInErrors checks a pointer to a value of a
// cell's basic type whose Error method has a value receiver, held in an
// error: a type switch and errors.As find the pointer, and fmt prints it
// through Error.
func TestPointersToBasicTypesInErrors(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import (\n\t\"errors\"\n\t\"fmt\"\n)\ntype Code string\nfunc (c Code) Error() string { return \"code \" + string(c) }\nfunc kind(err error) string {\n\tswitch x := err.(type) {\n\tcase *Code:\n\t\treturn \"ptr \" + string(*x)\n\tcase Code:\n\t\treturn \"val \" + string(x)\n\t}\n\treturn \"other\"\n}")
	checkCells(t, s, out, []cellCase{
		{cell: "c := Code(\"x\")\nvar err error = &c\nfmt.Println(kind(err), kind(c))\nfmt.Println(err)", want: "ptr x val x\ncode x\n"},
		{cell: "c := Code(\"y\")\nvar p *Code\nok := errors.As(fmt.Errorf(\"wrapped: %w\", &c), &p)\nfmt.Println(ok, p == &c)", want: "true true\n"},
	})
}
