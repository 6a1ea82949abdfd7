//go:build ignore

//differential:trace

// panic(nil) panics with a *runtime.PanicNilError since Go 1.21: a
// recover sees a value, not nil, and an unrecovered one is reported as
// "panic called with nil argument".
package main

import (
	"errors"
	"fmt"
	"runtime"
)

func guarded(f func()) (panicked bool, v any) {
	defer func() {
		v = recover()
		panicked = v != nil
	}()
	f()
	return false, nil
}

func release(err error) {
	fmt.Println("releasing")
	panic(err)
}

func main() {
	ok, v := guarded(func() { panic(nil) })
	var pn *runtime.PanicNilError
	fmt.Println(ok, errors.As(v.(error), &pn), v)
	ok, v = guarded(func() {})
	fmt.Println(ok, v)
	var err error
	release(err)
}
