package engine

import "testing"

// real and imag of constants, untyped and typed, in expressions,
// conversions and constant declarations: what Go prints.
func TestRealImagOfConstants(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
const C = (5 + 6i) * 2
const c64 complex64 = 1 + 2i`)
	checkCells(t, s, out, []cellCase{
		{`fmt.Println(real(C), imag(C), real(C/4))`, "10 12 2.5\n"},
		{`fmt.Printf("%T %T %v\n", real(c64), imag(C), float32(imag(C)))`, "float32 float64 12\n"},
		{`const r = real(C) * 2
fmt.Println(r/3, real(-3i), imag(-3i))`, "6.666666666666667 0 -3\n"},
		{`var f float32 = real(C)
x := complex(real(C), -imag(C))
fmt.Println(f, x, real(x))`, "10 (10-12i) 10\n"},
	})
}
