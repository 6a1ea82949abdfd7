//go:build ignore

// go panic(v): the statement evaluates v, and the panic in the new
// goroutine ends the program.
package main

import "fmt"

func main() {
	v := "first"
	fmt.Println("start")
	go panic(v)
	v = "second"
	select {}
}
