package rewrite

import "testing"

// The complexparts pass alone: which calls of real and imag become
// constants, written how, and which it leaves.
func TestConstantComplexParts(t *testing.T) {
	const decls = `package main
const C = (5 + 6i) * 2
const D = C / 4
const N = -7 - 2.5i
`
	tests := []struct {
		name, body    string
		want, notWant []string
	}{
		{"real", `var r = real(C)`, []string{"var r = float64((10.0))"}, []string{"real("}},
		{"imag", `var i = imag(C)`, []string{"var i = float64((12.0))"}, []string{"imag("}},
		{"quotient", `var r = real(D)`, []string{"var r = float64((5.0 / 2))"}, nil},
		{"negative", `var r, i = real(N), imag(N)`, []string{"var r, i = float64((-7.0)), float64((-5.0 / 2))"}, nil},
		{"in a constant", `const twice = real(C) * 2`, []string{"const twice = (10.0) * 2"}, nil},
		{"converted", `func f() float32 { return float32(imag(C)) }`, []string{"return float32(float32((12.0)))"}, nil},
		{"typed constant", `const c complex64 = 1 + 2i
var r = real(c)`, []string{"var r = float32((1.0))"}, nil},
		{"typed by its use", `var f float32 = imag(C)`, []string{"var f float32 = float32((12.0))"}, nil},
		{"variable", `func f(c complex128) float64 { return real(c) }`, []string{"return real(c)"}, nil},
		{"complex kept", `var k = complex(1, 2)`, []string{"var k = complex(1, 2)"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := checked(t, decls+tt.body)
			runPasses(f, "complexparts")
			checkPrinted(t, f, tt.want, tt.notWant)
		})
	}
}
