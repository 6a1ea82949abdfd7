package rewrite

import (
	"testing"
)

// Deferred calls the interpreter's recover cannot see a panic from go
// through a relay; the rest stay as they are.
func TestRelays(t *testing.T) {
	cases := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"variable", `package main
func f() {
	g := func() { recover() }
	defer g()
	panic(1)
}`, []string{"defer func(goconc_fn func()) { goconc_rt.Relay(recover(), goconc_fn) }(*func(", "return func() { f() }", "(g))"}, nil},
		{"factory result with arguments", `package main
func catcher(tag string) func(int) { return func(int) { recover() } }
func f() {
	defer catcher("x")(2)
	panic(1)
}`, []string{"goconc_rt.Relay(recover(), goconc_fn)", `(catcher("x"), 2)`}, nil},
		{"method in a loop", `package main
type G struct{}
func (G) catch() { recover() }
func f() {
	for range 2 {
		defer G{}.catch()
	}
}`, []string{"goconc_rt.RelayAside(", "return func() { r.catch() }"}, nil},
		{"declared function next to a relayed call", `package main
func report() { recover() }
func f(g func()) {
	defer report()
	defer g()
	panic(1)
}`, []string{"}(report)))", "if r := goconc_rt.RelayAside(func(r any) any {"}, nil},
		{"compiled and declared functions stay", `package main
import "sync"
func report() { recover() }
func f(wg *sync.WaitGroup, done func()) {
	defer wg.Done()
	defer report()
}`, []string{"defer report()"}, []string{"Relay"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := checked(t, c.src)
			runPasses(f, "repeateddefers", "calls", "nestedpanic")
			checkPrinted(t, f, c.want, c.notWant)
		})
	}
}
