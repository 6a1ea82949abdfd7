//go:build ignore

// A defer in the body of a loop over an iterator belongs to the function
// the loop is in: each runs when that function returns, after the calls
// deferred later and before those deferred earlier, with the arguments
// the defer statement saw. Also across a break, a return from inside the
// loop, nested iterator loops, a lock released at return, and a panic.
package main

import (
	"fmt"
	"iter"
	"slices"
	"sync"
)

func count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

var log []string

func note(s string) { log = append(log, s) }

func order() {
	defer note("first deferred")
	for i := range count(3) {
		defer note(fmt.Sprint("iteration ", i))
		fmt.Println("body", i)
	}
	defer note("after the loop")
	fmt.Println("order returns")
}

func early() (found int) {
	defer func() { note(fmt.Sprint("early returns ", found)) }()
	for i := range count(10) {
		defer func() { note(fmt.Sprint("early iteration ", i)) }()
		if i == 2 {
			return i * 10
		}
	}
	return -1
}

func nested() {
	for i := range count(2) {
		for j := range slices.Values([]string{"x", "y"}) {
			defer note(fmt.Sprint(i, j))
		}
		defer note(fmt.Sprint("outer ", i))
	}
}

type store struct {
	mu   sync.Mutex
	data map[int]int
}

func (s *store) fill() {
	for k := range count(3) {
		if k == 0 {
			s.mu.Lock()
			defer s.mu.Unlock()
		}
		s.data[k] = k * k
	}
	fmt.Println("filled while locked:", !s.mu.TryLock())
}

func failing() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	for i := range count(2) {
		defer note(fmt.Sprint("cleanup ", i))
	}
	panic("after the loop")
}

func main() {
	order()
	fmt.Println(early())
	nested()
	s := &store{data: map[int]int{}}
	s.fill()
	fmt.Println("unlocked after return:", s.mu.TryLock(), s.data)
	fmt.Println(failing())
	for _, l := range log {
		fmt.Println(l)
	}
}
