package engine

import "testing"

// TestInterfaceComposites checks composites of the cells' interface
// types in an any: []Shape and []Other, two interfaces with the same
// methods, and maps, pointers and channels of them are told apart by
// %T, assertions and type switches, in either case order, and print
// their elements with their methods, across cells.
func TestInterfaceComposites(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
type Shape interface{ Area() float64 }
type Other interface{ Area() float64 }
type Sq struct{ S float64 }
func (s Sq) Area() float64 { return s.S * s.S }
type Circle struct{ R int }
func (c Circle) Area() float64 { return float64(c.R) }
func (c Circle) String() string { return fmt.Sprintf("circle(%d)", c.R) }
func kind(v any) string {
	switch v.(type) {
	case []Shape:
		return "[]Shape"
	case []Other:
		return "[]Other"
	case map[string]Shape:
		return "map Shape"
	case map[string]Other:
		return "map Other"
	}
	return "other"
}
func kindReversed(v any) string {
	switch v.(type) {
	case []Other:
		return "[]Other"
	case []Shape:
		return "[]Shape"
	}
	return "other"
}
var kept any = []Other{Circle{7}}`)
	checkCells(t, s, out, []cellCase{
		{"a, b := []Shape{Sq{1}}, []Other{Sq{2}}\nfmt.Printf(\"%T %T %T %T\\n\", a, b, any(a), any(b))", "[]main.Shape []main.Other []main.Shape []main.Other\n"},
		{"a, b := []Shape{Sq{1}}, []Other{Sq{2}}\nfmt.Println(kind(a), kind(b), kindReversed(a), kindReversed(b), kind(map[string]Other{}), kind(map[string]Shape{}), kind(1))",
			"[]Shape []Other []Shape []Other map Other map Shape other\n"},
		{"var x any = []Shape{Sq{1}}\n_, isOther := x.([]Other)\ns, isShape := x.([]Shape)\nfmt.Println(isOther, isShape, s[0].Area())", "false true 1\n"},
		{"p, ch := &[]Shape{}, make(chan Other)\nfmt.Printf(\"%T %T\\n\", any(p), any(ch))", "*[]main.Shape chan main.Other\n"},
		{"var x any = []Shape{Circle{1}, Sq{2}}\nfmt.Printf(\"%v|%+v|%#v\\n\", x, x, x)", "[circle(1) {2}]|[circle(1) {S:2}]|[]main.Shape{main.Circle{R:1}, main.Sq{S:2}}\n"},
		// A value boxed in an earlier cell.
		{"fmt.Printf(\"%v %T %s\\n\", kept, kept, kindReversed(kept))", "[circle(7)] []main.Other []Other\n"},
		{"fmt.Println([]any{[]Shape{Circle{3}}, map[string]Other{\"c\": Circle{4}}})", "[[circle(3)] map[c:circle(4)]]\n"},
	})
}
