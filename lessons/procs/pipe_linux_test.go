package procs

import (
	"os"
	"syscall"
	"testing"
)

func TestPipeCapacity(t *testing.T) {
	got, err := PipeCapacity()
	if err != nil {
		t.Fatal(err)
	}
	// The kernel says how big it makes a pipe: F_GETPIPE_SZ.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	const getPipeSize = 1032 // F_GETPIPE_SZ
	size, _, errno := syscall.Syscall(syscall.SYS_FCNTL, w.Fd(), getPipeSize, 0)
	if errno != 0 {
		t.Fatal(errno)
	}
	if got != int(size) {
		t.Errorf("PipeCapacity = %d, kernel pipe size %d", got, size)
	}
}
