//go:build ignore

// A logger walks up the stack with runtime.Caller until it fails, as
// hand-written stack dumps do: every frame, the runtime's at the bottom
// included, in main and in a goroutine.
package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
)

func dump(label string) {
	var frames []string
	for skip := 1; ; skip++ {
		pc, file, line, ok := runtime.Caller(skip)
		if !ok {
			break
		}
		frames = append(frames, fmt.Sprintf("%s (%s:%d)", runtime.FuncForPC(pc).Name(), filepath.Base(file), line))
	}
	fmt.Printf("%s:\n  %s\n", label, strings.Join(frames, "\n  "))
}

type service struct{ name string }

func (s *service) handle(depth int) {
	if depth > 0 {
		s.handle(depth - 1)
		return
	}
	dump(s.name)
}

func main() {
	(&service{"main"}).handle(2)
	done := make(chan bool)
	go func() {
		(&service{"worker"}).handle(1)
		done <- true
	}()
	<-done
}
