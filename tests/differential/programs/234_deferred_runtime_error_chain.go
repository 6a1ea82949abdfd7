//go:build ignore

//differential:trace

// A deferred call fails with a run-time error while a panic statement's
// panic is under way: Go's report names both panics, the interrupted one
// first, and shows the deferred literal, the runtime's panic, and the
// function at its panic statement.
package main

import "fmt"

type registry struct {
	counts map[string]int
}

func (r *registry) record(name string) {
	defer func() {
		r.counts[name]++ // counts was never made
	}()
	if name == "" {
		panic("empty name")
	}
	fmt.Println("recorded", name)
}

func main() {
	r := &registry{}
	defer fmt.Println("main's deferred call runs")
	r.record("")
}
