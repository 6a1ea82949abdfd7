//go:build ignore

// Helpers that report where they were called from: runtime.Caller with
// skips of one and two, log.Output with a depth of two and the short
// file flag, through a method and from a goroutine.
package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
)

func calledFrom() string {
	_, file, line, ok := runtime.Caller(1)
	if !ok {
		return "unknown"
	}
	return fmt.Sprintf("%s:%d", filepath.Base(file), line)
}

func twoUp() int {
	_, _, line, _ := runtime.Caller(2)
	return line
}

func viaHelper() int { return twoUp() }

func trace(format string, args ...any) {
	log.Output(2, fmt.Sprintf(format, args...))
}

type meter struct{ name string }

func (m meter) origin() string { return m.name + "@" + calledFrom() }

func main() {
	log.SetFlags(log.Lshortfile)
	log.SetOutput(os.Stdout)

	fmt.Println("first", calledFrom())
	fmt.Println("second", calledFrom())
	fmt.Println("two levels", viaHelper())
	trace("tracing %d", 7)
	fmt.Println(meter{"m"}.origin())
	done := make(chan string)
	go func() {
		done <- calledFrom()
	}()
	fmt.Println("goroutine", <-done)
	log.Print("plain log line")
}
