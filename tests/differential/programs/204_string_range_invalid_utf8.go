//go:build ignore

// Ranges over strings holding invalid UTF-8: each bad byte yields U+FFFD
// and the range goes on with the next byte, in every form of the range
// (index and rune, index alone, rune alone, assignment to variables
// declared before, a named string type, a constant), and a surrogate's
// encoding is three bad bytes.
package main

import (
	"fmt"
	"unicode/utf8"
)

type text string

func positions(s string) []int {
	var at []int
	for i := range s {
		at = append(at, i)
	}
	return at
}

func main() {
	samples := []string{"plain", "héllo", "a\xffb", "\xe2\x82", "x\xf0\x9f\x98y", "\xed\xa0\x80", "€\x80€", ""}
	for _, s := range samples {
		bad := 0
		for _, r := range s {
			if r == utf8.RuneError {
				bad++
			}
		}
		fmt.Printf("%q: positions %v, %d bad, %d runes\n", s, positions(s), bad, utf8.RuneCountInString(s))
		for i, r := range s {
			fmt.Printf(" %d:%U", i, r)
		}
		fmt.Println()
	}
	var i int
	var r rune
	for i, r = range "ok\xc0" {
	}
	fmt.Println("last", i, r)
	var t text = "t\xfft"
	var closures []func() string
	for i, r := range t {
		closures = append(closures, func() string { return fmt.Sprint(i, r) })
	}
	for _, c := range closures {
		fmt.Print(c(), "; ")
	}
	fmt.Println()
	for i := range "\xff\xfe" {
		if i == 0 {
			continue
		}
		fmt.Println("second byte at", i)
	}
}
