package rewrite

import "testing"

// The convnil pass alone: which comparisons with nil it rewrites, into
// what, and which it leaves to the interpreter.
func TestConvertedNils(t *testing.T) {
	const decls = `package main
import "fmt"
type T struct{ a int }
type S interface{ M() }
type Flag bool
var _ fmt.Stringer
func step() int { return 1 }
`
	tests := []struct {
		name, body    string
		want, notWant []string
	}{
		{"struct", `func f(t T) bool { return any(t) != nil }`, []string{"return !goconc_rt.ConvertedIsNil(t)"}, nil},
		{"equal, nil first", `func f(t T) bool { return nil == interface{}(t) }`, []string{"return goconc_rt.ConvertedIsNil(t)"}, nil},
		{"parentheses", `func f(t T) bool { return ((any)(t)) == (nil) }`, []string{"return goconc_rt.ConvertedIsNil(t)"}, nil},
		{"call evaluated", `func f() bool { return fmt.Stringer(nil) == nil || any(step()) == nil }`, []string{"goconc_rt.ConvertedIsNil(step())"}, nil},
		{"nil pointer", `func f(p *T) bool { return any(p) == nil }`, []string{"return goconc_rt.ConvertedIsNil(p)"}, nil},
		{"named interface of an interface", `func f(s S) bool { return S(s) != nil }`, []string{"return s != nil"}, []string{"ConvertedIsNil"}},
		{"conversion of a conversion", `func f(e error) bool { return any(error(e)) == nil }`, []string{"return e == nil"}, nil},
		{"interface of a struct's conversion", `func f(t T) bool { return any(any(t)) == nil }`, []string{"return goconc_rt.ConvertedIsNil(t)"}, nil},
		{"named boolean", `func f(t T) Flag { return any(t) != nil }`, []string{"return Flag(!goconc_rt.ConvertedIsNil(t))"}, nil},
		{"package variable", `var ok = any(T{}) != nil`, []string{"var ok = !goconc_rt.ConvertedIsNil(T{})"}, nil},
		{"nil converted", `func f() bool { return any(nil) == nil }`, []string{"return any(nil) == nil"}, []string{"ConvertedIsNil"}},
		{"two conversions", `func f(t T) bool { return any(t) == any(nil) }`, []string{"return any(t) == any(nil)"}, []string{"ConvertedIsNil"}},
		{"no conversion", `func f(a any, p *T) bool { return a == nil && p == nil }`, []string{"return a == nil && p == nil"}, []string{"ConvertedIsNil"}},
		{"type parameter", `func f[X any](v X) bool { return any(v) == nil }`, []string{"return any(v) == nil"}, []string{"ConvertedIsNil"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := checked(t, decls+tt.body)
			runPasses(f, "convnil")
			checkPrinted(t, f, tt.want, tt.notWant)
		})
	}
}
