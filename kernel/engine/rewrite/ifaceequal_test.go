package rewrite

import "testing"

// Comparisons of interfaces that may hold values of the cell's types
// with methods compare the values asserted to those types; the others
// stay as they are.
func TestInterfaceComparisons(t *testing.T) {
	const decls = `package main
import "fmt"
type State int
func (s State) String() string { return "s" }
type Plain int
type Pt struct{ X int }
func (p Pt) Area() int { return p.X }
type Shape interface{ Area() int }
var _ = fmt.Sprint
`
	cases := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"value with an interface", `func f(a any) bool { return a == State(1) }`,
			[]string{"func(goconc_x", ".(State)"}, nil},
		{"two empty interfaces", `func f(a, b any) bool { return a == b }`,
			[]string{"switch goconc_concrete(goconc_x", "case State:", "case Pt:", "goconc_concrete(goconc_y", ".(State)", "return goconc_x"}, nil},
		{"two interfaces not equal", `func f(a, b any) bool { return a != b }`,
			[]string{"!func(goconc_x"}, nil},
		{"only the types an interface admits", `func f(a Shape, b any) bool { return a == b }`,
			[]string{"case Pt:"}, []string{"case State:"}},
		{"stringer and any", `func f(a fmt.Stringer, b any) bool { return a == b }`,
			[]string{"if goconc_v", ":= goconc_concrete(goconc_x", ".(State); ok", "case State:"}, []string{"case Pt"}},
		{"interface with a method no cell type has stays", `func f(a, b interface{ M() }) bool { return a == b }`,
			[]string{"return a == b"}, []string{"goconc_x"}},
		{"nil stays", `func f(a any) bool { return a == nil }`,
			[]string{"return a == nil"}, []string{"goconc_x"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, decls+c.src)
			runPasses(f, "ifaceequal")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}
