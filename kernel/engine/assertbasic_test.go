package engine

import "testing"

// TestAssertionsToBasicTypesWithMethods checks that a bare value of a
// basic type in an interface is not a value of a cell's type with
// methods and that underlying type: the assertion is false, or panics
// with Go's message; a value of the type still passes.
func TestAssertionsToBasicTypesWithMethods(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import \"fmt\"\ntype Celsius float64\nfunc (c Celsius) String() string { return fmt.Sprintf(\"%.1fC\", float64(c)) }\ntype Level int\nfunc (l Level) String() string { return \"level\" }")
	checkCells(t, s, out, []cellCase{
		// comma ok, bare value
		{cell: "var f any = 21.5\nc, ok := f.(Celsius)\nfmt.Println(float64(c), ok)", want: "0 false\n"},
		// comma ok, value of the type
		{cell: "var g any = Celsius(3)\nc, ok := g.(Celsius)\nfmt.Println(c, ok)", want: "3.0C true\n"},
		// one result, recovered
		{cell: "func conv(x any) (c Celsius, msg any) {\n\tdefer func() { msg = recover() }()\n\treturn x.(Celsius), nil\n}\nc, m := conv(21.5)\nfmt.Println(c, m)\nc, m = conv(Celsius(2))\nfmt.Println(c, m)", want: "0.0C interface conversion: interface {} is float64, not main.Celsius\n2.0C <nil>\n"},
		// another basic kind
		{cell: "var n any = 7\n_, ok := n.(Level)\nvar l any = Level(7)\n_, ok2 := l.(Level)\nfmt.Println(ok, ok2)", want: "false true\n"},
		// an interface the type implements
		{cell: "var f any = 21.5\n_, ok := f.(fmt.Stringer)\nvar g any = Celsius(1)\ns, ok2 := g.(fmt.Stringer)\nfmt.Println(ok, ok2, s)", want: "false true 1.0C\n"},
		// the other way round: a value of the type is not a float64
		{cell: "var g any = Celsius(3)\nx, ok := g.(float64)\nfmt.Println(x, ok)", want: "0 false\n"},
		{cell: "func toFloat(x any) (f float64, msg any) {\n\tdefer func() { msg = recover() }()\n\treturn x.(float64), nil\n}\nf, m := toFloat(Celsius(3))\nfmt.Println(f, m)\nf, m = toFloat(2.5)\nfmt.Println(f, m)", want: "0 interface conversion: interface {} is main.Celsius, not float64\n2.5 <nil>\n"},
		// a type switch with the underlying type's case first
		{cell: "func kind(v any) string {\n\tswitch v.(type) {\n\tcase float64:\n\t\treturn \"float64\"\n\tcase Celsius:\n\t\treturn \"Celsius\"\n\t}\n\treturn \"other\"\n}\nc := Celsius(1)\nfmt.Println(kind(1.5), kind(c), kind(&c))", want: "float64 Celsius other\n"},
	})
}

// TestAssertionsToSliceAndMapTypesWithMethods checks the same for a
// cell's slice and map types with methods: a value of the underlying
// type is not one of them, a value of them is not one of the underlying
// type, however it reached the interface (a variable, a conversion, a
// function's result), and the one-result form panics as Go does.
func TestAssertionsToSliceAndMapTypesWithMethods(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import (\n\t\"fmt\"\n\t\"strings\"\n)\ntype Names []string\nfunc (n Names) String() string { return strings.Join(n, \"+\") }\ntype Index map[string]int\nfunc (i Index) Len() int { return len(i) }\nfunc held(n Names) any { return n }")
	checkCells(t, s, out, []cellCase{
		{cell: "_, ok := any([]string{}).(Names)\n_, ok2 := any(Names{}).(Names)\nfmt.Println(ok, ok2)", want: "false true\n"},
		{cell: "n := Names{\"a\"}\nvar e any = n\n_, ok := e.([]string)\n_, ok2 := held(n).(Names)\n_, ok3 := held(n).([]string)\nfmt.Println(ok, ok2, ok3)", want: "false true false\n"},
		{cell: "_, ok := any(map[string]int{}).(Index)\n_, ok2 := any(Index{}).(Index)\nfmt.Println(ok, ok2)", want: "false true\n"},
		{cell: "func conv(x any) (n Names, msg any) {\n\tdefer func() { msg = recover() }()\n\treturn x.(Names), nil\n}\n_, m := conv([]string{\"a\"})\nfmt.Println(m)\nn, m := conv(Names{\"b\"})\nfmt.Println(n, m)", want: "interface conversion: interface {} is []string, not main.Names\nb <nil>\n"},
		{cell: "n := Names{\"c\", \"d\"}\nfmt.Println(held(n), any(n))\nfmt.Printf(\"%T\\n\", held(n))", want: "c+d c+d\nmain.Names\n"},
	})
}

// TestAssertionsFromCellInterfaces checks an assertion from a cell's
// interface to a cell's type with methods when the value is of another
// type with the same underlying type and methods: false, and the
// one-result form panics naming both types as Go does.
func TestAssertionsFromCellInterfaces(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import \"fmt\"\ntype Namer interface{ String() string }\ntype T string\nfunc (t T) String() string { return string(t) }\ntype U string\nfunc (u U) String() string { return \"u\" + string(u) }")
	checkCells(t, s, out, []cellCase{
		{cell: "var n Namer = T(\"a\")\n_, ok := n.(U)\nt, ok2 := n.(T)\nfmt.Println(ok, ok2, t)", want: "false true a\n"},
		{cell: "func toU(n Namer) (u U, msg any) {\n\tdefer func() { msg = recover() }()\n\treturn n.(U), nil\n}\n_, m := toU(T(\"b\"))\nfmt.Println(m)\nu, m := toU(U(\"c\"))\nfmt.Println(u, m)", want: "interface conversion: main.Namer is main.T, not main.U\nuc <nil>\n"},
		{cell: "func toT(x any) (t T, msg any) {\n\tdefer func() { msg = recover() }()\n\treturn x.(T), nil\n}\n_, m := toT(nil)\nfmt.Println(m)\n_, m = toT(\"s\")\nfmt.Println(m)", want: "interface conversion: interface {} is nil, not main.T\ninterface conversion: interface {} is string, not main.T\n"},
	})
}
