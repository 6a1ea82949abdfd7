package engine

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// A panic that ends a cell after a recover names the panic it
// interrupted as Go's report does; the lines expected are what the Go
// toolchain prints for the same code.
func TestRepanicReport(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("errors"; "fmt"; "time")
var errBoom = errors.New("boom")
type keeper struct{}
func (keeper) again() { r := recover(); panic(r) }
func other() {
	defer func() {
		recover()
		panic("second")
	}()
	panic("first")
}
var _ = fmt.Sprint`)
	cases := []struct {
		name, cell string
		want       []string // the traceback's first lines, the last a prefix
	}{
		{"the same value again", `func() {
	defer func() {
		r := recover()
		panic(r)
	}()
	panic(errBoom)
}()`, []string{"panic: boom [recovered, repanicked]", ""}},
		{"another value", `other()`, []string{"panic: first [recovered]", "\tpanic: second", ""}},
		{"in a goroutine", "go other()\ntime.Sleep(time.Minute)", []string{"panic: first [recovered]", "\tpanic: second", ""}},
		{"through a method value deferred from a variable", `func() {
	f := keeper{}.again
	defer f()
	panic(7)
}()`, []string{"panic: 7 [recovered, repanicked]", ""}},
		{"a recover that returned leaves nothing", `func() {
	defer func() { recover() }()
	panic("over")
}()
panic("later")`, []string{"panic: later", ""}},
		{"a recover with nothing to take leaves nothing", `func() {
	defer func() { recover() }()
}()
panic("plain")`, []string{"panic: plain", ""}},
		{"the recovered value panicked at once", `func() {
	defer func() { panic(recover()) }()
	panic("once")
}()`, []string{"panic: once [recovered, repanicked]", ""}},
		{"a run-time error recovered and raised again", `func() {
	defer func() { r := recover(); panic(r) }()
	var xs []int
	_ = xs[3]
}()`, []string{"panic: runtime error: index out of range [3] with length 0 [recovered, repanicked]", ""}},
		{"a deferred call panicking while a panic is under way", `func() {
	defer func() { panic(errors.New("cleanup failed")) }()
	panic("first")
}()`, []string{"panic: first", "\tpanic: cleanup failed", ""}},
		{"nil", `panic(nil)`, []string{"panic: panic called with nil argument", ""}},
		{"a nil error", `var err error
panic(err)`, []string{"panic: panic called with nil argument", ""}},
		{"a slice", `panic([]int{1})`, []string{"panic: ([]int) 0x"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := s.Execute(context.Background(), c.cell)
			out.take()
			if r.Err == nil {
				t.Fatal("the cell did not fail")
			}
			tb := r.Err.Traceback
			if len(tb) < len(c.want) || !slices.Equal(tb[:len(c.want)-1], c.want[:len(c.want)-1]) || !strings.HasPrefix(tb[len(c.want)-1], c.want[len(c.want)-1]) {
				t.Errorf("traceback\n%q\nwant it to start with\n%q", tb, c.want)
			}
		})
	}
}
