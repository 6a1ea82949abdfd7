package engine

import "testing"

// TestEmptyStringPointers checks that an empty string keeps the data
// pointer the compiler gives it: a substring that ends where its string
// does points where the string does (never past it), and an argument, a
// result, a field or an element is the value it was made from, pointer
// and all. Programs check with unsafe that a substring does not point
// past its string.
func TestEmptyStringPointers(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, "import (\n\t\"fmt\"\n\t\"unsafe\"\n)\nfunc at(s string) uintptr { return uintptr(unsafe.Pointer(unsafe.StringData(s))) }\nword := \"channel\"\nn := len(word)\nbase := at(word)")
	checkCells(t, s, out, []cellCase{
		// Slicing: an empty result keeps the operand's pointer, wherever
		// its bounds are; a non-empty one starts at its low bound.
		{cell: "fmt.Println(at(word[n:]) == base, at(word[:0]) == base, at(word[3:3]) == base, at(word[n:n]) == base, at(word[2:])-base)", want: "true true true true 2\n"},
		{cell: "tail := word[n:]\nfmt.Println(*(*uintptr)(unsafe.Pointer(&tail)) == base, at(tail[0:]) == base, at(word[1:][2:][4:])-base)", want: "true true 3\n"},
		{cell: "type label string\nvar l label = label(word)\nu := l[n:]\nfmt.Printf(\"%T %v\\n\", u, at(string(u)) == base)", want: "main.label true\n"},
		// Passed on: arguments (plain, variadic, of a method, a goroutine
		// or a deferred call), results, fields, elements, sent values.
		{cell: "func last(s string, n int) (string, string) { return s[n:], s[:0] }\nfunc first(ss ...string) uintptr { return at(ss[0]) }\ntype box struct{ s string }\nfunc (box) off(s string) uintptr { return at(s) }\nx, y := last(word, n)\nfmt.Println(at(x) == base, at(y) == base, first(word[n:]) == base, box{}.off(word[n:]) == base)", want: "true true true true\n"},
		{cell: "b := box{word[n:]}\nm := map[int]string{1: word[n:]}\nl2 := append([]string(nil), word[n:])\nc := make(chan string, 1)\nc <- word[n:]\nfmt.Println(at(b.s) == base, at(m[1]) == base, at(l2[0]) == base, at(<-c) == base)", want: "true true true true\n"},
		{cell: "done := make(chan uintptr)\ngo func(s string) { done <- at(s) }(word[n:])\nfunc() {\n\tdefer func(s string) { fmt.Print(at(s) == base, \" \") }(word[n:])\n}()\nfmt.Println(<-done == base)", want: "true true\n"},
		// The empty string of a literal still compares and prints as "".
		{cell: "func empty(s string) bool { return s == \"\" && len(s) == 0 }\nfmt.Printf(\"%q %v %v\\n\", word[n:], empty(word[n:]), empty(\"\"))", want: "\"\" true true\n"},
	})
}
