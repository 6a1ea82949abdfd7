//go:build ignore

// A function type with methods, as net/http's HandlerFunc: a plain
// function in an interface is not one of its values, so assertions to
// the type, or to an interface only the type implements, are false or
// panic with Go's message, and a type switch takes the plain function's
// case; the type's values pass all of them.
package main

import "fmt"

type Handler func(string) string

func (h Handler) Serve(req string) string { return h(req) }

type Server interface{ Serve(string) string }

func echo(s string) string { return "echo " + s }

func describe(v any) string {
	switch h := v.(type) {
	case Handler:
		return "handler: " + h("a")
	case func(string) string:
		return "func: " + h("b")
	}
	return "other"
}

func serve(v any) string {
	if s, ok := v.(Server); ok {
		return s.Serve("c")
	}
	if h, ok := v.(Handler); ok {
		return "unreachable " + h("d")
	}
	return "not a server"
}

func mustHandler(v any) (out string, err any) {
	defer func() { err = recover() }()
	return v.(Handler)("e"), nil
}

func main() {
	values := []any{Handler(echo), echo, Handler(func(s string) string { return s + s })}
	for _, v := range values {
		fmt.Println(describe(v), "|", serve(v))
	}
	out, err := mustHandler(Handler(echo))
	fmt.Println(out, err)
	_, err = mustHandler(echo)
	fmt.Println(err)
	var s Server = Handler(echo)
	if h, ok := s.(Handler); ok {
		fmt.Println("from a Server:", h("f"))
	}
}
