//go:build ignore

// Generic containers that each have Len and Push, instantiated with the
// same type arguments: each runs its own methods.
package main

import (
	"fmt"
	"sync"
)

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Len() int { return len(s.items) }

type SafeQueue[T any] struct {
	mu    sync.Mutex
	items []T
	total int
}

func (q *SafeQueue[T]) Push(v T) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = append(q.items, v)
	q.total++
}

func (q *SafeQueue[T]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}

type Pair[K comparable, V any] struct {
	key K
	val V
}

func (p Pair[K, V]) String() string { return fmt.Sprint(p.key, "=", p.val) }

type Entry[K comparable, V any] struct {
	key K
	val V
}

func (e Entry[K, V]) String() string { return fmt.Sprint("entry ", e.key, ": ", e.val) }

func main() {
	s := &Stack[int]{}
	q := &SafeQueue[int]{}
	var wg sync.WaitGroup
	for i := range 8 {
		s.Push(i)
		wg.Go(func() { q.Push(i) })
	}
	wg.Wait()
	fmt.Println(s.Len(), q.Len(), q.total)
	fmt.Println(Pair[string, int]{"a", 1}, Entry[string, int]{"b", 2})
}
