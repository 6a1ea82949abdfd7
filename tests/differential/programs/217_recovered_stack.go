//go:build ignore

// debug.Stack read by the deferred call that recovers a panic: the trace
// holds the deferred function, the runtime's panic, the functions the
// panic left and their callers, as Go's does, for a run-time error in a
// callee, a panic statement in the deferring function itself, in a
// goroutine, and after the recover has returned.
package main

import (
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
)

var (
	offsets = regexp.MustCompile(` \+0x[0-9a-f]+`)
	args    = regexp.MustCompile(`(?m)^([^\t].*)\(.*\)$`)
	numbers = regexp.MustCompile(`goroutine \d+`)
)

func clean(trace string) string {
	trace = offsets.ReplaceAllString(trace, "")
	trace = args.ReplaceAllString(trace, "$1")
	return numbers.ReplaceAllString(trace, "goroutine N")
}

func divide(a, b int) int { return a / b }

func index(xs []int, i int) int { return xs[i] }

func safeDivide(a, b int) (q int, trace string) {
	defer func() {
		if r := recover(); r != nil {
			trace = fmt.Sprintf("%v\n%s", r, clean(string(debug.Stack())))
		}
	}()
	return divide(a, b), ""
}

func safeIndex(xs []int, i int) (v int, trace string) {
	defer func() {
		if r := recover(); r != nil {
			trace = fmt.Sprintf("%v\n%s", r, clean(string(debug.Stack())))
		}
	}()
	return index(xs, i), ""
}

func explicit() (trace string) {
	defer func() {
		r := recover()
		trace = fmt.Sprintf("%v\n%s", r, clean(string(debug.Stack())))
	}()
	panic("boom")
}

func main() {
	_, t := safeDivide(1, 0)
	fmt.Print(t)
	_, t = safeIndex(nil, 3)
	fmt.Print(t)
	fmt.Print(explicit())

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, t := safeDivide(2, 0)
		fmt.Println(strings.Count(t, "\n"), strings.Contains(t, "main.divide"), strings.Contains(t, "created by main.main"))
	}()
	wg.Wait()

	// The panic is over: the trace is the caller's again.
	_, t = safeDivide(4, 2)
	fmt.Printf("%q\n", t)
	fmt.Print(clean(string(debug.Stack())))
}
