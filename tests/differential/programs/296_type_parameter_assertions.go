//go:build ignore

// Assertions and type switches to a generic function's type parameter:
// comma-ok and panicking forms, a type argument that is an interface, a
// case of the parameter beside the type it stands for, and an instance
// of a generic type named first by an assertion and a conversion.
package main

import (
	"fmt"
	"strings"
)

func as[T any](x any) (T, bool) {
	v, ok := x.(T)
	return v, ok
}

func must[T any](x any) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return x.(T), nil
}

func classify[T any](x any) string {
	switch v := x.(type) {
	case T:
		return fmt.Sprintf("T(%v)", v)
	case int:
		return fmt.Sprintf("int(%d)", v)
	case nil:
		return "nil"
	}
	return "other"
}

type pair[K comparable, V any] struct {
	k K
	v V
}

type lister[T any] func() []T

func main() {
	fmt.Println(as[int](3))
	fmt.Println(as[string](3))
	_, err := must[int]("three")
	fmt.Println(err)
	fmt.Println(classify[string]("s"), classify[string](4), classify[int](4), classify[any](2.5), classify[bool](nil))
	var p any = pair[string, int]{"a", 1}
	_, ok1 := p.(pair[string, int])
	_, ok2 := p.(pair[int, string])
	fmt.Println(ok1, ok2)
	l := lister[string](func() []string { return strings.Fields("x y") })
	fmt.Println(l())
}
