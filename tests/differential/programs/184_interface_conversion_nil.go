//go:build ignore

// A conversion to an interface type compared with nil: a non-interface
// value converted to an interface is never a nil interface (a nil
// pointer, slice, map or func neither), its operand is still evaluated,
// in order, with its panics; a conversion of an interface keeps its
// nil-ness.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

type T struct{ a int }

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Shape interface{ Area() float64 }

type Circle struct{ r float64 }

func (c Circle) Area() float64 { return 3 * c.r * c.r }

type E struct{ msg string }

func (e E) Error() string { return e.msg }

type PE struct{ msg string }

func (e *PE) Error() string { return e.msg }

var trace []string

func step(name string, v int) int {
	trace = append(trace, name)
	return v
}

func mkT(name string) T {
	trace = append(trace, name)
	return T{len(name)}
}

func check(label string, got bool) {
	fmt.Printf("%-34s %v\n", label, got)
}

func mayPanic(f func() bool) (res string) {
	defer func() {
		if r := recover(); r != nil {
			res = fmt.Sprint("panic: ", r)
		}
	}()
	return fmt.Sprint(f())
}

func first(xs ...bool) bool { return xs[0] }

func main() {
	t := T{1}
	var p *T
	var s []int
	var m map[string]int
	var f func()
	var ch chan int
	n := 0

	fmt.Println("-- non-interface operands")
	check("any(T{1}) != nil", any(T{1}) != nil)
	check("any(3) != nil", any(3) != nil)
	check("any(t) != nil", any(t) != nil)
	check("interface{}(T{1}) == nil", interface{}(T{1}) == nil)
	check("any([]int{1}) != nil", any([]int{1}) != nil)
	check("any(p) == nil (nil *T)", any(p) == nil)
	check("any(s) == nil (nil slice)", any(s) == nil)
	check("any(m) == nil (nil map)", any(m) == nil)
	check("any(f) == nil (nil func)", any(f) == nil)
	check("any(ch) != nil (nil chan)", any(ch) != nil)
	check("any(\"\") == nil", any("") == nil)
	check("any(n) == nil", any(n) == nil)
	check("any(&n) != nil", any(&n) != nil)
	check("any(Celsius(21)) != nil", any(Celsius(21)) != nil)

	fmt.Println("-- nil on the left, parentheses")
	check("nil == any(t)", nil == any(t))
	check("nil != any(p)", nil != any(p))
	check("(any(t)) != nil", (any(t)) != nil)
	check("any(t) != (nil)", any(t) != (nil))
	check("((any)(t)) == nil", ((any)(t)) == nil)

	fmt.Println("-- named interface types")
	c := Circle{2}
	check("Shape(c) != nil", Shape(c) != nil)
	check("error(E{}) != nil", error(E{}) != nil)
	check("error(E{\"x\"}) == nil", error(E{"x"}) == nil)
	var pe *PE
	check("error(pe) == nil (nil *PE)", error(pe) == nil)
	check("fmt.Stringer(Celsius(1)) == nil", fmt.Stringer(Celsius(1)) == nil)
	check("io.Reader(strings.NewReader()) != nil", io.Reader(strings.NewReader("")) != nil)
	check("io.Writer(os.Stdout) != nil", io.Writer(os.Stdout) != nil)

	fmt.Println("-- interface operands keep their nil-ness")
	var err error
	check("any(err) == nil (nil error)", any(err) == nil)
	err = errors.New("boom")
	check("any(err) != nil (set error)", any(err) != nil)
	var sh Shape
	check("any(sh) == nil (nil Shape)", any(sh) == nil)
	check("Shape(sh) != nil (nil Shape)", Shape(sh) != nil)
	sh = c
	check("any(sh) != nil (Circle)", any(sh) != nil)
	var e2 error = E{"e"}
	check("error(e2) != nil", error(e2) != nil)
	var st fmt.Stringer
	check("fmt.Stringer(st) == nil", fmt.Stringer(st) == nil)
	var a any
	check("any(a) == nil", any(a) == nil)
	check("any(nil) == nil", any(nil) == nil)
	check("error(nil) != nil", error(nil) != nil)

	fmt.Println("-- comparisons with other conversions")
	check("any(T{}) == any(nil)", any(T{}) == any(nil))
	check("any(1) == any(1)", any(1) == any(1))
	check("any(1) == any(2)", any(1) == any(2))
	check("any(t) == any(T{1})", any(t) == any(T{1}))
	check("any(p) != any(nil)", any(p) != any(nil))
	check("any(t) == a (nil any)", any(t) == a)

	fmt.Println("-- in conditions, arguments, goroutines")
	if any(t) != nil {
		fmt.Println("if: any(t) != nil")
	}
	if x := any(t); x != nil && any(p) != nil {
		fmt.Println("if with init: both non-nil")
	}
	for i := 0; any(i) != nil && i < 2; i++ {
		fmt.Println("for: iteration", i)
	}
	switch {
	case any(t) == nil:
		fmt.Println("switch: nil")
	case any(t) != nil:
		fmt.Println("switch: not nil")
	}
	switch any(t) != nil {
	case true:
		fmt.Println("switch tag: true")
	}
	switch any(p) {
	case nil:
		fmt.Println("switch any(p): nil case")
	default:
		fmt.Println("switch any(p): default")
	}
	fmt.Println("argument:", first(any(t) != nil, false), !(any(t) == nil))
	done := make(chan bool)
	go func() { done <- any(T{2}) != nil }()
	fmt.Println("goroutine:", <-done)
	go func(v bool) { done <- v }(any(t) == nil)
	fmt.Println("goroutine argument:", <-done)
	ok := any(t) != nil
	fmt.Println("assigned:", ok)
	bs := []bool{any(t) == nil, nil != any(s)}
	fmt.Println("composite:", bs)

	fmt.Println("-- receives, method values, functions")
	cs := make(chan Circle, 1)
	cs <- c
	check("any(<-cs) != nil", any(<-cs) != nil)
	check("any(c.Area) == nil", any(c.Area) == nil)
	check("any(Circle.Area) != nil", any(Circle.Area) != nil)
	check("any(step) == nil", any(step) == nil)
	check("any(fmt.Sprint) != nil", any(fmt.Sprint) != nil)

	fmt.Println("-- evaluation and its order")
	trace = nil
	r := any(step("a", 1)) != nil && any(step("b", 2)) == nil || any(mkT("c")) != nil
	fmt.Println(r, trace)
	trace = nil
	r = any(mkT("x")) == nil || any(step("y", 0)) == nil
	fmt.Println(r, trace)
	trace = nil
	fmt.Println(step("1", 1), any(step("2", 2)) != nil, step("3", 3))
	fmt.Println(trace)
	fmt.Println(mayPanic(func() bool { var nm map[string]int; nm["k"]++; return any(nm) != nil }))
	fmt.Println(mayPanic(func() bool { var q *T; return any(q.a) != nil }))
	fmt.Println(mayPanic(func() bool { var xs []int; return any(xs[3]) == nil }))
	fmt.Println(mayPanic(func() bool { return any(step("z", 1)/n) != nil }))
	fmt.Println(mayPanic(func() bool { var pp *T; return error(E{fmt.Sprint(pp.a)}) != nil }))
}
