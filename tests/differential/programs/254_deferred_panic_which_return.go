//go:build ignore

//differential:trace

// A function with several return statements defers a method that
// panics: the trace shows the function at the return statement that ran,
// not at the others or at its defer statement.
package main

import (
	"fmt"
	"strings"
)

type ledger struct {
	entries []string
	sealed  bool
}

func (l *ledger) seal() {
	if l.sealed {
		panic("ledger sealed twice")
	}
	l.sealed = true
}

func record(l *ledger, entry string) (int, error) {
	defer l.seal()
	if entry == "" {
		return 0, fmt.Errorf("empty entry")
	}
	if strings.HasPrefix(entry, "#") {
		fmt.Println("comment skipped")
		return len(l.entries), nil
	}
	l.entries = append(l.entries, entry)
	return len(l.entries), nil
}

func main() {
	l := &ledger{}
	n, err := record(l, "open account")
	fmt.Println(n, err)
	l.sealed = false
	record(l, "")
	record(l, "# note")
}
