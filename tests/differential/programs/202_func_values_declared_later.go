//go:build ignore

// Declared functions handed around as values before their bodies are
// compiled: a function that returns itself, functions returning ones
// declared after them, held in interfaces, variables, maps, slices and
// multiple results, then asserted and switched on by their types, with
// interface{} in their signatures.
package main

import (
	"fmt"
	"strings"
)

type step func(string) (string, any)

func start(s string) (string, any) {
	if s == "" {
		return "done", nil
	}
	return strings.ToUpper(s[:1]), next
}

func next(s string) (string, any) { return s, start }

func self(depth int) interface{} {
	if depth == 0 {
		return depth
	}
	return self
}

func table() map[string]any {
	return map[string]any{"start": start, "self": self, "count": count}
}

func count() int { return 3 }

func pair() (any, error) { return count, nil }

func kind(v any) string {
	switch f := v.(type) {
	case func(int) interface{}:
		return fmt.Sprint("self-like, gives ", f(0))
	case func(string) (string, any):
		out, _ := f("go")
		return "step, gives " + out
	case func() int:
		return fmt.Sprint("counter, gives ", f())
	default:
		return fmt.Sprintf("unknown %T", v)
	}
}

func main() {
	out, fn := start("hello")
	fmt.Println(out, kind(fn))
	_, back := fn.(func(string) (string, any))("x")
	fmt.Println(kind(back))
	fmt.Println(kind(self(1)))
	_, isFunc := self(1).(func(int) interface{})
	fmt.Println("self(1) asserts:", isFunc)
	t := table()
	for _, name := range []string{"count", "self", "start"} {
		fmt.Printf("%s: %s (%T)\n", name, kind(t[name]), t[name])
	}
	c, err := pair()
	fmt.Println(kind(c), err)
	var s step = start
	steps := []step{start, next, s}
	second, _ := steps[1]("x")
	fmt.Println(len(steps), second)
	h := next
	fmt.Printf("%T\n", h)
}
