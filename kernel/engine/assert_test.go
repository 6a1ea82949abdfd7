package engine

import "testing"

// TestAssertCellInterface checks assertions and type switches to
// interfaces a cell declares, on values of the cell's types and of
// compiled ones.
func TestAssertCellInterface(t *testing.T) {
	s, out := newTestSession(t, "")
	setup := `import ("errors"; "fmt"; "io/fs"; "os"; "time")
type Hourer interface{ Hours() float64 }
type Coder interface{ Code() int }
type Foo interface{ Foo() }
type code struct{ n int }
func (c code) Code() int { return c.n }
func wrap(x any) any { return x }
func try(f func()) {
	defer func() { fmt.Println(recover()) }()
	f()
}
var _ = errors.New
var _ fs.FileMode
var _ = os.Getpid`
	runSetup(t, s, out, setup)
	tests := []cellCase{
		{"var x any = time.Second\nh, ok := x.(Hourer)\nfmt.Println(ok, h.Hours() * 3600)", "true 1\n"},
		{"var x any = code{4}\nc, ok := x.(Coder)\nfmt.Println(ok, c.Code())", "true 4\n"},
		{"c, ok := wrap(code{5}).(Coder)\nfmt.Println(ok, c.Code())", "true 5\n"},
		{"var x any = code{6}\n_, ok := x.(Hourer)\nfmt.Println(ok)", "false\n"},
		{"var err error = &fs.PathError{Op: \"open\", Path: \"/x\", Err: os.ErrNotExist}\n_, ok := err.(interface{ Timeout() bool })\n_, isErr := err.(interface{ Error() string })\nfmt.Println(ok, isErr)", "true true\n"},
		{"var err error = errors.New(\"e\")\ne, ok := err.(interface{ Error() string })\nfmt.Println(ok, e.Error())", "true e\n"},
		{"func() {\n\tdefer func() {\n\t\tr := recover()\n\t\t_, ok := r.(interface{ RuntimeError() })\n\t\tfmt.Println(ok)\n\t}()\n\tvar s []int\n\ti := 1\n\t_ = s[i]\n}()", "true\n"},
		{"var x any = time.Second\nfmt.Println(x.(Hourer).Hours() > 0)", "true\n"},
		{"var x any\ntry(func() { _ = x.(Foo) })", "interface conversion: interface is nil, not main.Foo\n"},
		{"var x any = time.Second\ntry(func() { _ = x.(Foo) })", "interface conversion: time.Duration is not main.Foo: missing method Foo\n"},
		{"var x any = code{1}\ntry(func() { _ = x.(Foo) })", "interface conversion: main.code is not main.Foo: missing method Foo\n"},
		{"var x any = code{1}\ntry(func() { _ = x.(interface{ Foo() }) })", "interface conversion: main.code is not interface { Foo() }: missing method Foo\n"},
		// Type switches keep Go's case order, bind the variable by case
		// and keep break.
		{"for _, x := range []any{time.Minute, code{2}, 3, nil} {\n\tswitch v := x.(type) {\n\tcase Coder:\n\t\tfmt.Println(\"coder\", v.Code())\n\tcase Hourer:\n\t\tif v.Hours() > 0 {\n\t\t\tfmt.Println(\"hourer\")\n\t\t\tbreak\n\t\t}\n\t\tfmt.Println(\"not reached\")\n\tcase int, string:\n\t\tfmt.Println(\"int or string\", v)\n\tcase nil:\n\t\tfmt.Println(\"nil\", v)\n\t}\n}", "hourer\ncoder 2\nint or string 3\nnil <nil>\n"},
		{"var x any = 7\nswitch x.(type) {\ncase Coder:\n\tfmt.Println(\"coder\")\ndefault:\n\tfmt.Println(\"default\")\n}", "default\n"},
		// A value of a cell's struct type with methods that came through
		// an any parameter, switched on with a variable.
		{"func kind(x any) string {\n\tswitch v := x.(type) {\n\tcase code:\n\t\treturn fmt.Sprint(\"code \", v.n)\n\tcase *code:\n\t\treturn \"pointer\"\n\tcase int:\n\t\treturn fmt.Sprint(\"int \", v)\n\t}\n\treturn \"other\"\n}\nn := 0\nvar c Coder = code{3}\nfmt.Println(kind(code{1}), kind(c), kind(&code{}), kind(n), kind(\"s\"))", "code 1 code 3 pointer int 0 other\n"},
	}
	checkCells(t, s, out, tests)
}
