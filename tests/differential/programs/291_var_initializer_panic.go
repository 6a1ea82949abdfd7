//go:build ignore

// A package-level variable's initializer panics: Go reports the panic in
// main.init, under the frames of what the initializer called (a method,
// a literal written in another initializer) and after the initializers
// before it have run. main never runs.
package main

import (
	"fmt"
	"os"
)

type registry struct{ names map[string]int }

func (r *registry) add(name string) int {
	if _, dup := r.names[name]; dup {
		panic(fmt.Sprintf("duplicate name %q", name))
	}
	r.names[name] = len(r.names)
	return r.names[name]
}

var reg = &registry{names: map[string]int{}}

var first = func() int {
	fmt.Println("registering first")
	return reg.add("alpha")
}()

var count = len(os.Args) - len(os.Args)

var second = func() int {
	fmt.Println("registering second", first, count)
	return reg.add("alpha")
}()

func main() {
	fmt.Println("main", first, second)
}
