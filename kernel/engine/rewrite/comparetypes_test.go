package rewrite

import "testing"

// The comparetypes pass alone: which comparisons of two types it makes
// comparisons of one, and which it leaves to the interpreter.
func TestMixedComparisons(t *testing.T) {
	const decls = `package main
type Ch chan int
type A [2]int
type S struct{ x int }
type P *int
type Celsius float64
`
	tests := []struct {
		name, body    string
		want, notWant []string
	}{
		{"receive-only view", `func f(c chan int, r <-chan int) bool { return c == r }`, []string{"return (<-chan int)(c) == r"}, nil},
		{"send-only view, second", `func f(c chan int, s chan<- int) bool { return s != c }`, []string{"return s != (chan<- int)(c)"}, nil},
		{"named channel", `func f(c chan int, n Ch) bool { return n == c }`, []string{"return (chan int)(n) == c"}, nil},
		{"named array", `func f(a A) bool { return a == [2]int{} }`, []string{"return ([2]int)(a) == [2]int{}"}, nil},
		{"named struct", `func f(s S) bool { return struct{ x int }{1} != s }`, []string{"(S)(struct{ x int }{1}) != s"}, nil},
		{"named pointer", `func f(p P, q *int) bool { return p == q }`, []string{"return (*int)(p) == q"}, nil},
		{"nested", `func f(c chan int, r <-chan int, s S) bool { return (c == r) == (s == S{}) }`, []string{"((<-chan int)(c) == r) == (s == S{})"}, nil},
		{"same type", `func f(a, b chan int) bool { return a == b }`, []string{"return a == b"}, []string{"(chan int)("}},
		{"constant", `func f(c Celsius) bool { return c == 3 }`, []string{"return c == 3"}, []string{"(Celsius)("}},
		{"nil", `func f(c chan int) bool { return c == nil }`, []string{"return c == nil"}, []string{"(chan int)("}},
		{"interface", `func f(c chan int, a any) bool { return a == c }`, []string{"return a == c"}, []string{"(chan int)(", "(any)("}},
		{"switch case", `func f(c chan int, r <-chan int) int { switch r { case c: return 1; case nil: return 2 }; return 0 }`, []string{"case (<-chan int)(c):", "case nil:"}, nil},
		{"switch case of the tag's type", `func f(c, d chan int) int { switch c { case d: return 1 }; return 0 }`, []string{"case d:"}, []string{"(chan int)("}},
		{"package variable", `var c = make(chan int); var r <-chan int = c; var same = c == r`, []string{"var same = (<-chan int)(c) == r"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := checked(t, decls+tt.body)
			runPasses(f, "comparetypes")
			checkPrinted(t, f, tt.want, tt.notWant)
		})
	}
}
