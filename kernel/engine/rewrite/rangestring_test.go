package rewrite

import "testing"

// A range over a string that may hold invalid UTF-8 decodes it rune by
// rune as Go does (rangeStringRunes); over a constant valid string, the
// indexes alone get a blank value variable (rangeStringKeys); other
// ranges keep their shape.
func TestRangeStrings(t *testing.T) {
	cases := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"index alone", `func f(s string) (n int) { for i := range s { n += i }; return }`,
			[]string{"for goconc_k1, goconc_w2, goconc_str3 := 0, 0, string(s); goconc_k1 < len(goconc_str3); goconc_k1 += goconc_w2 {",
				"_, goconc_w2 = goconc_rt.DecodeRune(goconc_str3, goconc_k1)", "i := goconc_k1 { n += i }"}, []string{"range s", "var goconc_rune4"}},
		{"assignment form", `func f(s string) (i int) { for i = range s { }; return }`,
			[]string{"goconc_k1 := goconc_k2 { i = goconc_k1 }"}, []string{"range s"}},
		{"named string type", `type Word string
func f(w Word) (n int) { for i := range w { n = i }; return }`,
			[]string{"string(w)"}, []string{"range w"}},
		{"index and value", `func f(s string) (n int) { for i, r := range s { n += i + int(r) }; return }`,
			[]string{"var goconc_rune4 rune", "goconc_rune4, goconc_w2 = goconc_rt.DecodeRune(goconc_str3, goconc_k1)", "i, r := goconc_k1, goconc_rune4"}, []string{"range s"}},
		{"value alone", `func f(s string) (n int) { for _, r := range s { n += int(r) }; return }`,
			[]string{"r := goconc_rune4"}, []string{"range s"}},
		{"constant invalid string", `func f() (n int) { for i := range "a\xffb" { n += i }; return }`,
			[]string{`string("a\xffb")`}, []string{"range"}},
		{"constant valid string", `func f() (n int) { for i := range "aģb" { n += i }; return }`,
			[]string{`for i, _ := range "aģb"`}, []string{"DecodeRune"}},
		{"slice", `func f(xs []int) (n int) { for i := range xs { n += i }; return }`,
			[]string{"for i := range xs"}, []string{"_ := range"}},
		{"no variables", `func f(s string) (n int) { for range s { n++ }; return }`,
			[]string{"for range s"}, []string{"DecodeRune"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, "package main\n"+c.src)
			runPasses(f, "calls")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}
