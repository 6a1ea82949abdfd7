package rewrite

import "testing"

// Literals of compiled struct types and namedbasic's boxes are converted
// where they go into variables of empty interface types, and nowhere
// else.
func TestInterfaceLiterals(t *testing.T) {
	const decls = `package main
import ("fmt"; "strings"; "time")
type Celsius float64
type Empty interface{}
type Local struct{ n int }
var _ = fmt.Sprint
var _ strings.Builder
var _ time.Duration
`
	cases := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"assignment to any", `func f() { var x any; x = time.Time{}; _ = x }`,
			[]string{"x = interface{}(time.Time{})"}, nil},
		{"declaration with a value", `func f() { var b any = strings.Builder{}; _ = b }`,
			[]string{"var b any = interface{}(strings.Builder{})"}, nil},
		{"named empty interface", `func f() { var e Empty; e = time.Time{}; _ = e }`,
			[]string{"e = interface{}(time.Time{})"}, nil},
		{"package-level variable", `var when any = time.Time{}`,
			[]string{"var when any = interface{}(time.Time{})"}, nil},
		{"box of a named basic type", `func f() { var e Empty; e = Celsius(2); _ = e }`,
			[]string{"e = interface{}(goconc_rt.Named{"}, nil},
		{"interface with methods", `func f() { var s fmt.Stringer = time.Time{}; _ = s }`,
			nil, []string{"interface{}("}},
		{"a cell's struct type", `func f() { var x any = Local{1}; _ = x }`,
			nil, []string{"interface{}("}},
		{"a value that is no literal", `func f() { var x any = time.Now(); _ = x }`,
			nil, []string{"interface{}("}},
		{"a field, not a variable", `type H struct{ v any }
func f(h *H) { h.v = time.Time{} }`,
			nil, []string{"interface{}("}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, decls+c.src)
			runPasses(f, "namedbasic", "ifacelits")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}
