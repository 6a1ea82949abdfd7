//go:build ignore

// Ranges over a string's indexes alone, declared and assigned: the
// indexes are the byte offsets where runes start.
package main

import "fmt"

type Word string

func starts(s string) []int {
	var out []int
	for i := range s {
		out = append(out, i)
	}
	return out
}

func main() {
	fmt.Println(starts("héllo, 世界"))

	var last int
	for last = range "naïve" {
	}
	fmt.Println("last:", last)

	count := 0
	for i := range Word("αβγ") {
		count += i
	}
	fmt.Println("sum of offsets:", count)
}
