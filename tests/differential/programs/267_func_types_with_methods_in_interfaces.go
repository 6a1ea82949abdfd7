//go:build ignore

// A program's func type with methods held in interfaces, however it got
// there (a variable, a conversion, a function's result, an interface
// with methods): a type switch finds its case before the one of the
// underlying func type, and %T names it.
package main

import "fmt"

type HandlerFunc func(int) int

func (h HandlerFunc) Serve(x int) int { return h(x) }

type Server interface{ Serve(int) int }

func held(h HandlerFunc) any { return h }

func kind(v any) string {
	switch x := v.(type) {
	case HandlerFunc:
		return fmt.Sprint("HandlerFunc ", x(2))
	case func(int) int:
		return fmt.Sprint("func ", x(2))
	}
	return "other"
}

func main() {
	h := HandlerFunc(func(x int) int { return x * 10 })
	var e any = h
	var s Server = h
	fmt.Println(kind(h), kind(e), kind(held(h)), kind(any(h)), kind(s))
	fmt.Println(kind(func(x int) int { return x + 1 }))
	_, ok := held(h).(func(int) int)
	_, ok2 := any(func(int) int { return 0 }).(HandlerFunc)
	fmt.Println(ok, ok2, s.Serve(3))
	fmt.Printf("%T %T\n", held(h), e)
}
