package engine

import (
	"context"
	"testing"
)

// recover in deferred calls the interpreter cannot see a panic from: a
// function value, a method deferred in a loop, a function made by
// reflect.MakeFunc; in a cell's own statements and across cells. The
// expected output is what the Go toolchain prints for the same code.
func TestRecoverRelayCells(t *testing.T) {
	s, out := newTestSession(t, "")
	if r := s.Execute(context.Background(), `import ("fmt"; "reflect")`); r.Err != nil {
		t.Fatalf("imports: %v", r.Err.Value)
	}
	cases := []struct {
		name, cell, want string
	}{
		{"a catcher made in an earlier cell", `
func catcher(tag string) func() {
	return func() { fmt.Println(tag, "caught", recover()) }
}
c := catcher("kept")`, ""},
		{"deferred from a function", `
func run() {
	defer c()
	panic("one")
}
run()
fmt.Println("after run")`, "kept caught one\nafter run\n"},
		{"deferred by the cell's statements", `
defer catcher("cell")()
panic("two")`, "cell caught two\n"},
		{"a method in a loop", `
type guard int
func (g guard) absorb() { fmt.Println("guard", int(g), "caught", recover()) }
func loop() {
	for i := range 2 {
		defer guard(i).absorb()
	}
	panic("three")
}
loop()`, "guard 1 caught three\nguard 0 caught <nil>\n"},
		{"a function reflect made", `
func body(args []reflect.Value) []reflect.Value {
	fmt.Println("made caught", recover())
	return nil
}
func made() {
	f := reflect.MakeFunc(reflect.TypeOf(func() {}), body).Interface().(func())
	defer f()
	panic("four")
}
made()`, "made caught four\n"},
		{"a recover one call down stops nothing", `
func helper() any { return recover() }
func deeper() (out string) {
	defer func() { out = fmt.Sprint("outer caught ", recover()) }()
	f := func() { fmt.Println("helper got", helper()) }
	defer f()
	panic("five")
}
fmt.Println(deeper())`, "helper got <nil>\nouter caught five\n"},
		{"a method value and a method expression in variables", `
type keeper struct{ tag string }
func (k *keeper) catch() { fmt.Println(k.tag, "caught", recover()) }
func (k *keeper) viaHelper() { fmt.Println(k.tag, "helper got", helper()) }
func kept() {
	k := &keeper{"value"}
	f := k.catch
	g := (*keeper).catch
	defer f()
	defer g(&keeper{"expression"})
	panic("six")
}
kept()
func keptDeeper() (out string) {
	defer func() { out = fmt.Sprint("outer caught ", recover()) }()
	h := (&keeper{"deeper"}).viaHelper
	defer h()
	panic("seven")
}
fmt.Println(keptDeeper())`, "expression caught six\nvalue caught <nil>\ndeeper helper got <nil>\nouter caught seven\n"},
		{"a method value with arguments and results", `
type noter struct{ tag string }
func (n noter) note(what string) bool { r := recover(); fmt.Println(n.tag, what, "caught", r); return r != nil }
func noted() {
	f := noter{"value"}.note
	g := noter.note
	defer f("first")
	defer g(noter{"expression"}, "second")
	panic("eight")
}
noted()`, "expression second caught eight\nvalue first caught <nil>\n"},
		{"a method value of an earlier cell's type", `
func keptLater() {
	f := (&keeper{"later"}).catch
	defer f()
	panic("nine")
}
keptLater()`, "later caught nine\n"},
		{"a type with a method that does not recover", `
type tally struct{ n int }
func (t *tally) inc() { t.n++ }`, ""},
		{"its method value in a later cell updates the receiver", `
var tl tally
inc := tl.inc
inc()
inc()
fmt.Println(tl.n)`, "2\n"},
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
