package engine

import (
	"context"
	"testing"
)

// Go 1.22 loop variables, through cells: each iteration has its own
// variable, shared by the body and the closures made in it. The expected
// output is what the Go toolchain prints for the same code.
func TestLoopVarCells(t *testing.T) {
	s, out := newTestSession(t, "")
	if r := s.Execute(context.Background(), `import ("fmt"; "sort"; "sync")`); r.Err != nil {
		t.Fatalf("imports: %v", r.Err.Value)
	}
	cases := []struct {
		name, cell, want string
	}{
		{"variadic goroutine literal using the loop variable", `
var wg sync.WaitGroup
got := make([]string, 3)
for i := 0; i < 3; i++ {
	wg.Add(1)
	go func(k int, tags ...string) {
		defer wg.Done()
		got[k] = fmt.Sprint(k, tags, i)
	}(i, "a", "b")
}
wg.Wait()
fmt.Println(got)`, "[0 [a b] 0 1 [a b] 1 2 [a b] 2]\n"},
		{"closure sees the body's later change", `
var fs []func() int
for i := 0; i < 6; i++ {
	fs = append(fs, func() int { return i })
	i++
}
for _, f := range fs { fmt.Print(f(), " ") }
fmt.Println()`, "1 3 5 \n"},
		{"closure changes its own iteration's variable", `
var incs []func() int
for i := 0; i < 3; i++ {
	incs = append(incs, func() int { i += 10; return i })
}
for _, f := range incs { fmt.Print(f(), " ") }
for _, f := range incs { fmt.Print(f(), " ") }
fmt.Println()`, "10 11 12 20 21 22 \n"},
		{"the body sees the closure's change", `
for i := 0; i < 3; i++ {
	double := func() { i *= 2 }
	double()
	fmt.Print(i, " ")
}
fmt.Println()`, "0 2 \n"},
		{"addresses differ per iteration", `
var ps []*int
for i := 0; i < 3; i++ { ps = append(ps, &i) }
var qs []*string
for _, s := range []string{"a", "b"} { qs = append(qs, &s) }
fmt.Println(ps[0] != ps[1], *ps[0], *ps[1], *ps[2], *qs[0], *qs[1])`, "true 0 1 2 a b\n"},
		{"continue carries the change to the next iteration", `
var fs []func() int
for i := 0; i < 10; i++ {
	fs = append(fs, func() int { return i })
	if i%3 == 0 {
		i += 2
		continue
	}
	i *= 2
}
for _, f := range fs { fmt.Print(f(), " ") }
fmt.Println()`, "2 5 8 11 \n"},
		{"labeled continue from an inner loop", `
var fs []func() int
outer:
for i := 0; i < 20; i++ {
	fs = append(fs, func() int { return i })
	for j := 0; j < 3; j++ {
		if j == 1 {
			i += 5
			continue outer
		}
	}
}
for _, f := range fs { fmt.Print(f(), " ") }
fmt.Println()`, "5 11 17 23 \n"},
		{"a goroutine changes its iteration's variable", `
for i := range 3 {
	done := make(chan bool)
	go func() { i *= 10; done <- true }()
	<-done
	fmt.Print(i, " ")
}
fmt.Println()`, "0 10 20 \n"},
		{"changing a range-over-int variable does not change the count", `
for i := range 3 {
	i += 10
	fmt.Print(i, " ")
}
var k int
for k = range 4 {}
fmt.Println(k)`, "10 11 12 3\n"},
		{"deferred closures see their own iteration", `
func deferred() {
	for i := 0; i < 3; i++ {
		x := i
		defer func() { fmt.Print(x, " ") }()
		x *= 10
	}
}
deferred()
fmt.Println()`, "20 10 0 \n"},
		{"closures over map keys and values", `
var named []func() string
for k, v := range map[string]int{"a": 1, "b": 2, "c": 3} {
	named = append(named, func() string { return fmt.Sprint(k, "=", v) })
}
var pairs []string
for _, f := range named { pairs = append(pairs, f()) }
sort.Strings(pairs)
fmt.Println(pairs)`, "[a=1 b=2 c=3]\n"},
		{"nested closures and nested loops", `
var fs []func() string
for i := range 2 {
	for j := range 2 {
		fs = append(fs, func() string {
			g := func() string { return fmt.Sprint(i, j) }
			return g()
		})
	}
}
for _, f := range fs { fmt.Print(f(), " ") }
fmt.Println()`, "0 0 0 1 1 0 1 1 \n"},
		{"many goroutines each see their own variable", `
const n = 2000
seen := make([]int, n)
var wg sync.WaitGroup
for i := 0; i < n; i++ {
	v := i * 2
	wg.Add(1)
	go func() {
		defer wg.Done()
		seen[i] += v - i
	}()
}
wg.Wait()
bad := 0
for i, x := range seen {
	if x != i { bad++ }
}
fmt.Println("bad", bad)`, "bad 0\n"},
		{"comma-ok definitions in the body", `
m := map[int]int{0: 10, 1: 11, 2: 12}
var fs []func() int
for i := 0; i < 3; i++ {
	v, ok := m[i]
	fs = append(fs, func() int { if !ok { return -1 }; return v })
}
var ps []*int
for _, a := range []any{1, 2, 3} {
	n, _ := a.(int)
	ps = append(ps, &n)
}
fmt.Println(fs[0](), fs[1](), fs[2](), *ps[0], *ps[1], *ps[2])`, "10 11 12 1 2 3\n"},
		{"ranges over channels of a slice, an array and a map", `
chans := make([]chan int, 3)
for i := range chans { chans[i] = make(chan int, 1) }
for i, c := range chans { c <- i * 10 }
var arr [2]chan string
arr[0], arr[1] = make(chan string, 1), make(chan string, 1)
for _, c := range arr { c <- "x" }
byName := map[string]chan int{"a": chans[0]}
var fs []func() int
for _, c := range chans { fs = append(fs, func() int { return <-c }) }
for k, c := range byName { fmt.Print(k, cap(c), " ") }
for _, f := range fs { fmt.Print(f(), " ") }
fmt.Println(len(arr[1]))`, "a1 0 10 20 1\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := s.Execute(context.Background(), c.cell)
			got := out.take()
			if r.Err != nil {
				t.Fatalf("error %s: %s\n%s", r.Err.Name, r.Err.Value, got)
			}
			if got != c.want {
				t.Errorf("printed %q, want %q", got, c.want)
			}
		})
	}
}
