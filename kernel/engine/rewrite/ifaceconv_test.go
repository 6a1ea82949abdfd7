package rewrite

import (
	"testing"
)

// Cell values reach compiled interfaces through a literal where the
// interpreter would skip its wrapper; everything else stays.
func TestInterfaceConversions(t *testing.T) {
	const decls = `package main
import ("fmt"; "sort")
type E struct{ n int }
func (E) Error() string { return "e" }
type P struct{}
func (*P) Error() string { return "p" }
type Code int
func (Code) Error() string { return "code" }
func (Code) String() string { return "code" }
type Shape interface{ Area() float64 }
type Sq struct{}
func (Sq) Area() float64 { return 1 }
type byN []int
func (b byN) Len() int { return len(b) }
func (b byN) Less(i, j int) bool { return b[i] < b[j] }
func (b byN) Swap(i, j int) { b[i], b[j] = b[j], b[i] }
var _ = fmt.Sprint
var _ = sort.Sort
`
	cases := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"conversion of a struct", `func f(e E) error { return error(e) }`,
			[]string{"return func(goconc_v E) error { return goconc_v }(e)"}, nil},
		{"conversion of a pointer", `func f() error { return error(&P{}) }`,
			[]string{"return func(goconc_v *P) error { return goconc_v }(&P{})"}, nil},
		{"conversion of a basic type", `func f() fmt.Stringer { return fmt.Stringer(Code(2)) }`,
			[]string{"return func(goconc_v Code) fmt.Stringer { return goconc_v }(Code(2))"}, nil},
		{"conversion to sort.Interface", `func f(b []int) { sort.Sort(sort.Interface(byN(b))) }`,
			[]string{"sort.Sort(func(goconc_v byN) sort.Interface { return goconc_v }(byN(b)))"}, nil},
		{"literal in a declaration", `func f() { var err error = E{1}; _ = err }`,
			[]string{"var err error = func(goconc_v E) error { return goconc_v }(E{1})"}, nil},
		{"literal assigned", `func f() { var err error; err = E{2}; _ = err }`,
			[]string{"err = func(goconc_v E) error { return goconc_v }(E{2})"}, nil},
		{"package-level literal", `var ErrE error = E{3}`,
			[]string{"var ErrE error = func(goconc_v E) error { return goconc_v }(E{3})"}, nil},
		{"variable assigned stays", `func f(e E) { var err error = e; _ = err }`,
			[]string{"var err error = e"}, []string{"goconc_v"}},
		{"conversion to a cell interface", `func f() Shape { return Shape(Sq{}) }`,
			[]string{"return func(goconc_v Sq) Shape { var goconc_i Shape = goconc_v; return goconc_i }(Sq{})"}, nil},
		{"conversion to any", `func f() any { return any(E{}) }`,
			[]string{"return func(goconc_v E) any { var goconc_i any = goconc_v; return goconc_i }(E{})"}, nil},
		{"conversion to any of a conversion", `func f() { fmt.Println(any(Code(3))) }`,
			[]string{"fmt.Println(func(goconc_v Code) any { var goconc_i any = goconc_v; return goconc_i }(Code(3)))"}, nil},
		{"conversion to any of a variable", `func f(c Code) any { return any(c) }`,
			[]string{"return func(goconc_v Code) any { var goconc_i any = goconc_v; return goconc_i }(c)"}, nil},
		{"conversion to any of a slice type", `func f(b byN) any { return any(b) }`,
			[]string{"return func(goconc_v byN) any { var goconc_i any = goconc_v; return goconc_i }(b)"}, nil},
		{"slice type returned as any", `func f(b byN) any { return b }`,
			[]string{"return func(goconc_v byN) any { var goconc_i any = goconc_v; return goconc_i }(b)"}, nil},
		{"conversion to any of a pointer", `func f(p *P) any { return any(p) }`,
			[]string{"return func(goconc_v *P) any { var goconc_i any = goconc_v; return goconc_i }(p)"}, nil},
		{"conversion to an interface literal", `func f(c Code) interface{ String() string } { return interface{ String() string }(c) }`,
			[]string{"var goconc_i interface{String() string} = goconc_v"}, nil},
		{"result of a function", `func f(c Code) any { return c }`,
			[]string{"return func(goconc_v Code) any { var goconc_i any = goconc_v; return goconc_i }(c)"}, nil},
		{"result of a literal", `func f() { g := func() (Shape, error) { return Sq{}, nil }; _ = g }`,
			[]string{"return func(goconc_v Sq) Shape { var goconc_i Shape = goconc_v; return goconc_i }(Sq{}), nil"}, nil},
		{"error result stays", `func f() error { return Code(1) }`,
			[]string{"return Code(1)"}, []string{"goconc_v"}},
		{"generic result stays", `func f[T any](c Code) T { var t T; _ = c; return t }`,
			[]string{"return t"}, []string{"goconc_v"}},
		{"type without methods stays", `func f(n int) any { return any(n) }`,
			[]string{"return any(n)"}, []string{"goconc_v"}},
		{"interface to interface stays", `func f(err error) error { return error(err) }`,
			[]string{"return error(err)"}, []string{"goconc_v"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, decls+c.src)
			runPasses(f, "ifaceconv")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}
