//go:build ignore

// os.Exit ends the program with its status at once: deferred calls do not
// run, in main or in the function that exits.
package main

import (
	"fmt"
	"os"
)

func finish(code int) {
	defer fmt.Println("finish's deferred call: must not print")
	fmt.Println("exiting with", code)
	os.Exit(code)
}

func main() {
	defer fmt.Println("main's deferred call: must not print")
	for i := range 3 {
		fmt.Println("working", i)
	}
	finish(3)
	fmt.Println("after os.Exit: must not print")
}
