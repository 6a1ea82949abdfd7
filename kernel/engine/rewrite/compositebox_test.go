package rewrite

import (
	"testing"
)

// Values of named basic types, and composites of them, reach interfaces
// in boxes, whichever way they go there; the box types are declared.
func TestNamedBasicReachInterfaces(t *testing.T) {
	cases := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"slice in an interface", `package main
type Cents int
func f() any { return []Cents{1} }`, []string{
			`return goconc_rt.Named{Type: "[]main.Cents", V: goconc_box_c`,
			"struct{ V []Cents `goconcbox:\"[]main.Cents\"` }",
		}, nil},
		{"assertion to a composite", `package main
type Cents int
func f(x any) ([]Cents, bool) { v, ok := x.([]Cents); return v, ok }`, []string{
			"func(x any) ([]Cents, bool) { if n, ok := x.(goconc_rt.Named); ok { if b, ok := n.V.(goconc_box_c",
		}, nil},
		{"compiled functions take composites as they are", `package main
import "sort"
type Cents int
func f(xs []Cents) { sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] }) }`, []string{"sort.Slice(xs,"}, []string{"Named"}},
		{"named slice without methods", `package main
type List []int
func f() any { return List{1} }`, []string{
			`return goconc_rt.Named{Type: "main.List", V: goconc_box_List{List{1}}}`,
		}, nil},
		{"named slice passed to compiled code", `package main
import "sort"
type List []int
func f(xs List) { sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] }) }`, []string{"sort.Slice(xs,"}, []string{"Named"}},
		{"panic", `package main
type Cents int
func f() { panic(Cents(5)) }`, []string{`goconc_panicv := goconc_rt.Named{Type: "main.Cents", V: goconc_box_Cents{Cents(5)}}`}, nil},
		{"assignment of several values", `package main
type Cents int
func f() (any, int) {
	var a any
	var b int
	a, b = Cents(1), 2
	return a, b
}`, []string{"var goconc_t", `any = goconc_rt.Named{Type: "main.Cents"`, "int = 2", "a = goconc_t"}, nil},
		{"reflect.TypeOf printed and compared", `package main
import ("fmt"; "reflect")
type Cents int
func f(x any) bool {
	fmt.Println(reflect.TypeOf(x), reflect.TypeOf(x).Name())
	return reflect.TypeOf(x) == reflect.TypeOf(Cents(0))
}`, []string{"fmt.Println(goconc_rt.TypeOf(x), goconc_rt.TypeOf(x).Name())",
			`return goconc_rt.TypeOf(x) == goconc_rt.TypeOf(goconc_rt.Named{Type: "main.Cents"`}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, c.src)
			runPasses(f, "namedbasic", "calls", "boxes")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}
