//go:build ignore

// The result of a unary or binary operation assigned to an interface
// variable, element or field, or returned as an interface: a value kept
// in an interface{} flipped with a = !a.(bool), as goroutines modifying
// shared state often do, and every operator beside it.
package main

import "fmt"

type N int

func (n N) String() string { return fmt.Sprintf("N%d", int(n)) }

type Shower interface{ String() string }

func plusOne(n N) Shower         { return n + 1 }
func negated(n N) fmt.Stringer   { return -n }
func doubled(n N) (s Shower)     { s = n * 2; return }
func isThree(t int) any          { return t == 3 }
func rem(t int) any              { return t % 2 }
func shifted(t int) any          { return t << 1 }
func not(u bool) any             { return !u }
func complement(t int) any       { return ^t }
func both(t int) (any, any)      { return t + 1, -t }
func sum(a, b int) interface{}   { return a + b }
func half(f float64) interface{} { return f / 2 }

func main() {
	a := interface{}(false)
	for i := 0; i < 3; i++ {
		a = !a.(bool)
		fmt.Println("flip", i, a)
	}

	var b any
	t, u, f := 3, true, 2.5
	b = -t
	fmt.Println("neg", b)
	b = ^t
	fmt.Println("complement", b)
	b = !u
	fmt.Println("not", b)
	b = -f
	fmt.Println("neg float", b)
	b = t + 1
	fmt.Println("add", b)
	b = t == 3
	fmt.Println("equal", b)
	b = t % 2
	fmt.Println("rem", b)
	b = t << 2
	fmt.Println("shift", b)
	b = t >> 1
	fmt.Println("shift right", b)
	b = t < 2 || u
	fmt.Println("or", b)

	s := []any{nil, nil}
	s[0], s[1] = !u, t*2
	s[0] = !u
	fmt.Println("slice", s)
	m := map[string]any{}
	m["a"] = t == 3
	m["b"] = -t
	fmt.Println("map", m)
	var st struct{ x, y any }
	st.x = -f
	st.y = t % 2
	fmt.Println("field", st)

	n := N(3)
	var sh Shower
	sh = ^n
	var str fmt.Stringer
	str = n + 1
	fmt.Println("methods", sh, str, plusOne(n), negated(n), doubled(n))

	fmt.Println("returns", isThree(3), rem(3), shifted(3), not(true), complement(3), sum(1, 2), half(5))
	fmt.Println(both(4))

	x, y := any(1), any(2)
	x, y = -y.(int), x.(int)+1
	fmt.Println("parallel", x, y)
}
