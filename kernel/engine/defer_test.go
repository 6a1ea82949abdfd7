package engine

import (
	"context"
	"testing"
)

// Cells with deferred calls, recover, run-time panics, method values and
// method expressions. The expected output is what the Go toolchain prints
// for the same code.
func TestDeferPanicMethodCells(t *testing.T) {
	s, out := newTestSession(t, "")
	if r := s.Execute(context.Background(), `import ("fmt"; "runtime"; "strings")`); r.Err != nil {
		t.Fatalf("imports: %v", r.Err.Value)
	}
	cases := []struct {
		name, cell, want string
	}{
		{"recover in a literal taking arguments", `
func guarded(name string) (msg string) {
	defer func(tag string, at int) {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("%s recovered %v at %d", tag, r, at)
		}
	}(name, len(name))
	name = "changed"
	panic("oops " + name)
}
fmt.Println(guarded("task"))`, "task recovered oops changed at 4\n"},
		{"recover in a named function", `
func handle(tag string, msg *string) {
	if r := recover(); r != nil {
		*msg = fmt.Sprint(tag, r)
	}
}
func named() (msg string) {
	tag := "named: "
	defer handle(tag, &msg)
	tag = "changed: "
	panic("boom")
}
fmt.Println(named())`, "named: boom\n"},
		{"arguments taken at the defer, in a loop", `
func deferLoop() {
	for i := 0; i < 3; i++ {
		defer func(v int) { fmt.Print("v", v, " ") }(i * 10)
	}
	for i := range 3 {
		defer func() { fmt.Print("c", i, " ") }()
	}
}
deferLoop()
fmt.Println()`, "c2 c1 c0 v20 v10 v0 \n"},
		{"loop variable changed after the defer is not copied", `
func later() {
	for i := 0; i < 1; i++ {
		x := 1
		defer func() { fmt.Println("x =", x) }()
		x = 2
	}
}
later()`, "x = 2\n"},
		{"run-time errors recovered", `
func catch(f func()) {
	defer func() {
		r := recover()
		_, isErr := r.(error)
		_, isRuntime := r.(runtime.Error)
		fmt.Println(isErr, isRuntime, r)
	}()
	f()
}
type point struct{ x int }
var np *point
var m map[string]int
var v any = "text"
zero := 0
catch(func() { _ = np.x })
catch(func() { m["a"] = 1 })
catch(func() { _ = v.(int) })
catch(func() { _ = 1 / zero })
catch(func() { panic("plain") })`,
			"true true runtime error: invalid memory address or nil pointer dereference\n" +
				"true true assignment to entry in nil map\n" +
				"true true interface conversion: interface {} is string, not int\n" +
				"true true runtime error: integer divide by zero\n" +
				"false false plain\n"},
		{"method values bind their receiver when made", `
type greeter struct{ name string }
func (g greeter) greet() string { return "hello " + g.name }
type counter struct{ n int }
func (c *counter) inc(by ...int) int { c.n += len(by) + 1; return c.n }
g := greeter{"first"}
hello := g.greet
g.name = "second"
var c counter
inc := c.inc
inc(1, 2)
pg := &g
pgreet := pg.greet
g.name = "third"
fmt.Println(hello(), g.greet(), pgreet(), c.n)`, "hello first hello third hello second 3\n"},
		{"method expressions", `
type acc struct{ total int }
func (a *acc) add(k int) { a.total += k }
func (a acc) sum(extra ...int) int {
	for _, e := range extra {
		a.total += e
	}
	return a.total
}
var a acc
add := (*acc).add
sum := acc.sum
add(&a, 5)
fmt.Println(sum(a, 1, 2), a.total, strings.Repeat("+", sum(acc{1})))`, "8 5 +\n"},
		{"method expressions called where they stand", `
type shape interface{ area() int }
type square struct{ side int }
func (s square) area() int { return s.side * s.side }
func (s *square) grow(by ...int) { for _, b := range by { s.side += b } }
type size int
func (z size) twice() size { return 2 * z }
sq := square{2}
(*square).grow(&sq, 1, 2)
fmt.Println(shape.area(sq), square.area(sq), (*square).area(&sq), size.twice(4), shape.area(&square{3}))`, "25 25 25 8 9\n"},
		{"deferred println, in the runtime's formats, of values at the defer", `
func deferredPrints() {
	var e error
	var m map[string]int
	n := 1
	defer println("n", n, e, m == nil, 2.5)
	n, m = 2, map[string]int{}
}
deferredPrints()`, "n 1 (0x0,0x0) true 2.5\n"},
		{"recover in a deferred method", `
type rescuer struct{ tag string }
func (r rescuer) rescue(into *string) {
	if v := recover(); v != nil {
		*into = fmt.Sprint(r.tag, ": ", v)
	}
}
func (r *rescuer) rescuePtr(into *string) { *into = fmt.Sprint(r.tag, " ", recover()) }
type rescue interface{ rescue(into *string) }
func byValue() (msg string) {
	r := rescuer{"value"}
	defer r.rescue(&msg)
	r.tag = "changed"
	panic(1)
}
func byPointer() (msg string) {
	r := rescuer{"pointer"}
	defer r.rescuePtr(&msg)
	r.tag = "pointer seen late"
	panic(2)
}
func byInterface() (msg string) {
	var r rescue = rescuer{"interface"}
	defer r.rescue(&msg)
	panic(3)
}
func indirect() (msg string) {
	defer func() { msg += fmt.Sprint(" outer ", recover()) }()
	defer func() { rescuer{"indirect"}.rescue(&msg) }()
	panic(4)
}
fmt.Println(byValue(), "|", byPointer(), "|", byInterface(), "|", indirect())`,
			"value: 1 | pointer seen late 2 | interface: 3 |  outer 4\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := s.Execute(context.Background(), c.cell)
			got := out.take()
			if r.Err != nil {
				t.Fatalf("error %s: %s (printed %q)", r.Err.Name, r.Err.Value, got)
			}
			if got != c.want {
				t.Errorf("printed\n%q\nwant\n%q", got, c.want)
			}
		})
	}
}
