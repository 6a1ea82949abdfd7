//go:build ignore

// An unrecovered panic ends the program with status 2 after what it
// printed before; a recovered one does not.
package main

import "fmt"

type ledger struct{ entries []int }

func (l *ledger) entry(i int) int { return l.entries[i] }

func main() {
	l := &ledger{entries: []int{10, 20, 30}}
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		fmt.Println(l.entry(5))
	}()
	for i := range 3 {
		fmt.Println("entry", i, l.entry(i))
	}
	fmt.Println(l.entry(len(l.entries)))
	fmt.Println("not reached")
}
