//go:build ignore

//differential:trace

// A panic with a value Go cannot print as text (a struct without Error
// or String methods) is reported as its type and an address; recovered,
// such values are the program's as they were.
package main

import (
	"errors"
	"fmt"
)

type reading struct {
	sensor string
	value  float64
}

func try(f func()) {
	defer func() {
		r := recover()
		fmt.Printf("recovered %v (%T)\n", r, r)
	}()
	f()
}

func check(r reading) {
	if r.value < 0 {
		panic(r)
	}
	fmt.Println("ok", r.sensor)
}

func main() {
	try(func() { panic(errors.New("sensor offline")) })
	try(func() { panic([]string{"a", "b"}) })
	check(reading{"t1", 20.5})
	check(reading{"t2", -1})
}
