//go:build ignore

// Declared functions appended by name to slices of functions, of a named
// function type and of interfaces, then called: a registry of handlers
// and a pipeline of stages.
package main

import (
	"fmt"
	"strings"
)

type stage func(string) string

func trim(s string) string  { return strings.TrimSpace(s) }
func upper(s string) string { return strings.ToUpper(s) }
func exclaim(s string) string {
	return s + "!"
}

func greet(name string) { fmt.Println("hello,", name) }
func part(name string)  { fmt.Println("goodbye,", name) }

func run(stages []stage, s string) string {
	for _, st := range stages {
		s = st(s)
	}
	return s
}

func main() {
	var pipeline []stage
	pipeline = append(pipeline, trim, upper)
	pipeline = append(pipeline, (exclaim))
	fmt.Println(run(pipeline, "  go concurrency  "))

	handlers := []func(string){}
	handlers = append(handlers, greet)
	handlers = append(handlers, part, greet)
	for _, h := range handlers {
		h("gopher")
	}

	var things []any
	things = append(things, upper, 42, "text")
	for _, t := range things {
		switch v := t.(type) {
		case func(string) string:
			fmt.Println("a function:", v("called"))
		default:
			fmt.Printf("%T %v\n", v, v)
		}
	}
}
