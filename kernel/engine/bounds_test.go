package engine

import (
	"context"
	"fmt"
	"testing"
)

// TestBoundsErrors checks that run-time errors of indexing and slicing
// carry Go's exact messages, whether the check goes before the statement
// or into the expression, and that they are runtime.Errors.
func TestBoundsErrors(t *testing.T) {
	s, out := newTestSession(t, "")
	setup := `import ("fmt"; "runtime")
func try(f func()) {
	defer func() {
		r := recover()
		_, isRuntime := r.(runtime.Error)
		fmt.Println(r, isRuntime)
	}()
	f()
}
func next() int { fmt.Print("next "); return 1 }
var sl = make([]int, 3, 5)
var str = "abc"
var arr [3]int`
	runSetup(t, s, out, setup)
	tests := []cellCase{
		{"i := 7\ntry(func() { _ = sl[i] })", "runtime error: index out of range [7] with length 3 true\n"},
		{"i := -1\ntry(func() { _ = sl[i] })", "runtime error: index out of range [-1] true\n"},
		{"try(func() { _ = sl[5] })", "runtime error: index out of range [5] with length 3 true\n"},
		{"var u uint64 = 1<<64 - 1\ntry(func() { _ = sl[u] })", "runtime error: index out of range [18446744073709551615] with length 3 true\n"},
		{"var b uint8 = 200\ntry(func() { _ = str[b] })", "runtime error: index out of range [200] with length 3 true\n"},
		{"i := 3\ntry(func() { arr[i] = 1 })", "runtime error: index out of range [3] with length 3 true\n"},
		{"i := 3\np := &arr\ntry(func() { _ = p[i] })", "runtime error: index out of range [3] with length 3 true\n"},
		{"i := 1\ntry(func() { _ = sl[i*4] })", "runtime error: index out of range [4] with length 3 true\n"},
		{"h := 7\ntry(func() { _ = sl[:h] })", "runtime error: slice bounds out of range [:7] with capacity 5 true\n"},
		{"l := 4\ntry(func() { _ = sl[l:] })", "runtime error: slice bounds out of range [4:3] true\n"},
		{"l, h := 2, 1\ntry(func() { _ = str[l:h] })", "runtime error: slice bounds out of range [2:1] true\n"},
		{"h := 4\ntry(func() { _ = arr[:h] })", "runtime error: slice bounds out of range [:4] with length 3 true\n"},
		{"m := 6\ntry(func() { _ = sl[:2:m] })", "runtime error: slice bounds out of range [::6] with capacity 5 true\n"},
		{"h := 5\ntry(func() { _ = sl[:h:4] })", "runtime error: slice bounds out of range [:5:4] true\n"},
		{"l := 3\ntry(func() { _ = sl[l:2:4] })", "runtime error: slice bounds out of range [3:2:] true\n"},
		{"l := -1\ntry(func() { _ = sl[l:] })", "runtime error: slice bounds out of range [-1:] true\n"},
		{"l := 4\ntry(func() { _ = sl[l:sl[0]+next()] })", "next runtime error: slice bounds out of range [4:1] true\n"},
		// After a call, in a condition, in a loop condition: the check
		// comes in place, after what is evaluated first.
		{"i := 5\ntry(func() { fmt.Print(next(), sl[i]) })", "next runtime error: index out of range [5] with length 3 true\n"},
		{"i := 5\ntry(func() { sl[i] = next() })", "next runtime error: index out of range [5] with length 3 true\n"},
		{"try(func() { for i := 0; i < 9 && sl[i] == 0; i++ {} })", "runtime error: index out of range [3] with length 3 true\n"},
		{"try(func() { i := 2; for sl[i] == 0 { i++ } })", "runtime error: index out of range [3] with length 3 true\n"},
		{"i := 4\ntry(func() { if i > 0 && str[i] == 'x' {} })", "runtime error: index out of range [4] with length 3 true\n"},
		{"i := 4\ntry(func() { if x := i; x > 0 { _ = sl[x] } else if sl[x] > 0 {} })", "runtime error: index out of range [4] with length 3 true\n"},
		{"try(func() { n := 0; for i := 0; i < 5; n = sl[i] { i++ }; _ = n })", "runtime error: index out of range [3] with length 3 true\n"},
		{"i := 4\ntry(func() { switch sl[i] {} })", "runtime error: index out of range [4] with length 3 true\n"},
		// Accesses that are in range run as before.
		{"sl[1], sl[2] = 1, 2\nsum := 0\nfor i := range sl { sum += sl[i] }\nfor i := 0; i < len(sl); i++ { sum += len(sl[:i]) + len(str[i:]) + int(str[i]) }\nfmt.Println(sum, sl[1:3], str[1:], arr[1:2])", "306 [1 2] bc [0]\n"},
	}
	checkCells(t, s, out, tests)
}

// BenchmarkSliceLoop measures loops over a slice of 1,000 ints, per
// element, in the forms the bounds checks treat differently: no check
// (range over the slice, counting up to len), a check against the length
// only (counting up to another bound), and the full check (a computed
// index).
func BenchmarkSliceLoop(b *testing.B) {
	loops := []struct{ name, body string }{
		{"range", "for i := range s { sum += s[i] }"},
		{"values", "for _, v := range s { sum += v }"},
		{"len", "for i := 0; i < len(s); i++ { sum += s[i] }"},
		{"bound", "for i := 0; i < n; i++ { sum += s[i] }"},
		{"computed", "for i := 0; i < n; i++ { sum += s[(i*7)%n] }"},
	}
	for _, l := range loops {
		b.Run(l.name, func(b *testing.B) {
			out := &lockedBuffer{}
			s, err := NewSession(Options{Stdout: out, Stderr: out})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			cell := "var s = make([]int, 1000)\nfunc loop() int { n := len(s); sum := 0; _ = n\n" + l.body + "\nreturn sum }"
			if r := s.Execute(context.Background(), cell); r.Err != nil {
				b.Fatal(r.Err)
			}
			b.ResetTimer()
			if r := s.Execute(context.Background(), fmt.Sprintf("for k := 0; k < %d; k++ { loop() }", b.N)); r.Err != nil {
				b.Fatal(r.Err)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/element")
		})
	}
}
