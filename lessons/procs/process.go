package procs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Process is a running child process. Its methods may be called from any
// goroutine.
type Process struct {
	cmd     *exec.Cmd
	stdin   *os.File // our end of the child's standard input
	stdout  *eofCloser
	grace   time.Duration
	tempDir string // holds the source file; removed when the child ends
	stderr  tailWriter

	unwatch func() bool   // stops watching the context
	done    chan struct{} // closed once the child is reaped and err is set
	err     error

	mu     sync.Mutex
	reaped bool  // after this, the pid may belong to someone else
	cause  error // why we stopped the child, if we did
}

// Start runs the Go program src, a package main, in a child process and
// returns once it has started. The child's standard input and output are
// pipes, reached through Stdin and Stdout; its standard error is kept (its
// last 8 KB) to explain a failure, and copied to a WithStderr writer.
//
// When ctx is done the child is interrupted: its process group gets
// SIGTERM and, after the grace period, SIGKILL, and Wait returns an error
// that wraps ctx's.
func Start(ctx context.Context, src string, opts ...Option) (*Process, error) {
	c := newConfig(opts)
	var tempDir, path string
	if c.command == nil {
		dir, err := os.MkdirTemp("", "procs-")
		if err != nil {
			return nil, fmt.Errorf("procs: %w", err)
		}
		tempDir, path = dir, filepath.Join(dir, "main.go")
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("procs: writing the child's source: %w", err)
		}
	}
	argv, err := c.argv(path)
	if err != nil {
		os.RemoveAll(tempDir)
		return nil, err
	}
	p, err := start(ctx, c, argv, tempDir)
	if err != nil {
		os.RemoveAll(tempDir)
		return nil, err
	}
	return p, nil
}

// start runs argv; tempDir, if set, is removed when the child has ended.
func start(ctx context.Context, c *config, argv []string, tempDir string) (p *Process, err error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("procs: not starting %s: %w", argv[0], err)
	}
	// The pipes are made here rather than by exec.Cmd so that they are
	// *os.File on both sides: Cmd.Wait then waits for the child alone,
	// not for copying goroutines a grandchild could keep open forever.
	var files []*os.File // every end, closed if Start fails
	defer func() {
		if err != nil {
			for _, f := range files {
				f.Close()
			}
		}
	}()
	pipe := func() (r, w *os.File, err error) {
		r, w, err = os.Pipe()
		if err != nil {
			return nil, nil, fmt.Errorf("procs: %w", err)
		}
		files = append(files, r, w)
		return r, w, nil
	}
	inR, inW, err := pipe()
	if err != nil {
		return nil, err
	}
	outR, outW, err := pipe()
	if err != nil {
		return nil, err
	}
	errR, errW, err := pipe()
	if err != nil {
		return nil, err
	}

	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, errW
	cmd.Env = append(os.Environ(), c.env...)
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("procs: starting %s: %w", argv[0], err)
	}
	// The child has its own copies of its ends; with ours closed, each
	// side sees end-of-file when the other is finished.
	inR.Close()
	outW.Close()
	errW.Close()

	p = &Process{
		cmd:     cmd,
		stdin:   inW,
		stdout:  &eofCloser{f: outR},
		grace:   c.grace,
		tempDir: tempDir,
		done:    make(chan struct{}),
	}
	p.stderr.extra = c.stderr
	stderrDone := make(chan struct{})
	go func() {
		defer close(stderrDone)
		io.Copy(&p.stderr, errR)
	}()
	p.unwatch = context.AfterFunc(ctx, func() { p.interrupt(context.Cause(ctx)) })
	go p.wait(errR, stderrDone)
	return p, nil
}

// wait reaps the child and records how it ended.
func (p *Process) wait(errR *os.File, stderrDone <-chan struct{}) {
	// Wait until the child has exited but leave it unreaped, so that its
	// pid, which is also its group's id, cannot yet be reused: signalling
	// the group below and in signal is then never a shot at a stranger.
	exited := waitExited(p.cmd.Process.Pid)
	var err error
	if !exited {
		err = p.cmd.Wait()
	}
	p.mu.Lock()
	// Whatever the child started and left in its group would be an
	// orphan now.
	p.killGroup(syscall.SIGKILL)
	if exited {
		err = p.cmd.Wait()
	}
	p.reaped = true
	cause := p.cause
	p.mu.Unlock()
	p.unwatch()
	// Nobody is left to read what would be written.
	p.stdin.Close()

	// Standard error ends when the last process holding it is gone, which
	// after the kill above is at once, unless something left the group.
	select {
	case <-stderrDone:
	case <-time.After(max(p.grace, 100*time.Millisecond)):
		errR.Close()
		<-stderrDone
	}
	errR.Close()

	var exit *exec.ExitError
	if errors.As(err, &exit) {
		err = &ExitError{ExitError: exit, Stderr: p.stderr.String()}
	}
	if cause != nil {
		if err == nil {
			err = fmt.Errorf("procs: child stopped: %w", cause)
		} else {
			err = fmt.Errorf("procs: child stopped: %w: %w", cause, err)
		}
	}
	if p.tempDir != "" {
		os.RemoveAll(p.tempDir)
	}
	p.err = err
	close(p.done)
}

// PID returns the child's process id, which is also the id of its process
// group.
func (p *Process) PID() int { return p.cmd.Process.Pid }

// Stdin returns the writing end of the child's standard input. Closing it
// tells the child that no more input will come.
func (p *Process) Stdin() io.WriteCloser { return p.stdin }

// Stdout returns the reading end of the child's standard output. It stays
// readable after the child has exited, until everything the child wrote
// has been read, and is closed on reaching end-of-file or by Stop.
func (p *Process) Stdout() io.Reader { return p.stdout }

// Done returns a channel that is closed when the child has exited and
// been reaped.
func (p *Process) Done() <-chan struct{} { return p.done }

// Wait waits for the child to exit and returns nil if it exited with
// status 0. A non-zero status or a death by signal is an *ExitError
// carrying the end of the child's standard error; a child stopped because
// its context was done gives an error that wraps the context's error too.
func (p *Process) Wait() error {
	<-p.done
	return p.err
}

// ExitCode returns the child's exit status, or -1 if it has not exited or
// was killed by a signal.
func (p *Process) ExitCode() int {
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	default:
		return -1
	}
}

// Kill sends SIGKILL to the child's process group at once, without the
// grace given by Stop and by a cancelled context. It does not wait.
func (p *Process) Kill() error {
	return p.signal(syscall.SIGKILL)
}

// Signal sends sig to the child's process group.
func (p *Process) Signal(sig syscall.Signal) error {
	return p.signal(sig)
}

// Stop ends the child gracefully if it can and forcefully if it must,
// then waits for it. First its standard input is closed, which a child
// that reads its input to the end takes as the sign to finish; after the
// grace period its group gets SIGTERM, and after another, SIGKILL. Stop
// closes the parent's end of the child's output, discarding what has not
// been read, and returns what Wait returns.
func (p *Process) Stop() error {
	p.stdin.Close()
	select {
	case <-p.done:
	case <-time.After(p.grace):
		p.terminate()
	}
	p.stdout.Close()
	return p.Wait()
}

// interrupt stops the child because its context is done.
func (p *Process) interrupt(cause error) {
	p.mu.Lock()
	if p.reaped {
		p.mu.Unlock()
		return
	}
	p.cause = cause
	p.mu.Unlock()
	p.terminate()
	p.stdin.Close()
}

// terminate sends SIGTERM, then SIGKILL after the grace period, and
// returns once the child is reaped.
func (p *Process) terminate() {
	p.signal(syscall.SIGTERM)
	t := time.NewTimer(p.grace)
	defer t.Stop()
	select {
	case <-p.done:
	case <-t.C:
		p.signal(syscall.SIGKILL)
		<-p.done
	}
}

func (p *Process) signal(sig syscall.Signal) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.reaped {
		return os.ErrProcessDone
	}
	if err := p.killGroup(sig); err != nil {
		return fmt.Errorf("procs: signalling process group %d: %w", p.PID(), err)
	}
	return nil
}

// killGroup signals the child's process group; p.mu is held and the child
// is not yet reaped.
func (p *Process) killGroup(sig syscall.Signal) error {
	err := syscall.Kill(-p.PID(), sig)
	if errors.Is(err, syscall.ESRCH) {
		return nil // everyone in the group has exited already
	}
	return err
}

// Run runs the Go program src with input as its standard input, and
// returns its standard output once it has exited. If it fails, the error
// is Wait's, and the output is what it wrote before failing.
func Run(ctx context.Context, src, input string, opts ...Option) (string, error) {
	p, err := Start(ctx, src, opts...)
	if err != nil {
		return "", err
	}
	go func() {
		// A child that exits without reading its input makes this
		// write fail, which is no concern of ours.
		io.WriteString(p.stdin, input)
		p.stdin.Close()
	}()
	out, readErr := io.ReadAll(p.Stdout())
	err = p.Wait()
	if err == nil && readErr != nil {
		err = fmt.Errorf("procs: reading the child's output: %w", readErr)
	}
	return string(out), err
}

// ExitError reports a child that exited with a non-zero status or was
// killed by a signal.
type ExitError struct {
	*exec.ExitError
	Stderr string // the end of what the child wrote to standard error
}

func (e *ExitError) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if msg == "" {
		return e.ExitError.Error()
	}
	return e.ExitError.Error() + ": " + msg
}

func (e *ExitError) Unwrap() error { return e.ExitError }

// eofCloser is the child's output. It closes itself at end-of-file, so
// that a caller who reads everything need not remember to.
type eofCloser struct {
	mu sync.Mutex
	f  *os.File
}

func (r *eofCloser) Read(b []byte) (int, error) {
	n, err := r.f.Read(b)
	if err == io.EOF {
		r.Close()
	}
	if errors.Is(err, os.ErrClosed) {
		err = io.EOF // closed by Stop: there is nothing more to read
	}
	return n, err
}

func (r *eofCloser) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.f.Close()
}

// tailWriter keeps the last tailSize bytes written to it, and copies
// everything to extra if it is set.
type tailWriter struct {
	mu    sync.Mutex
	buf   []byte
	extra io.Writer
}

const tailSize = 8 << 10

func (t *tailWriter) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, b...)
	if over := len(t.buf) - tailSize; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	if t.extra != nil {
		t.extra.Write(b) // a failing copy must not stop the child's output
	}
	return len(b), nil
}

func (t *tailWriter) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	// Start at a line boundary if the tail was cut mid-line.
	b := t.buf
	if len(b) == tailSize {
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = b[i+1:]
		}
	}
	return string(b)
}
