package rewrite

import (
	"testing"
)

// Switches on empty interfaces compare with ==; cases of several values
// in switches without a tag become one condition.
func TestSwitchForms(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"interface tag", `package main
func f(v any) int {
	switch v {
	case "a", "b":
		return 1
	case 2:
		return 2
	}
	return 0
}`, []string{`switch { case v == "a" || v == "b":`, "case v == 2:"}},
		{"tag evaluated once", `package main
func g() any { return 1 }
func f() {
	switch g() {
	case 1:
	}
}`, []string{"switch goconc_tag", ":= g(); { case goconc_tag"}},
		{"tagless list", `package main
func f(a, b bool) {
	switch {
	case a, b:
	}
}`, []string{"case a || b:"}},
		{"concrete tag with an interface case", `package main
func f(p *int) {
	switch p {
	case nil, any(nil):
	}
}`, []string{"case p == nil || p == any(nil):"}},
		{"interface case without a tag", `package main
func f(v any) {
	switch {
	case v:
	}
}`, []string{"case v == true:"}},
		{"error tags stay", `package main
func f(err error) {
	switch err {
	case nil:
	}
}`, []string{"switch err {"}},
		{"concrete tags stay", `package main
func f(n int) {
	switch n {
	case 1, 2:
	}
}`, []string{"switch n { case 1, 2:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, c.src)
			runPasses(f, "calls")
			checkPrinted(t, f, c.want, nil)
		})
	}
}
