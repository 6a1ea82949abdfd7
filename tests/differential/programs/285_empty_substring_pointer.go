//go:build ignore

// An empty string keeps its data pointer: a substring that ends where its
// string does points where the string does, never past it, and passing
// it on (argument, result, field, element, channel, goroutine, deferred
// call) keeps that pointer.
package main

import (
	"fmt"
	"unsafe"
)

type label string

type holder struct{ s string }

func (holder) at(s string) uintptr { return at(s) }

func at(s string) uintptr { return uintptr(unsafe.Pointer(unsafe.StringData(s))) }

func rest(s string, from int) (string, string) { return s[from:], s[:0] }

func firstAt(ss ...string) uintptr { return at(ss[0]) }

// inside reports whether the substring sub starts within s, as a
// substring must (the check the Go distribution's slicecap test makes).
func inside(s, sub string) bool { return at(sub)-at(s) < uintptr(len(s)) }

func main() {
	word := "select"
	n := len(word)
	base := at(word)
	same := func(what string, p uintptr) { fmt.Printf("%-10s %v\n", what, p == base) }

	same("s[n:]", at(word[n:]))
	same("s[:0]", at(word[:0]))
	same("s[2:2]", at(word[2:2]))
	fmt.Println("s[2:]", at(word[2:])-base, "chained", at(word[1:][2:][3:])-base)
	for _, sub := range []string{word[n:], word[n:n], word[1:][2:][3:], word[4:]} {
		fmt.Print(inside(word, sub), " ")
	}
	fmt.Println()

	a, b := rest(word, n)
	same("result", at(a))
	same("result 2", at(b))
	same("variadic", firstAt(word[n:]))
	same("method", holder{}.at(word[n:]))
	h := holder{word[n:]}
	same("field", at(h.s))
	elems := append([]string{}, word[n:])
	same("element", at(elems[0]))
	c := make(chan string, 1)
	c <- word[n:]
	same("received", at(<-c))
	var l label = label(word)
	same("named", at(string(l[n:])))

	done := make(chan uintptr)
	go func(s string) { done <- at(s) }(word[n:])
	same("go", <-done)
	func() {
		defer func(s string) { same("deferred", at(s)) }(word[n:])
	}()
	fmt.Printf("%q %v\n", word[n:], word[n:] == "")
}
