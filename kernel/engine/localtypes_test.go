package engine

import (
	"context"
	"strings"
	"testing"
)

// A function's own type named like a type of an earlier cell is the
// function's, and shows the name written; errors about it name it so.
func TestLocalTypesShadowing(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
type Point struct{ X, Y float64 }
func (p Point) String() string { return fmt.Sprintf("(%g,%g)", p.X, p.Y) }`)
	checkCells(t, s, out, []cellCase{
		{`func colored() {
	type Point struct{ X, Y int; Color string }
	p := Point{1, 2, "red"}
	var a any = p
	_, isLocal := a.(Point)
	fmt.Printf("%v %T %#v %v\n", p, p, p, isLocal)
}
colored()
fmt.Println(Point{1, 2})`, "{1 2 red} main.Point main.Point{X:1, Y:2, Color:\"red\"} true\n(1,2)\n"},
		{`func local() {
	type Unique struct{ N int }
	fmt.Printf("%T %#v\n", Unique{1}, Unique{1})
}
local()`, "main.Unique main.Unique{N:1}\n"},
	})
	r := s.Execute(context.Background(), `func bad() {
	type Point struct{ Z int }
	var p Point = 3
	_ = p
}`)
	out.take()
	if r.Err == nil {
		t.Fatal("a wrong assignment compiled")
	}
	if msg := r.Err.Value; strings.Contains(msg, "goconc") || !strings.Contains(msg, "Point") {
		t.Errorf("error %q: want it to name Point as written", msg)
	}
}

// Predeclared names declared again by a cell are the cell's, and a
// type's name shows as written.
func TestPredeclaredNamesRedeclared(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"`)
	checkCells(t, s, out, []cellCase{
		{`const nil = 23
const int = 15
type int32 struct{ x uint }
fmt.Println(nil+int, int32{2})
fmt.Printf("%T\n", int32{1})`, "38 {2}\nmain.int32\n"},
		{`func f() { len := 3; fmt.Println(len, cap(make([]byte, 2))) }
f()`, "3 2\n"},
		{`func g() {
	const (
		A    = iota
		iota = iota
		B
		C
	)
	fmt.Println(A, B, C)
}
g()`, "0 1 1\n"},
	})
}

// A function named like a predeclared name shows that name in a
// panic's traceback, as Go's does.
func TestPredeclaredNameInTraceback(t *testing.T) {
	s, out := newTestSession(t, "")
	r := s.Execute(context.Background(), `func false(ok bool) {
	if ok {
		panic("not false")
	}
}
false(true)`)
	out.take()
	if r.Err == nil {
		t.Fatal("no panic")
	}
	trace := strings.Join(r.Err.Traceback, "\n")
	if !strings.Contains(trace, "main.false(") || strings.Contains(trace, "goconc") {
		t.Errorf("traceback\n%s\nwant main.false, as written", trace)
	}
}
