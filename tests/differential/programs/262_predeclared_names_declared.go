//go:build ignore

// A program may declare the predeclared names again: constants named
// nil and int, a type named int32, a function named print, a variable
// named len in a function. Each means the program's declaration where
// it is in scope, and the predeclared one elsewhere.
package main

import "fmt"

const (
	nil = 23
	int = 15
)

type int32 struct{ x, y uint }

func (p int32) String() string { return fmt.Sprintf("<%d,%d>", p.x, p.y) }

func print(args ...any) { fmt.Println(append([]any{"print:"}, args...)...) }

func count(s []string) uint {
	len := uint(0)
	for range s {
		len++
	}
	return len
}

func main() {
	fmt.Println(nil+int, nil*2)
	p := int32{1, 2}
	fmt.Printf("%v %T %+v\n", p, p, []int32{p})
	print("hello", 3)
	fmt.Println(count([]string{"a", "b", "c"}))
	var m map[string]uint
	fmt.Println(m, len(m), cap(make([]byte, 2, 5)))
}
