//go:build ignore

// Closures capturing loop variables, handed to a user-defined Go method
// and to a registry that calls them later.
package main

import (
	"fmt"
	"sort"
	"sync"
)

// Group runs functions in goroutines and waits for them.
type Group struct {
	wg sync.WaitGroup
	mu sync.Mutex
	n  int
}

func (g *Group) Go(f func()) {
	g.wg.Add(1)
	g.mu.Lock()
	g.n++
	g.mu.Unlock()
	go func() {
		defer g.wg.Done()
		f()
	}()
}

func (g *Group) Wait() int {
	g.wg.Wait()
	return g.n
}

// Hooks keeps functions to call later, in order.
type Hooks struct{ fs []func() string }

func (h *Hooks) Add(f func() string) { h.fs = append(h.fs, f) }

func (h *Hooks) Run() []string {
	var out []string
	for _, f := range h.fs {
		out = append(out, f())
	}
	return out
}

func main() {
	const n = 20000
	var g Group
	got := make([]int, n)
	for i := 0; i < n; i++ {
		g.Go(func() { got[i] = i + 1 })
	}
	started := g.Wait()
	missed := 0
	for i, v := range got {
		if v != i+1 {
			missed++
		}
	}
	fmt.Println("Group.Go three-clause: started", started, "missed", missed)

	var g2 Group
	var mu sync.Mutex
	var names []string
	for i, name := range []string{"ann", "bob", "cy", "dee"} {
		tag := fmt.Sprintf("%d:%s", i, name)
		g2.Go(func() {
			mu.Lock()
			names = append(names, tag)
			mu.Unlock()
		})
	}
	g2.Wait()
	sort.Strings(names)
	fmt.Println("Group.Go range:", names)

	var h Hooks
	for i := 0; i < 4; i++ {
		label := string(rune('a' + i))
		h.Add(func() string { return fmt.Sprint(label, i) })
	}
	fmt.Println("hooks:", h.Run())
}
