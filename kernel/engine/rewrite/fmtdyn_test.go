package rewrite

import (
	"testing"
)

// Values in an any or in an interface a cell declares reach fmt through
// conversions of the cell's types with methods fmt calls: struct types
// found by assertions, others by a switch without a variable.
func TestDynamicConversions(t *testing.T) {
	const decls = `package main
import "fmt"
type Shape interface{ Area() float64 }
type Circle struct{ R float64 }
func (c Circle) Area() float64 { return c.R }
func (c Circle) String() string { return "circle" }
type Cents int
func (c Cents) String() string { return "$" }
func (c Cents) Area() float64 { return 0 }
`
	cases := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"cell interface", `func f(s Shape) { fmt.Println(s) }`,
			[]string{"fmt.Println(goconc_fmtdyn1_0(s))", "if x, ok := c.(Circle); ok", "switch c.(type) { case Cents: x, _ := c.(Cents)"},
			[]string{"x := c.(type)", "if x, ok := c.(Cents)"}},
		{"any parameter", `func f(x any) string { return fmt.Sprintf("%v", x) }`,
			[]string{"fmt.Sprintf(\"%v\", goconc_fmtdyn1_0(x))", "if x, ok := c.(Circle); ok", "if x, ok := c.(*Circle); ok", "case *Cents: x, _ := c.(*Cents)"},
			[]string{"x := c.(type)", "if x, ok := c.(Cents)"}},
		{"interface of a compiled package", `func f(s fmt.Stringer) { fmt.Println(s) }`,
			[]string{"fmt.Println(goconc_fmtdyn1_0(s))"}, nil},
		{"field of a cell interface", "type H struct{ S Shape }\nfunc f(h H) { fmt.Println(h) }",
			[]string{"var x any = goconc_fmtdyn1_0(v)"}, nil},
		{"nil interface", `func f(s Shape) { fmt.Println(s) }`,
			[]string{"func goconc_fmtdyn1_0(v any) any { if v == nil { return nil }"}, nil},
		{"spread slice", `func f(vs ...any) { fmt.Println(vs...) }`,
			[]string{"fmt.Println(func(xs []any) []any {", "ys[i] = goconc_fmtdyn1_0(xs[i])", "}(vs)...)"}, nil},
		{"spread slice with %T", `func f(vs ...any) { fmt.Printf("%v %T", vs...) }`,
			[]string{`fmt.Printf("%v %s", func(xs []any) []any {`, "switch i { case 1: ys[i] = func(x any) string { name := goconc_rt.TypeName(x)"}, nil},
		{"spread slice with %p", `func f(vs ...any) { fmt.Printf("%v %p", vs...) }`,
			[]string{"switch i { case 1: ys[i] = xs[i]; continue }"}, nil},
		{"interface of a compiled package without String", "type ByR []Circle\nfunc (b ByR) Len() int { return len(b) }\nfunc (b ByR) Less(i, j int) bool { return b[i].R < b[j].R }\nfunc (b ByR) Swap(i, j int) { b[i], b[j] = b[j], b[i] }\nfunc f(s interface{ Len() int; Less(i, j int) bool; Swap(i, j int) }) { fmt.Println(s) }",
			[]string{"fmt.Println(goconc_fmtdyn1_0(s))"}, nil},
		{"Errorf with a format unknown until run time", `func f(s string, vs ...any) error { return fmt.Errorf(s, vs...) }`,
			nil, []string{"goconc_fmtdyn"}},
		{"composites of cell structs in an any", "var _, _, _ = []Circle{}, map[string]*Circle{}, []Cents{}\nvar _ = []Shape{}\nfunc f(x any) { fmt.Println(x) }",
			[]string{"if x, ok := c.([]Circle); ok", "if x, ok := c.(map[string]*Circle); ok", "if n, ok := c.(goconc_rt.Named); ok { if b, ok := n.V.(goconc_box_c"}, []string{"c.([]Cents)"}},
		{"%T keeps the value", `func f(x any) string { return fmt.Sprintf("%T", x) }`,
			nil, []string{"goconc_fmtdyn"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, decls+c.src)
			runPasses(f, "calls")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}
