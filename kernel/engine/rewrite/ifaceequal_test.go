package rewrite

import "testing"

// Comparisons of interfaces that may hold values of the cell's types
// with methods compare the values asserted to those types; the others
// stay as they are.
func TestInterfaceComparisons(t *testing.T) {
	const decls = `package main
import (
	"fmt"
	"strings"
)
type State int
func (s State) String() string { return "s" }
type Plain int
type Pt struct{ X int }
func (p Pt) Area() int { return p.X }
type Shape interface{ Area() int }
var _ = fmt.Sprint
var _ = strings.ToUpper
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
		{"a cell's interface and a compiled one", `func f(a Shape, b any) bool { return a == b }`,
			[]string{"return goconc_x", "goconc_rt.Unboxed(goconc_x"}, nil},
		{"a cell's interface with no candidates", `type W interface{ Write([]byte) (int, error) }
func f(a W, b any) bool { return a != b }`,
			[]string{"!func(goconc_x", "goconc_rt.Unboxed(goconc_y"}, nil},
		{"a cell's interface and a compiled pointer", `type W interface{ String() string }
func f(a W, b *strings.Builder) bool { return a == b }`,
			[]string{"return goconc_rt.Unboxed(goconc_x", ") == goconc_rt.Unboxed(goconc_y"}, nil},
		{"a cell's interface and nil stays", `func f(a Shape) bool { return a == nil }`,
			[]string{"return a == nil"}, []string{"goconc_x"}},
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
