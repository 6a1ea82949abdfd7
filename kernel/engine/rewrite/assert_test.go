package rewrite

import (
	"strings"
	"testing"
)

// A type switch with a case of a cell's type with methods becomes a
// switch on the number of the case an assertion finds, through the
// interpreter's wrapper that may hold the value; one on a struct type
// without methods stays.
func TestSwitchOnStructWithMethods(t *testing.T) {
	const decls = `package main
type Circle struct{ R float64 }
func (c Circle) Area() float64 { return c.R }
type Plain struct{ N int }
`
	cases := []struct {
		name, src string
		rewritten bool
	}{
		{"struct with methods", "func f(x any) float64 { switch v := x.(type) { case Circle: return v.R }; return 0 }", true},
		{"pointer to it", "func f(x any) float64 { switch v := x.(type) { case *Circle: return v.R }; return 0 }", true},
		{"struct without methods", "func f(x any) int { switch v := x.(type) { case Plain: return v.N }; return 0 }", false},
		{"no variable", "func f(x any) int { switch x.(type) { case Circle: return 1 }; return 0 }", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, decls+c.src)
			for _, p := range Passes {
				if p.Name == "assert" {
					p.Run(f)
				}
			}
			got := spaced(printed(f))
			if rewritten := !strings.Contains(got, ".(type)"); rewritten != c.rewritten {
				t.Errorf("printed\n%s\nwant rewritten %v", printed(f), c.rewritten)
			}
			if c.rewritten && !strings.Contains(got, "if _, ok := goconc_concrete(goconc_x") {
				t.Errorf("printed\n%s\nwant the case found by an assertion", printed(f))
			}
		})
	}
}

// An assertion of a value of an empty interface to a cell's type with
// methods and a basic underlying type asks a type switch that binds
// nothing first, and so does an assertion to an interface such a type
// implements; assertions to struct types and from other interfaces stay.
func TestAssertionToBasicTypeWithMethods(t *testing.T) {
	const decls = `package main
import "fmt"
type Celsius float64
func (c Celsius) String() string { return "c" }
type Pt struct{ X int }
func (p Pt) String() string { return "p" }
type Handler func(int) int
func (h Handler) Serve(x int) int { return h(x) }
type Names []string
func (n Names) Len() int { return len(n) }
var _ = fmt.Sprint
`
	cases := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"underlying type", `func f(x any) (float64, bool) { v, ok := x.(float64); return v, ok }`,
			[]string{"case Celsius: var zero float64; return zero, false", ":= goconc_x"}, nil},
		{"pointer to the underlying type, one result", `func f(x any) *float64 { return x.(*float64) }`,
			[]string{`case *Celsius: panic(goconc_rt.RuntimeError("interface conversion: interface {} is *main.Celsius, not *float64"))`}, nil},
		{"a case of the underlying type", `func f(x any) int { switch x.(type) { case float64: return 1; case Celsius: return 2 }; return 0 }`,
			[]string{"case Celsius: var zero float64"}, nil},
		{"other basic types stay", `func f(x any) (int, bool) { v, ok := x.(int); return v, ok }`,
			[]string{"x.(int)"}, []string{"var zero"}},
		{"func type", `func f(x any) (Handler, bool) { h, ok := x.(Handler); return h, ok }`,
			[]string{"switch goconc_concrete(goconc_x", "case Handler:", "var zero Handler"}, nil},
		{"slice type", `func f(x any) (Names, bool) { n, ok := x.(Names); return n, ok }`,
			[]string{"switch goconc_concrete(goconc_x", "case Names:", "var zero Names; return zero, false"}, nil},
		{"underlying slice type", `func f(x any) ([]string, bool) { v, ok := x.([]string); return v, ok }`,
			[]string{"case Names: var zero []string; return zero, false"}, nil},
		{"comma ok", `func f(x any) (Celsius, bool) { c, ok := x.(Celsius); return c, ok }`,
			[]string{"switch goconc_concrete(goconc_x", "case Celsius:", "var zero Celsius; return zero, false"}, []string{"goconc_rt.ConversionError"}},
		{"one result panics as Go does", `func f(x any) Celsius { return x.(Celsius) }`,
			[]string{"case Celsius:", `panic(goconc_rt.RuntimeError("interface conversion: interface {} is " + held + ", not main.Celsius"))`, `case *Celsius: return "*main.Celsius"`}, nil},
		{"from a cell's interface", `type Namer interface{ String() string }
func f(n Namer) (Celsius, bool) { c, ok := n.(Celsius); return c, ok }`,
			[]string{"func(goconc_x1 Namer) (Celsius, bool) { switch goconc_concrete(goconc_x1).(type) { case Celsius:"}, nil},
		{"interface it implements", `func f(x any) bool { _, ok := x.(fmt.Stringer); return ok }`,
			[]string{"switch x.(type) {", "case Celsius:"}, nil},
		{"struct type stays", `func f(x any) (Pt, bool) { p, ok := x.(Pt); return p, ok }`,
			[]string{"goconc_concrete(x).(Pt)"}, []string{"var zero"}},
		{"a case of a pointer also takes the wrapper's bare pointer", `func f(x fmt.Stringer, y interface{ Len() int }) int { switch x.(type) { case *Celsius: return 1 }; switch y.(type) { case *Names: return 2 }; return 0 }`,
			[]string{`if goconc_rt.TypeName(goconc_x`, `== "*main.Celsius" { if _, ok := goconc_concrete(goconc_x`, `).(*float64); ok {`, `).(*[]string); ok {`}, nil},
		{"a case of the value also takes the wrapper's bare value", `func f(x fmt.Stringer) int { switch x.(type) { case Celsius: return 1 }; return 0 }`,
			[]string{`if goconc_rt.TypeName(goconc_x`, `== "main.Celsius" { if _, ok := goconc_concrete(goconc_x`, `).(float64); ok {`}, nil},
		{"from an interface with methods stays", `func f(x fmt.Stringer) (Celsius, bool) { c, ok := x.(Celsius); return c, ok }`,
			[]string{"goconc_concrete(x).(Celsius)"}, []string{"var zero"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, decls+c.src)
			runPasses(f, "assert")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}
