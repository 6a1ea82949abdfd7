package procs

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"
	"unsafe"
)

// cpuMask is a sched_setaffinity mask for up to 1,024 CPUs.
type cpuMask [16]uint64

// onOneCPU confines a thread of this process and a cat child to the first
// CPU this process may use, and calls measure with that CPU, a function
// that times n round trips of one byte through the child, and one that
// times n writes and reads of a byte on a pipe with no other process.
func onOneCPU(ctx context.Context, measure func(cpu int, roundTrip, pipeCalls func(n int) (time.Duration, error)) error) error {
	done := make(chan error, 1)
	go func() {
		// The goroutine keeps its thread, whose CPU mask is changed
		// below, and never unlocks it: the thread ends with the
		// goroutine, so that no other goroutine ever runs confined.
		runtime.LockOSThread()
		done <- pinned(ctx, measure)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		// The child is being killed, which ends the round trips; a
		// measurement that still does not return is left behind.
		select {
		case err := <-done:
			return err
		case <-time.After(time.Second):
			return fmt.Errorf("procs: measuring a context switch: %w", ctx.Err())
		}
	}
}

func pinned(ctx context.Context, measure func(cpu int, roundTrip, pipeCalls func(n int) (time.Duration, error)) error) error {
	var allowed cpuMask
	if err := schedAffinity(syscall.SYS_SCHED_GETAFFINITY, 0, &allowed); err != nil {
		return fmt.Errorf("procs: reading the CPUs this process may use: %w", err)
	}
	cpu := -1
	for i, word := range allowed {
		if word != 0 {
			cpu = i*64 + bits.TrailingZeros64(word)
			break
		}
	}
	if cpu < 0 {
		return errors.New("procs: this process may use no CPU")
	}
	var one cpuMask
	one[cpu/64] = 1 << (cpu % 64)
	if err := schedAffinity(syscall.SYS_SCHED_SETAFFINITY, 0, &one); err != nil {
		return fmt.Errorf("procs: confining a thread to CPU %d: %w", cpu, err)
	}

	var toChild, fromChild, self [2]int
	for _, p := range []*[2]int{&toChild, &fromChild, &self} {
		// Blocking pipes, read and written with plain system calls:
		// a reader waits in the kernel, so the CPU goes straight to
		// the other process.
		if err := syscall.Pipe2(p[:], syscall.O_CLOEXEC); err != nil {
			return fmt.Errorf("procs: making a pipe: %w", err)
		}
		defer closeFd(&p[0])
		defer closeFd(&p[1])
	}
	childIn := os.NewFile(uintptr(toChild[0]), "cat's stdin")
	childOut := os.NewFile(uintptr(fromChild[1]), "cat's stdout")
	toChild[0], fromChild[1] = -1, -1 // the Files own them now
	cmd := exec.Command("cat")
	cmd.Stdin, cmd.Stdout = childIn, childOut
	cmd.SysProcAttr = sysProcAttr()
	err := cmd.Start()
	// The child has its own copies now.
	childIn.Close()
	childOut.Close()
	if err != nil {
		return fmt.Errorf("procs: starting cat: %w", err)
	}
	stop := context.AfterFunc(ctx, func() { cmd.Process.Kill() })
	defer stop()
	if err := schedAffinity(syscall.SYS_SCHED_SETAFFINITY, cmd.Process.Pid, &one); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return fmt.Errorf("procs: confining cat to CPU %d: %w", cpu, err)
	}

	b := []byte{'x'}
	roundTrip := func(n int) (time.Duration, error) {
		start := time.Now()
		for range n {
			if err := writeByte(toChild[1], b); err != nil {
				return 0, err
			}
			if err := readByte(fromChild[0], b); err != nil {
				return 0, err
			}
		}
		return time.Since(start), nil
	}
	pipeCalls := func(n int) (time.Duration, error) {
		start := time.Now()
		for range n {
			if err := writeByte(self[1], b); err != nil {
				return 0, err
			}
			if err := readByte(self[0], b); err != nil {
				return 0, err
			}
		}
		return time.Since(start), nil
	}
	err = measure(cpu, roundTrip, pipeCalls)

	// cat ends when its input does.
	closeFd(&toChild[1])
	waitErr := cmd.Wait()
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("procs: measuring a context switch: %w", ctx.Err())
	case err != nil:
		return err
	case waitErr != nil:
		return fmt.Errorf("procs: cat: %w", waitErr)
	}
	return nil
}

// closeFd closes *fd once: it is -1 afterwards.
func closeFd(fd *int) {
	if *fd >= 0 {
		syscall.Close(*fd)
		*fd = -1
	}
}

func writeByte(fd int, b []byte) error {
	for {
		n, err := syscall.Write(fd, b)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return fmt.Errorf("procs: writing to a pipe: %w", err)
		case n != 1:
			return errors.New("procs: a one-byte write to a pipe wrote nothing")
		}
		return nil
	}
}

func readByte(fd int, b []byte) error {
	for {
		n, err := syscall.Read(fd, b)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return fmt.Errorf("procs: reading from a pipe: %w", err)
		case n == 0:
			return errors.New("procs: the pipe's writer is gone")
		}
		return nil
	}
}

// schedAffinity gets or sets (trap) the CPU mask of the thread or process
// pid, 0 for the calling thread.
func schedAffinity(trap uintptr, pid int, mask *cpuMask) error {
	_, _, errno := syscall.RawSyscall(trap, uintptr(pid), unsafe.Sizeof(*mask), uintptr(unsafe.Pointer(mask)))
	if errno != 0 {
		return errno
	}
	return nil
}
