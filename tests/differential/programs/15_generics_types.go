//go:build ignore

// Generic types with methods, constraints with approximation elements
// (~int | ~float64), and a generic concurrency-safe map.
package main

import (
	"fmt"
	"sort"
	"sync"
)

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[N Number](xs ...N) N {
	var s N
	for _, x := range xs {
		s += x
	}
	return s
}

func Average[N Number](xs []N) float64 {
	if len(xs) == 0 {
		return 0
	}
	return float64(Sum(xs...)) / float64(len(xs))
}

type Celsius float64
type Count int

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

func (s Stack[T]) Len() int { return len(s.items) }

// SafeMap is a map guarded by a mutex.
type SafeMap[K comparable, V Number] struct {
	mu sync.Mutex
	m  map[K]V
}

func NewSafeMap[K comparable, V Number]() *SafeMap[K, V] {
	return &SafeMap[K, V]{m: make(map[K]V)}
}

func (s *SafeMap[K, V]) Add(k K, v V) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] += v
}

func (s *SafeMap[K, V]) Snapshot() map[K]V {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := make(map[K]V, len(s.m))
	for k, v := range s.m {
		c[k] = v
	}
	return c
}

type Pair[A, B any] struct {
	First  A
	Second B
}

func (p Pair[A, B]) Swap() Pair[B, A] { return Pair[B, A]{p.Second, p.First} }
func (p Pair[A, B]) String() string   { return fmt.Sprintf("<%v|%v>", p.First, p.Second) }

type List[T any] struct {
	head *node[T]
	size int
}

type node[T any] struct {
	val  T
	next *node[T]
}

func (l *List[T]) Prepend(v T) { l.head = &node[T]{v, l.head}; l.size++ }

func (l *List[T]) Each(f func(T)) {
	for n := l.head; n != nil; n = n.next {
		f(n.val)
	}
}

func main() {
	fmt.Println(Sum(1, 2, 3), Sum(1.5, 2.25), Sum[Celsius](20, 1.5), Sum(Count(4), Count(5)))
	fmt.Printf("%T %T\n", Sum(Celsius(1)), Sum[int64]())
	fmt.Println(Average([]int{1, 2, 4}), Average([]Celsius{}))

	var st Stack[string]
	for _, w := range []string{"a", "b", "c"} {
		st.Push(w)
	}
	fmt.Print(st.Len(), " ")
	for {
		v, ok := st.Pop()
		if !ok {
			break
		}
		fmt.Print(v)
	}
	fmt.Println()

	sm := NewSafeMap[string, int]()
	var wg sync.WaitGroup
	keys := []string{"x", "y", "z"}
	for i := range 3000 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sm.Add(keys[i%3], i)
		}()
	}
	wg.Wait()
	snap := sm.Snapshot()
	var ks []string
	for k := range snap {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		fmt.Print(k, "=", snap[k], " ")
	}
	fmt.Println()

	p := Pair[string, int]{"answer", 42}
	fmt.Println(p, p.Swap(), []Pair[int, bool]{{1, true}})

	var l List[Celsius]
	for _, c := range []Celsius{1, 2, 3} {
		l.Prepend(c * 10)
	}
	l.Each(func(c Celsius) { fmt.Print(c, " ") })
	fmt.Println(l.size)
}
