//go:build ignore

// A named function type without methods in an interface keeps its type:
// %T, %#v, type switches, assertions with and without ok, in maps and
// slices of any; a plain function of the same signature stays apart.
package main

import "fmt"

type Handler func(int) int
type Fn func()

func kind(x any) string {
	switch v := x.(type) {
	case Handler:
		return fmt.Sprint("handler ", v(2))
	case func(int) int:
		return fmt.Sprint("func ", v(3))
	case Fn:
		return "fn"
	case nil:
		return "nil"
	}
	return fmt.Sprintf("other %T", x)
}

func main() {
	var h Handler = func(n int) int { return n * 10 }
	plain := func(n int) int { return n + 1 }
	fmt.Println(kind(h), kind(plain), kind(Fn(func() {})), kind(nil), kind(1))
	fmt.Printf("%T %T %T\n", any(h), any(plain), any(Fn(nil)))
	var x any = h
	g, ok := x.(Handler)
	_, isPlain := x.(func(int) int)
	fmt.Println(g(4), ok, isPlain, x.(Handler)(5))
	fmt.Printf("%#v\n", []any{Fn(nil), Handler(nil)})
	m := map[string]any{"h": h, "p": plain}
	fmt.Printf("%T %T\n", m["h"], m["p"])
	hs := []Handler{h, func(n int) int { return -n }}
	total := 0
	for _, f := range hs {
		total += f(3)
	}
	fmt.Println(total, fmt.Sprintf("%T", hs))
}
