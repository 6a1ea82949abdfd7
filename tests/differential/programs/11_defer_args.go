//go:build ignore

// Deferred calls: arguments and receivers are evaluated at the defer
// statement; deferred calls run last in, first out; recover works in a
// deferred func literal that takes arguments.
package main

import (
	"errors"
	"fmt"
	"strings"
)

var out strings.Builder

func show(label string, v int) { fmt.Fprintf(&out, "%s=%d ", label, v) }

type Counter struct{ n int }

func (c Counter) Value(label string) { fmt.Fprintf(&out, "%s=%d ", label, c.n) }
func (c *Counter) Ptr(label string)  { fmt.Fprintf(&out, "%s=%d ", label, c.n) }

func arguments() {
	x := 1
	defer show("interpreted", x)
	defer fmt.Fprint(&out, "native=", x, " ")
	defer func(v int) { show("literal", v) }(x)
	defer func() { show("closure", x) }()
	x = 2
}

func loop() {
	for i := 0; i < 4; i++ {
		defer fmt.Fprint(&out, i, " ")
	}
	for i := range 3 {
		defer func() { fmt.Fprint(&out, "c", i, " ") }()
	}
}

func methods() {
	c := Counter{n: 1}
	defer c.Value("value-receiver")
	defer c.Ptr("pointer-receiver")
	f := c.Value
	defer f("method-value")
	g := (*Counter).Ptr
	defer g(&c, "method-expression")
	c.n = 5
}

func funcValue() {
	say := func() { out.WriteString("first ") }
	defer say()
	say = func() { out.WriteString("second ") }
}

var calls int

func next() int { calls++; return calls }

func argumentCalls() {
	defer show("call-at-defer", next())
	next()
	next()
}

func named() (n int, err error) {
	defer func() {
		n *= 2
		if err != nil {
			err = fmt.Errorf("named: %w", err)
		}
	}()
	return 21, errors.New("boom")
}

func recovered(name string) (msg string) {
	defer func(tag string, at int) {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("%s recovered %v at %d", tag, r, at)
		}
	}(name, len(name))
	name = "changed"
	panic("oops " + name)
}

func runtimeError() (msg string) {
	defer func(prefix string) {
		if err, ok := recover().(error); ok {
			msg = prefix + err.Error()
		}
	}("runtime: ")
	var s []int
	_ = s[3]
	return "unreachable"
}

func nestedPanics() (msg string) {
	defer func() { msg = fmt.Sprint("outer recovered: ", recover()) }()
	defer func() { panic("second") }()
	panic("first")
}

func main() {
	for _, step := range []func(){arguments, loop, methods, funcValue, argumentCalls} {
		out.Reset()
		step()
		fmt.Println(strings.TrimSpace(out.String()))
	}
	n, err := named()
	fmt.Println(n, err)
	fmt.Println(recovered("task"))
	fmt.Println(runtimeError())
	fmt.Println(nestedPanics())
	fmt.Println("recover outside panic:", recover())
}
