//go:build ignore

// Every frame runtime.Callers and runtime.CallersFrames give, the
// runtime's at the bottom too: runtime.main and runtime.goexit under
// main, runtime.goexit under a goroutine, runtime.doInit1 and doInit
// under a variable's initializer and an init function. A helper that
// walks up to runtime.main finds it.
package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

func frames(skip int) []string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(skip+1, pcs)
	all := runtime.CallersFrames(pcs[:n])
	var out []string
	for {
		f, more := all.Next()
		out = append(out, fmt.Sprintf("%s %s:%d", f.Function, filepath.Base(f.File), f.Line))
		if !more {
			return out
		}
	}
}

func print(label string) {
	fmt.Println(label)
	for _, f := range frames(2) {
		fmt.Println("  " + f)
	}
}

// depth counts the frames of the program's own code, up to runtime.main.
func depth() int {
	pcs := make([]uintptr, 64)
	all := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	d := 0
	for {
		f, more := all.Next()
		if f.Function == "runtime.main" {
			return d
		}
		d++
		if !more {
			return -1
		}
	}
}

var initialized = func() string {
	print("variable initializer")
	return "ready"
}()

func init() {
	print("init function")
}

type worker struct{ id int }

func (w *worker) run(wg *sync.WaitGroup) {
	defer wg.Done()
	print(fmt.Sprint("worker ", w.id))
}

func recurse(n int) int {
	if n == 0 {
		return depth()
	}
	return recurse(n - 1)
}

func main() {
	print("main")
	fmt.Println(initialized)
	var wg sync.WaitGroup
	wg.Add(1)
	go (&worker{1}).run(&wg)
	wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		print("literal goroutine")
	}()
	wg.Wait()
	fmt.Println("depth", recurse(3))
	pcs := make([]uintptr, 64)
	n := runtime.Callers(0, pcs)
	last, _ := runtime.CallersFrames(pcs[n-1 : n]).Next()
	fmt.Println(n, last.Function, strings.HasSuffix(last.File, ".s"))
}
