//go:build ignore

//differential:trace

// The second of two init functions fails in a function it calls: Go
// numbers init functions in the order they are written, main.init.0 and
// main.init.1, and shows the call's line.
package main

import (
	"fmt"
	"strconv"
)

var ports = map[string]string{"http": "80", "admin": "eighty-one"}

var parsed = map[string]int{}

func init() {
	fmt.Println("loading", len(ports), "ports")
}

func mustPort(name string) int {
	n, err := strconv.Atoi(ports[name])
	if err != nil {
		panic(fmt.Sprintf("port %s: %v", name, err))
	}
	return n
}

func init() {
	parsed["http"] = mustPort("http")
	fmt.Println("http on", parsed["http"])
	parsed["admin"] = mustPort("admin")
}

func main() {
	fmt.Println("serving", parsed)
}
