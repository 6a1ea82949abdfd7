//go:build ignore

// Slices made with sizes out of range, computed at run time: negative,
// too large for memory, of signed and unsigned types, for the length and
// the capacity, appended whole, and a channel's buffer. A program
// recovers each runtime error and prints it; the last one is not
// recovered and ends the program with its line.
package main

import "fmt"

type record struct{ a, b, c, d int64 }

func attempt(name string, f func()) {
	defer func() {
		r := recover()
		_, isRuntime := r.(interface{ RuntimeError() })
		fmt.Printf("%-14s %v (runtime.Error %t)\n", name, r, isRuntime)
	}()
	f()
}

func buffer(n uint64) []byte {
	return make([]byte, n)
}

func main() {
	minus, huge := -1, 1<<60
	var wide uint64 = 1<<64 - 1
	var mid int64 = 1 << 46
	attempt("len -1", func() { _ = make([]int, minus) })
	attempt("cap -1", func() { _ = make([]int, 0, minus) })
	attempt("len huge", func() { _ = make([]record, huge) })
	attempt("cap huge", func() { _ = make([]record, 1, huge) })
	attempt("both huge", func() { _ = make([]int, huge, huge) })
	attempt("len > cap", func() { _ = make([]int, 3, minus+3) })
	attempt("uint64 max", func() { _ = make([]byte, wide) })
	attempt("int64 1<<46", func() { _ = make([]record, mid) })
	attempt("appended", func() { _ = append([]int{1}, make([]int, huge)...) })
	attempt("appended -1", func() { _ = append([]int{1}, make([]int, minus)...) })
	attempt("chan -1", func() { _ = make(chan int, minus) })
	attempt("empty elems", func() { fmt.Print(len(make([]struct{}, huge)), " ") })
	attempt("fits", func() { fmt.Print(len(make([]int, 2, 1<<10)), " ") })
	fmt.Println(len(buffer(3)))
	fmt.Println(len(buffer(wide)))
}
