package engine

import "testing"

// TestAssertionsToFuncTypesWithMethods checks that a plain function in
// an interface is not a value of a cell's function type with methods:
// assertions to the type and to an interface only it implements are
// false, or panic with Go's message; the type's values still pass, and
// type switches tell the two apart.
func TestAssertionsToFuncTypesWithMethods(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import \"fmt\"\ntype Handler func(int) int\nfunc (h Handler) Serve(x int) int { return h(x) }\ntype Server interface{ Serve(int) int }\nfunc double(x int) int { return 2 * x }")
	checkCells(t, s, out, []cellCase{
		// a plain function
		{cell: "var v any = double\n_, ok := v.(Handler)\n_, ok2 := v.(Server)\nfmt.Println(ok, ok2)", want: "false false\n"},
		// a Handler
		{cell: "var v any = Handler(double)\nh, ok := v.(Handler)\ns, ok2 := v.(Server)\nfmt.Println(ok, h(2), ok2, s.Serve(3))", want: "true 4 true 6\n"},
		// from a Server
		{cell: "var s Server = Handler(double)\nh, ok := s.(Handler)\nfmt.Println(ok, h(5))", want: "true 10\n"},
		// one result, recovered
		{cell: "func conv(x any) (msg any) {\n\tdefer func() { msg = recover() }()\n\t_ = x.(Handler)\n\treturn nil\n}\nfmt.Println(conv(double))\nfmt.Println(conv(Handler(double)))", want: "interface conversion: interface {} is func(int) int, not main.Handler\n<nil>\n"},
		// a type switch
		{cell: "func kind(v any) string {\n\tswitch h := v.(type) {\n\tcase Handler:\n\t\treturn fmt.Sprint(\"handler \", h(1))\n\tcase func(int) int:\n\t\treturn fmt.Sprint(\"func \", h(1))\n\t}\n\treturn \"other\"\n}\nfmt.Println(kind(Handler(double)), kind(double), kind(1))", want: "handler 2 func 2 other\n"},
	})
}
