//go:build ignore

// Blank names where Go allows them: several blank fields in one struct
// (padding in a layout), type declarations of the blank name, blank
// methods, functions, constants, variables and parameters. The structs
// are made, copied, compared, used as map keys and sent on a channel.
package main

import "fmt"

type Header struct {
	_       [2]byte
	Version int
	_       int32
	Flags   uint8
	_, _    bool
}

type Nested struct {
	_ struct{ a, b, c int }
	H Header
	_ []int
}

type _ int

type (
	_     struct{ x int }
	Level int
)

func (Header) _() {}
func (Header) _() {}

func _() { panic("never called") }

const _, _ = 1, 2

var _ = fmt.Sprint("evaluated")

func scale(_ int, y int) int { return 2 * y }

func main() {
	a := Header{Version: 1, Flags: 3}
	b := a
	c := Header{Version: 2}
	fmt.Println(a == b, a != c, a.Version, b.Flags, c)

	seen := map[Header]int{a: 1}
	seen[b]++
	seen[c] = 5
	fmt.Println(len(seen), seen[a], seen[Header{Version: 2}])

	ch := make(chan Header, 1)
	ch <- c
	got := <-ch
	fmt.Println(got == c, got.Version)

	n := Nested{H: a}
	fmt.Println(n.H.Version, n.H == a)
	fmt.Println(Level(3), scale(1, 4))
}
