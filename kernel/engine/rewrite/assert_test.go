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
