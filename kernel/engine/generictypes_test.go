package engine

import (
	"context"
	"strings"
	"testing"
)

// TestGenericTypeInDeclaringCell checks that a cell can use a generic
// type it declares, methods and all: the interpreter gives an instance of
// a generic type only the methods declared before its first use, which a
// variable the cell defines was ("undefined selector").
func TestGenericTypeInDeclaringCell(t *testing.T) {
	tests := []struct{ name, cell, want string }{
		{"pointer receiver", "type GTBox[T any] struct{ v T }\nfunc (b *GTBox[T]) Get() T { return b.v }\nb := &GTBox[int]{v: 3}\nfmt.Println(b.Get())", "3\n"},
		{"constructor and a channel", "type GTQueue[T any] struct{ ch chan T }\nfunc gtNewQueue[T any](n int) *GTQueue[T] { return &GTQueue[T]{ch: make(chan T, n)} }\nfunc (q *GTQueue[T]) Put(v T) { q.ch <- v }\nfunc (q *GTQueue[T]) Get() T { return <-q.ch }\nq := gtNewQueue[string](1)\nq.Put(\"x\")\nfmt.Println(q.Get())", "x\n"},
		{"slice of pointers", "type GTNode[T any] struct{ v T }\nfunc (n *GTNode[T]) Value() T { return n.v }\nnodes := []*GTNode[string]{{v: \"a\"}, {v: \"b\"}}\nfor _, n := range nodes { fmt.Print(n.Value()) }\nfmt.Println()", "ab\n"},
		{"two type parameters, in a map", "type GTPair[K comparable, V any] struct{ k K; v V }\nfunc (p *GTPair[K, V]) String() string { return fmt.Sprint(p.k, \"=\", p.v) }\nm := map[string]*GTPair[string, int]{\"a\": {k: \"a\", v: 1}}\nfmt.Println(m[\"a\"].String())", "a=1\n"},
		{"value receiver", "type GTOpt[T any] struct{ v T; ok bool }\nfunc (o GTOpt[T]) Or(d T) T { if o.ok { return o.v }; return d }\no := GTOpt[int]{}\nfmt.Println(o.Or(7))", "7\n"},
		{"a mutex-guarded generic counter", "type GTCounter[K comparable] struct{ mu sync.Mutex; m map[K]int }\nfunc (c *GTCounter[K]) Inc(k K) { c.mu.Lock(); c.m[k]++; c.mu.Unlock() }\nc := &GTCounter[string]{m: map[string]int{}}\nvar wg sync.WaitGroup\nfor i := 0; i < 4; i++ { wg.Go(func() { for j := 0; j < 100; j++ { c.Inc(\"k\") } }) }\nwg.Wait()\nfmt.Println(c.m)", "map[k:400]\n"},
	}
	// A session of its own: other tests' cells in the shared session
	// declare variables and generic types under these names, and a
	// redeclared generic type is a matter of its own (the interpreter
	// keeps the instances of the first declaration).
	out := &lockedBuffer{}
	s, err := NewSession(Options{Stdout: out, Stderr: out})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runSetup(t, s, out, blockingImports)
	underProcs(t, func(t *testing.T) {
		// Earlier cells' variables of other types, under the names the
		// cells define again (and a receiver's).
		runSetup(t, s, out, "b := make(chan int)\nq := 0\nnodes := \"\"\nm := 1.5\no := []int{}\nc := 'c'")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// Run again, the cell declares its types anew.
				for run := 0; run < 3; run++ {
					r := s.Execute(context.Background(), tt.cell)
					got := out.take()
					if r.Err != nil {
						t.Fatalf("run %d: %v\n%s", run, r.Err, strings.Join(r.Err.Traceback, "\n"))
					}
					if got != tt.want {
						t.Errorf("run %d: printed %q, want %q", run, got, tt.want)
					}
				}
			})
		}
	})
}
