//go:build ignore

// Type switches whose cases name interfaces: any, an interface literal,
// a type parameter standing for an interface, and nil of an interface
// with methods, with and without a bound variable.
package main

import "fmt"

type meter int

func (meter) Unit() string { return "m" }

type shape interface{ Area() float64 }

func describe(i any) string {
	switch v := i.(type) {
	case nil:
		return "nil"
	case interface{ Unit() string }:
		return fmt.Sprint("unit ", v.Unit())
	case int:
		return fmt.Sprint("int ", v)
	case any:
		return "any"
	}
	return "none"
}

func isNil(s shape) bool {
	switch s.(type) {
	case nil:
		return true
	}
	return false
}

func match[T any](i any) string {
	switch i.(type) {
	case T:
		return "T"
	case int:
		return "int"
	default:
		return "other"
	}
}

func main() {
	fmt.Println(describe(nil), describe(meter(3)), describe(4), describe("s"))
	var none shape
	fmt.Println(isNil(nil), isNil(none))
	fmt.Println(match[any](nil), match[any](6), match[interface{ Unit() string }](7), match[interface{ Unit() string }](meter(8)))
}
