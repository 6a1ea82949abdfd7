//go:build ignore

// The dynamic types of the errors the runtime panics with, as a program
// that recovers them reads them back with %T: bounds errors, failed
// assertions, nil dereferences, closed channels, nil maps.
package main

import (
	"errors"
	"fmt"
	"runtime"
)

func catch(label string, f func()) {
	defer func() {
		r := recover()
		_, isRuntime := r.(runtime.Error)
		fmt.Printf("%-10s %T runtime.Error=%v\n", label, r, isRuntime)
		if err, ok := r.(error); ok {
			fmt.Printf("%-10s %v\n", "", err)
		}
	}()
	f()
}

func main() {
	var empty []string
	n := 3
	var counts map[string]int
	var node *struct{ next any }
	var v any = 2.5
	zero := 0
	var nilCh chan bool
	done := make(chan bool)
	close(done)

	catch("index", func() { _ = empty[n] })
	catch("slice", func() { _ = empty[:n] })
	catch("nil map", func() { counts["x"]++ })
	catch("nil ptr", func() { _ = node.next })
	catch("assert", func() { _ = v.(string) })
	catch("divide", func() { _ = n / zero })
	catch("close nil", func() { close(nilCh) })
	catch("close x2", func() { close(done) })
	catch("send", func() { done <- true })
	catch("makeslice", func() { _ = make([]byte, zero-n) })
	catch("value", func() { panic(errors.New("not a runtime error")) })
}
