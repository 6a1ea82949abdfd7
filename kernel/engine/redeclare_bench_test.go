package engine

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkTypeDeclaredAgain measures what declaring a type again costs a
// cell (redeclare.go: the earlier cells' declarations are checked again to
// find what used the type) in a session of 40 earlier cells, each with a
// type, a method and a variable. One op is one cell. Its peer, new, is
// the same cell declaring a type of a new name; compare the two from one
// run.
func BenchmarkTypeDeclaredAgain(b *testing.B) {
	for _, tc := range []struct {
		name string
		cell func(i int) string
	}{
		{"new", func(i int) string { return fmt.Sprintf("type Fresh%d struct{ A, B int }", i) }},
		{"again", func(i int) string { return fmt.Sprintf("type T0 struct{ A, B%d int }", i%2) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			benchAfterCells(b, "import \"fmt\"\n", func(i int) string {
				return fmt.Sprintf("type T%d struct{ A int }\nfunc (t T%[1]d) String() string { return fmt.Sprint(t.A) }\nv%[1]d := T%[1]d{%[1]d}", i)
			}, tc.cell)
		})
	}
}

// BenchmarkFunctionDeclaredAgain measures what declaring a function again
// costs a cell (redeclare.go) in a session of 40 earlier cells, each with
// a function, a variable and a type with a method: with none of them
// using the function (unused), or each function calling it, so that the
// cell compiles the 40 again (used). Its peer, new, declares a function
// of a new name. One op is one cell.
func BenchmarkFunctionDeclaredAgain(b *testing.B) {
	for _, tc := range []struct {
		name, calls string
		cell        func(i int) string
	}{
		{"new", "0", func(i int) string { return fmt.Sprintf("func fresh%d() int { return %d }", i, i) }},
		{"unused", "0", func(i int) string { return fmt.Sprintf("func helper() int { return %d }", i) }},
		{"used", "helper()", func(i int) string { return fmt.Sprintf("func helper() int { return %d }", i) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			benchAfterCells(b, "import \"fmt\"\nfunc helper() int { return 0 }", func(i int) string {
				return fmt.Sprintf("func f%d() int { return %s + %[1]d }\nv%[1]d := f%[1]d()\ntype T%[1]d struct{ A int }\nfunc (t T%[1]d) String() string { return fmt.Sprint(t.A) }", i, tc.calls)
			}, tc.cell)
		})
	}
}

// benchAfterCells measures the cells cell(i) in a session of setup and 40
// earlier cells, earlier(0) to earlier(39). One op is one cell.
func benchAfterCells(b *testing.B, setup string, earlier, cell func(i int) string) {
	s := benchSession(b, setup)
	for i := range 40 {
		if r := s.Execute(context.Background(), earlier(i)); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r := s.Execute(context.Background(), cell(i)); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}
