package rewrite

import "testing"

// The blanktypes pass alone: which type declarations it drops.
func TestWithoutBlankTypes(t *testing.T) {
	tests := []struct {
		name, src     string
		want, notWant []string
	}{
		{"alone", "package main\ntype _ int\nfunc f() {}", []string{"func f() {}"}, []string{"type"}},
		{"in a group", "package main\ntype (\n\tA int\n\t_ struct{ a int }\n\tB string\n)", []string{"type ( A int B string )"}, []string{"_"}},
		{"group of blanks", "package main\ntype (\n\t_ int\n\t_ string\n)\nvar x = 1", []string{"var x = 1"}, []string{"type"}},
		{"named kept", "package main\ntype T int", []string{"type T int"}, nil},
		{"local kept", "package main\nfunc f() { type _ int }", []string{"func f() { type _ int }"}, nil},
		{"blank function kept", "package main\nfunc _() {}", []string{"func _() {}"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := checked(t, tt.src)
			runPasses(f, "blanktypes")
			checkPrinted(t, f, tt.want, tt.notWant)
		})
	}
}
