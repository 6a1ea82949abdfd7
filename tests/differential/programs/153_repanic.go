//go:build ignore

// A deferred call that recovers, reports and panics again, with the same
// value or another: recovered further up, the program goes on; the last
// one ends it with status 2 (Go's report then names both panics).
package main

import (
	"errors"
	"fmt"
)

var errDisk = errors.New("disk full")

func save(name string) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("save", name, "failed:", r)
			panic(r)
		}
	}()
	if name == "b" {
		panic(errDisk)
	}
	fmt.Println("saved", name)
}

func saveAll(names []string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("saveAll: %v", r)
		}
	}()
	for _, n := range names {
		save(n)
	}
	return nil
}

func cleanup() {
	defer func() {
		r := recover()
		fmt.Println("cleanup caught", r)
		panic(fmt.Sprint("cleanup failed after ", r))
	}()
	panic("lost connection")
}

func main() {
	fmt.Println(saveAll([]string{"a", "b", "c"}))
	cleanup()
	fmt.Println("not reached")
}
