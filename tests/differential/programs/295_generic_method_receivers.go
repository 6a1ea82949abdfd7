//go:build ignore

// Methods of generic types whose receivers and parameters have no
// names, called through values, pointers and an interface, and a
// generic type's instances told apart by a type switch.
package main

import "fmt"

type stack[T any] struct{ items []T }

func (*stack[T]) Kind(T) string { return "stack" }

func (s *stack[T]) Push(v T) { s.items = append(s.items, v) }

func (stack[T]) Describe(prefix string, _ T) string { return prefix + " stack" }

type queue[T any] struct{ items []T }

func (*queue[T]) Kind(T) string { return "queue" }

type kinded[T any] interface{ Kind(T) string }

func name[T any](k kinded[T]) string {
	switch k.(type) {
	case *stack[T]:
		return "a stack of its own"
	case *queue[T]:
		return "a queue of its own"
	case nil:
		return "nothing"
	}
	return "something else"
}

func main() {
	s := &stack[int]{}
	s.Push(1)
	s.Push(2)
	fmt.Println(s.Kind(0), s.items, s.Describe("a", 0))
	var k kinded[string] = &queue[string]{}
	fmt.Println(k.Kind(""))
	fmt.Println(name[int](s), name[string](k), name[int](nil))
}
