//go:build ignore

// A helper prints the chain of calls that led to it, read with
// runtime.Callers and runtime.CallersFrames, and another names its
// caller with runtime.Caller and runtime.FuncForPC: both see the
// program's functions and lines, up to main.main.
package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
)

func chain(label string) {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(2, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var calls []string
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "main.") {
			break
		}
		calls = append(calls, fmt.Sprintf("%s (%s:%d)", f.Function, filepath.Base(f.File), f.Line))
		if !more {
			break
		}
	}
	fmt.Printf("%s: %s\n", label, strings.Join(calls, " <- "))
}

func callerName() string {
	pc, _, line, ok := runtime.Caller(1)
	if !ok {
		return "unknown"
	}
	return fmt.Sprintf("%s:%d", runtime.FuncForPC(pc).Name(), line)
}

type ledger struct{ entries []int }

func (l *ledger) add(v int) {
	l.entries = append(l.entries, v)
	if v < 0 {
		chain("negative entry")
	}
	fmt.Println("add called from", callerName())
}

//go:noinline
func post(l *ledger, vs ...int) {
	for _, v := range vs {
		l.add(v)
	}
}

func main() {
	chain("start")
	l := &ledger{}
	post(l, 3, -1)
	fmt.Println(l.entries)
}
