package procs

import (
	"fmt"
	"syscall"
)

// PipeCapacity makes a pipe and fills it, without a reader, and returns
// how many bytes it took before a writer would have had to wait: 65,536 on
// Linux, sixteen pages of 4 KB. A child that writes more output than that
// while its parent is not reading is stopped in its write until the
// parent reads; a parent that waits for such a child to exit before
// reading its output waits forever.
func PipeCapacity() (int, error) {
	var fds [2]int
	// Under the fork lock, as package os does, so that no child started
	// meanwhile inherits the pipe before it is marked close-on-exec.
	syscall.ForkLock.RLock()
	err := syscall.Pipe(fds[:])
	if err == nil {
		syscall.CloseOnExec(fds[0])
		syscall.CloseOnExec(fds[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return 0, fmt.Errorf("procs: making a pipe: %w", err)
	}
	defer syscall.Close(fds[0])
	defer syscall.Close(fds[1])
	// Non-blocking, a write that would wait fails with EAGAIN instead.
	if err := syscall.SetNonblock(fds[1], true); err != nil {
		return 0, fmt.Errorf("procs: %w", err)
	}
	total := 0
	buf := make([]byte, 4096)
	// Page-sized writes fill it fast; single bytes then take up any
	// room a page could not.
	for _, size := range []int{len(buf), 1} {
		for {
			n, err := syscall.Write(fds[1], buf[:size])
			if n > 0 {
				total += n
			}
			if err == syscall.EINTR {
				continue
			}
			if err == syscall.EAGAIN {
				break
			}
			if err != nil {
				return total, fmt.Errorf("procs: writing to a pipe: %w", err)
			}
		}
	}
	return total, nil
}
