package rewrite

import "testing"

// The constfold pass alone: which constant expressions become their
// values, written how, and which it leaves.
func TestFoldConstants(t *testing.T) {
	const decls = `package main
const huge = 1 << 100
const less = huge - 1
const maxU = 1<<64 - 1
const far = 1e400
type flag bool
type celsius float64
`
	tests := []struct {
		name, body    string
		want, notWant []string
	}{
		// Comparisons of constants, of any size, become their value.
		{"beyond int64", `var b = huge > less`, []string{"var b = true"}, []string{"huge >"}},
		{"beyond uint64", `var b = maxU+1 > maxU`, []string{"var b = true"}, nil},
		{"beyond float64", `var b = far > 1e399`, []string{"var b = true"}, nil},
		{"negative", `var b = -huge < 0`, []string{"var b = true"}, nil},
		{"false", `var b = less == huge`, []string{"var b = false"}, nil},
		{"outermost only", `var b = (huge > 1) == (less < 0)`, []string{"var b = false"}, []string{"true"}},
		{"not and or", `var b = !(huge > less) || less < 0`, []string{"var b = false"}, []string{"||"}},
		{"small", `var b = 1 < 2`, []string{"var b = true"}, nil},
		{"strings", `var b = "go" < "gp"`, []string{"var b = true"}, nil},
		{"named bool", `var b flag = huge > less`, []string{"var b flag = flag(true)"}, nil},
		{"in a condition", `func f() int {
	if huge != less && huge > 0 {
		return 1
	}
	return 0
}`, []string{"if true {"}, nil},
		{"case", `func f() string {
	switch {
	case huge < less:
		return "no"
	case huge >= less:
		return "yes"
	}
	return ""
}`, []string{"case false:", "case true:"}, nil},
		{"local constant", `func f() bool {
	const big = 1 << 70
	const over = big > 1<<69
	return over
}`, []string{"const over = true"}, []string{"1<<69"}},
		// Expressions that name an integer beyond int64 become their
		// value, converted to its type when it has one.
		{"float result", `func f() float64 { return huge }`, []string{"return float64((1267650600228229401496703205376.0))"}, nil},
		{"float operation", `var f float64 = 2 * less`, []string{"var f float64 = float64((2535301200456458802993406410752.0))"}, nil},
		{"uint64 result", `func f() uint64 { return maxU - 0 }`, []string{"return uint64((18446744073709551615))"}, nil},
		{"small value", `var v = huge >> 98`, []string{"var v = int((4))"}, nil},
		{"named type", `var c celsius = huge / 2`, []string{"var c celsius = celsius((633825300114114700748351602688.0))"}, nil},
		{"untyped", `func f() int {
	const quarter = huge >> 98
	return quarter
}`, []string{"const quarter = (4)", "return quarter"}, nil},
		{"operand of a variable's operation", `func f(n int) bool { return n < huge>>98 }`, []string{"return n < int((4))"}, nil},
		{"operand of an operation on a variable", `func f(x float64) float64 { return x * huge }`, []string{"return x * float64((1267650600228229401496703205376.0))"}, nil},
		{"conversion", `var f = float64(huge)`, []string{"var f = float64((1267650600228229401496703205376.0))"}, nil},
		{"literal", `var u uint64 = 18446744073709551615`, []string{"var u uint64 = uint64((18446744073709551615))"}, nil},
		// What the interpreter gets right stays as written.
		{"variable", `func f(x float64) float64 { return x * 1e300 }`, []string{"return x * 1e300"}, nil},
		{"name", `const on flag = true
var b = on`, []string{"var b = on"}, nil},
		{"small kept", `var v = 1 << 10 + 3`, []string{"var v = 1<<10 + 3"}, nil},
		{"whole float", `var v = far / 1e399`, []string{"var v = float64((10.0))"}, nil},
		{"float kept", `var v = 1e-300 * 3.5`, []string{"var v = 1e-300 * 3.5"}, nil},
		{"rune kept", `const r = 'a' << 70 >> 70
var v = r + 1`, []string{"var v = r + 1"}, nil},
		{"iota kept", `const (
	a = iota * huge >> 100 > 0
	b
)`, []string{"a = iota*huge>>100 > 0"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := checked(t, decls+tt.body)
			runPasses(f, "constfold")
			checkPrinted(t, f, tt.want, tt.notWant)
		})
	}
}
