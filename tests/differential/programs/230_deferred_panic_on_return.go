//go:build ignore

//differential:trace

// A deferred method panics as the function that deferred it returns:
// the trace shows the method, then the function at the line it returned
// from, then its callers at their calls.
package main

import "fmt"

type conn struct{ name string }

func (c *conn) Close() {
	if c.name == "broken" {
		panic("close " + c.name)
	}
	fmt.Println("closed", c.name)
}

func session(name string) int {
	c := &conn{name: name}
	defer c.Close()
	fmt.Println("using", name)
	return len(name)
}

func serve(names []string) {
	for _, n := range names {
		session(n)
	}
}

func main() {
	serve([]string{"ok", "broken"})
}
