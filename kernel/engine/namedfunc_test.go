package engine

import "testing"

// TestNamedFuncInInterface checks a value of a method-less named
// function type in an interface: it keeps its type for %T, %#v, type
// switches and assertions, and can still be called.
func TestNamedFuncInInterface(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"
type Handler func(int) int
type Fn func()
func kind(x any) string {
	switch v := x.(type) {
	case Handler:
		return fmt.Sprint("handler ", v(2))
	case func(int) int:
		return fmt.Sprint("func ", v(3))
	}
	return fmt.Sprintf("other %T", x)
}
var h Handler = func(n int) int { return n * 10 }`)
	checkCells(t, s, out, []cellCase{
		{`fmt.Printf("%T %T\n", any(h), any(Fn(nil)))`, "main.Handler main.Fn\n"},
		{`fmt.Println(kind(h), kind(func(n int) int { return n }))`, "handler 20 func 3\n"},
		{`var x any = h
g, ok := x.(Handler)
_, plain := x.(func(int) int)
fmt.Println(g(4), ok, plain, x.(Handler)(5))`, "40 true false 50\n"},
		{`fmt.Printf("%#v\n", []any{Fn(nil), Handler(nil)})`, "[]interface {}{(main.Fn)(nil), (main.Handler)(nil)}\n"},
		{`m := map[string]any{"h": h}
fmt.Printf("%T\n", m["h"])`, "main.Handler\n"},
	})
}
