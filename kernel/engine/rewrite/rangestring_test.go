package rewrite

import "testing"

// A range over a string's indexes alone gets a blank value variable, the
// assignment form too; other ranges keep their shape.
func TestRangeStringKeys(t *testing.T) {
	cases := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"index alone", `func f(s string) (n int) { for i := range s { n += i }; return }`,
			[]string{"for i, _ := range s"}, nil},
		{"assignment form", `func f(s string) (i int) { for i = range s { }; return }`,
			[]string{", _ := range s", "i = goconc_k"}, nil},
		{"named string type", `type Word string
func f(w Word) (n int) { for i := range w { n = i }; return }`,
			[]string{"for i, _ := range w"}, nil},
		{"index and value", `func f(s string) (n int) { for i, r := range s { n += i + int(r) }; return }`,
			[]string{"for i, r := range s"}, []string{"_ := range"}},
		{"slice", `func f(xs []int) (n int) { for i := range xs { n += i }; return }`,
			[]string{"for i := range xs"}, []string{"_ := range"}},
		{"no variables", `func f(s string) (n int) { for range s { n++ }; return }`,
			nil, []string{"_ := range"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, "package main\n"+c.src)
			runPasses(f, "calls")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}
