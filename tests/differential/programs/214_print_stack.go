//go:build ignore

// debug.PrintStack writes the calling goroutine's trace to standard
// error: from main, from a method called through an interface, and
// from a goroutine, whose trace ends with the go statement.
package main

import (
	"fmt"
	"runtime/debug"
	"sync"
)

//differential:trace

type reporter interface{ report(step int) }

type logger struct{ steps []int }

func (l *logger) report(step int) {
	l.steps = append(l.steps, step)
	debug.PrintStack()
}

func step(r reporter, n int) {
	r.report(n)
}

func main() {
	debug.PrintStack()
	l := &logger{}
	step(l, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		step(l, 2)
	}()
	wg.Wait()
	fmt.Println("steps:", l.steps)
}
