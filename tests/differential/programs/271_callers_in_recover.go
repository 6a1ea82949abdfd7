//go:build ignore

// A checker runs functions that fail with a nil dereference and, in its
// deferred recover, finds the failing literal's frame with
// runtime.Callers and runtime.CallersFrames to report the line it
// failed on, as tests of the Go distribution do.
package main

import (
	"fmt"
	"runtime"
	"strings"
)

type store interface{ Get(string) string }

var checked = 0

func failingLine(f func()) (line int) {
	checked++
	want := fmt.Sprintf("main.main.func%d", checked)
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(fmt.Sprint(r), "nil pointer dereference") {
			panic(r)
		}
		pcs := make([]uintptr, 64)
		frames := runtime.CallersFrames(pcs[:runtime.Callers(0, pcs)])
		for {
			fr, more := frames.Next()
			if fr.Func != nil && fr.Func.Name() == want {
				line = fr.Line
				return
			}
			if !more {
				line = -1
				return
			}
		}
	}()
	f()
	return 0
}

func main() {
	fmt.Println(failingLine(func() {
		var s store
		fmt.Println(s.Get("key"))
	}))
	fmt.Println(failingLine(func() {
		var counts *map[string]int
		fmt.Println("before")
		(*counts)["a"]++
	}))
}
