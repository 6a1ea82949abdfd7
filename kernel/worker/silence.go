package worker

import (
	"fmt"
	"os"
	"syscall"
)

// silencer ends a program's output when the program ends. A compiled Go
// program exits as its main returns, and its other goroutines print
// nothing after that; the worker runs on until the client stops it, so
// at that moment it puts /dev/null in the place of the file descriptors
// of its standard output and error. Every route of output is cut at once,
// fmt's and direct writes to os.Stdout alike, while what was written
// before is already in the user's terminal or pipe, in its order. The
// worker's events travel on their own pipe, so the result still arrives.
type silencer struct {
	null  *os.File
	files []*os.File
}

func newSilencer(files ...*os.File) (*silencer, error) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("opening %s for the end of the program's output: %w", os.DevNull, err)
	}
	return &silencer{null: null, files: files}, nil
}

// silence makes every later write to the files go to /dev/null. A write
// under way when it is called completes first.
func (s *silencer) silence() {
	nc, err := s.null.SyscallConn()
	if err != nil {
		return
	}
	nc.Control(func(null uintptr) {
		for _, f := range s.files {
			c, err := f.SyscallConn()
			if err != nil {
				continue
			}
			c.Control(func(fd uintptr) { syscall.Dup3(int(null), int(fd), 0) })
		}
	})
}
