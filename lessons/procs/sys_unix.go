//go:build unix && !linux

package procs

import "syscall"

func sysProcAttr() *syscall.SysProcAttr {
	// A group of its own, so that one signal reaches the child and
	// everything it starts.
	return &syscall.SysProcAttr{Setpgid: true}
}

// waitExited would wait for pid to exit without reaping it. Without
// waitid it cannot, so the child is reaped before its group is swept, and
// the sweep may miss a group whose id has already been reused.
func waitExited(pid int) bool { return false }
