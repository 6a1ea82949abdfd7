package engine

import (
	"context"
	"strings"
	"testing"
)

// Cells using the standard library's generic functions and types, range
// over functions, and structs embedding sync's mutexes. The expected
// output is what the Go toolchain prints for the same code.
func TestStdlibGenericCells(t *testing.T) {
	s, out := newTestSession(t, "")
	if r := s.Execute(context.Background(), `import ("cmp"; "fmt"; "iter"; "maps"; "slices"; "strings"; "sync"; "sync/atomic")`); r.Err != nil {
		t.Fatalf("imports: %v", r.Err.Value)
	}
	cases := []struct {
		name, cell, want string
	}{
		{"sort ordered", `
xs := []float64{3, -1, 2.5, 0}
slices.Sort(xs)
type celsius float64
cs := []celsius{30, -4, 12}
slices.Sort(cs)
fmt.Println(xs, cs, slices.IsSorted(cs))`, "[-1 0 2.5 3] [-4 12 30] true\n"},
		{"sort func and stable", `
type p struct{ name string; age int }
ps := []p{{"ann", 30}, {"bob", 25}, {"cy", 30}, {"dee", 25}}
slices.SortStableFunc(ps, func(a, b p) int { return cmp.Compare(a.age, b.age) })
fmt.Println(ps)
slices.SortFunc(ps, func(a, b p) int { return cmp.Or(-cmp.Compare(a.age, b.age), strings.Compare(a.name, b.name)) })
fmt.Println(ps, slices.IsSortedFunc(ps, func(a, b p) int { return b.age - a.age }))`,
			"[{bob 25} {dee 25} {ann 30} {cy 30}]\n[{ann 30} {cy 30} {bob 25} {dee 25}] true\n"},
		{"search and edit", `
s := []int{1, 3, 5, 7}
i, ok := slices.BinarySearch(s, 5)
j, ok2 := slices.BinarySearch(s, 4)
s = slices.Insert(s, 1, 2)
s = slices.Delete(s, 3, 4)
fmt.Println(i, ok, j, ok2, s, slices.Index(s, 7), slices.Contains(s, 4), slices.Equal(s, []int{1, 2, 3, 7}))
s2 := slices.Clone(s)
s2[0] = 100
slices.Reverse(s2)
fmt.Println(s, s2, slices.Max(s2), slices.Min(s2), slices.Compact([]string{"a", "a", "b", "a"}))`,
			"2 true 2 false [1 2 3 7] 3 false true\n[1 2 3 7] [7 3 2 100] 100 2 [a b a]\n"},
		{"min max of floats", `
fmt.Println(slices.Max([]float64{-1, 4, 2}), slices.Min([]float64{0, -0.5}))`, "4 -0.5\n"},
		{"iterators of maps", `
m := map[string]int{"b": 2, "a": 1, "c": 3}
keys := slices.Sorted(maps.Keys(m))
vals := slices.Sorted(maps.Values(m))
c := maps.Clone(m)
delete(c, "a")
maps.DeleteFunc(c, func(k string, v int) bool { return v == 3 })
fmt.Println(keys, vals, c, maps.Equal(m, c), len(maps.Collect(maps.All(m))))`,
			"[a b c] [1 2 3] map[b:2] false 3\n"},
		{"iter.Seq in signatures and variables", `
func countTo(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 1; i <= n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}
seq := countTo(4)
doubled := slices.Collect(func(yield func(int) bool) {
	for v := range seq {
		if !yield(v * 2) {
			return
		}
	}
})
fmt.Println(doubled, slices.Collect(slices.Values(doubled[1:])))`, "[2 4 6 8] [4 6 8]\n"},
		{"break continue and return in range over func", `
func firstSquareOver(seq iter.Seq[int], limit int) (int, bool) {
	for v := range seq {
		if v*v > limit {
			return v * v, true
		}
	}
	return 0, false
}
var got []int
outer:
for i := range countTo(5) {
	for j := range countTo(5) {
		if j > i {
			continue outer
		}
		if i == 4 {
			break outer
		}
		if j == 2 {
			continue
		}
		got = append(got, i*10+j)
	}
}
fmt.Println(got)
fmt.Println(firstSquareOver(countTo(10), 20))
fmt.Println(firstSquareOver(countTo(3), 20))`, "[11 21 31 33]\n25 true\n0 false\n"},
		{"iter.Seq2 with assignment to outer variables", `
var k string
var v int
for k, v = range maps.All(map[string]int{"only": 7}) {
}
fmt.Println(k, v)
for i, s := range slices.Backward([]string{"x", "y"}) {
	fmt.Print(i, s, " ")
}
fmt.Println()`, "only 7\n1y 0x \n"},
		{"yield after false panics", `
func() {
	defer func() { fmt.Println("recovered:", recover() != nil) }()
	for range func(yield func() bool) { yield(); yield() } {
		break
	}
}()`, "recovered: true\n"},
		{"atomic.Pointer of a struct", `
type config struct{ version int }
var cur atomic.Pointer[config]
fmt.Println(cur.Load() == nil)
first := &config{1}
cur.Store(first)
fmt.Println(cur.CompareAndSwap(first, &config{2}), cur.CompareAndSwap(first, &config{3}), cur.Load().version, cur.Swap(nil).version, cur.Load())`,
			"true\ntrue false 2 2 <nil>\n"},
		{"OnceFunc and OnceValue", `
calls := 0
once := sync.OnceFunc(func() { calls++ })
once()
once()
val := sync.OnceValue(func() int { calls++; return calls * 10 })
fmt.Println(val(), val(), calls)
boom := sync.OnceFunc(func() { panic("boom") })
for range 2 {
	func() {
		defer func() { fmt.Println("again:", recover()) }()
		boom()
	}()
}`, "20 20 2\nagain: boom\nagain: boom\n"},
		{"embedded mutexes satisfy sync.Locker", `
type guarded struct {
	sync.RWMutex
	n int
}
type shared struct {
	*sync.Mutex
	n int
}
func withLock(l sync.Locker, f func()) {
	l.Lock()
	defer l.Unlock()
	f()
}
g := &guarded{}
sh := shared{Mutex: &sync.Mutex{}}
var wg sync.WaitGroup
for range 20 {
	wg.Add(2)
	go func() { defer wg.Done(); withLock(g, func() { g.n++ }) }()
	go func() { defer wg.Done(); withLock(sh, func() { sh.n++ }) }()
}
wg.Wait()
var l sync.Locker
l = g
l.Lock()
fmt.Println(g.n, sh.n, g.TryLock(), g.TryRLock())
l.Unlock()`, "20 20 false false\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := s.Execute(context.Background(), strings.TrimPrefix(c.cell, "\n"))
			got := out.take()
			if r.Err != nil {
				t.Fatalf("error %s: %s\n%s", r.Err.Name, r.Err.Value, strings.Join(r.Err.Traceback, "\n"))
			}
			if got != c.want {
				t.Errorf("printed\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}
