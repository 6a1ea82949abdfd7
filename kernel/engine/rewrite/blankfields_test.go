package rewrite

import "testing"

// Comparisons of values of types with blank fields compare the other
// fields, keys of maps keyed by such types have their blank fields
// zeroed, and two interfaces compare the values of such types they hold;
// other comparisons and keys stay.
func TestBlankFields(t *testing.T) {
	const decls = `package main
type T struct{ _, _, _ int }
type P struct {
	_ int
	A int
	_ string
}
type S struct {
	P
	B [2]P
}
type Plain struct{ A int }
`
	cases := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"only blank fields", `func f(x, y T) bool { return x == y }`,
			[]string{"func(goconc_x, goconc_y T) bool { return true }(x, y)"}, nil},
		{"not equal", `func f(x, y P) bool { return x != y }`,
			[]string{"!func(goconc_x, goconc_y P) bool { return (goconc_x.A == goconc_y.A) }(x, y)"}, nil},
		{"nested struct and array", `func f(x, y S) bool { return x == y }`,
			[]string{"((goconc_x.P.A == goconc_y.P.A))", "for goconc_i1 := range goconc_x.B { if !((goconc_x.B[goconc_i1].A == goconc_y.B[goconc_i1].A))"}, []string{"goconc_x.B == goconc_y.B"}},
		{"array of such structs", `func f(x, y [2]P) bool { return x == y }`,
			[]string{"func(goconc_x, goconc_y [2]P) bool { return func() bool { for goconc_i0 := range goconc_x"}, nil},
		{"map key", `func f(m map[P]int, p P) { m[p]++; delete(m, p) }`,
			[]string{"m[func(goconc_k P) P { return P{A: goconc_k.A} }(p)]++", "delete(m, func(goconc_k P) P"}, nil},
		{"map literal key", `var m = map[T]int{T{}: 1}`,
			[]string{"{func(goconc_k T) T { return T{} }(T{}): 1}"}, nil},
		{"interfaces", `func f(a, b any) bool { return a == b }`,
			[]string{"if goconc_bv, ok := goconc_concrete(goconc_x).(P); ok { goconc_bw, ok := goconc_concrete(goconc_y).(P); return ok && ((goconc_bv.A == goconc_bw.A)) }", "return goconc_x == goconc_y }(a, b)"}, nil},
		{"other comparisons stay", `func f(x, y Plain, m map[Plain]int) bool { m[x]++; return x == y }`,
			[]string{"return x == y", "m[x]++"}, []string{"goconc_"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, decls+c.src)
			runPasses(f, "blankfields")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}
