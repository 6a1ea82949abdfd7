//go:build ignore

//differential:trace

// A method reading a field through a nil pointer: the report gives the
// line of the read.
package main

import "fmt"

type node struct {
	value int
	next  *node
}

func (n *node) second() int {
	fmt.Println("looking")
	return n.next.value
}

func main() {
	list := &node{value: 1, next: &node{value: 2}}
	fmt.Println(list.second())
	fmt.Println(list.next.second())
}
