package procs

import (
	"syscall"
	"unsafe"
)

func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{
		// A group of its own, so that one signal reaches the child and
		// everything it starts, and a terminal's ^C meant for the
		// parent does not.
		Setpgid: true,
		// Killed if the parent dies without stopping it. Linux sends
		// this when the thread that started the child exits, not the
		// whole process; Go keeps its threads for the life of the
		// program, except one left locked by runtime.LockOSThread.
		Pdeathsig: syscall.SIGKILL,
	}
}

// waitExited blocks until the process pid has exited, without reaping it,
// and reports whether it could.
func waitExited(pid int) bool {
	const (
		pPID    = 1          // P_PID
		wExited = 0x4        // WEXITED
		wNoWait = 0x01000000 // WNOWAIT
	)
	var info [128]byte // siginfo_t, unread
	for {
		_, _, errno := syscall.Syscall6(syscall.SYS_WAITID, pPID, uintptr(pid),
			uintptr(unsafe.Pointer(&info)), wExited|wNoWait, 0, 0)
		if errno != syscall.EINTR {
			return errno == 0
		}
	}
}
