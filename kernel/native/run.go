package native

import (
	"bytes"
	"context"
	"encoding/json"
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

	"goconc/display"
)

// RunOptions configure one run of a Program.
type RunOptions struct {
	// Stdout and Stderr receive what the program prints, as it prints
	// it. Nil discards it. The runtime's report of a panic or fatal
	// error goes to Result.Failure instead of Stderr, and race reports to
	// Result.Races.
	Stdout, Stderr io.Writer
	// Display, when set, receives the program's goconc/display
	// operations, which then travel framed on its standard output and
	// are taken out of Stdout.
	Display func(display.Message)
	// Stdin is the program's standard input; nil means none.
	Stdin io.Reader
	// Env is added to the program's environment.
	Env []string
	// Args are the program's arguments.
	Args []string
}

// Run runs the program once and reports how it ended. Cancelling ctx
// kills the program and every process it started. An error means the
// program could not be started.
func (p *Program) Run(ctx context.Context, opts RunOptions) (Result, error) {
	logs, err := os.MkdirTemp(p.dir, "race")
	if err != nil {
		return Result{}, fmt.Errorf("native run: %w", err)
	}
	defer os.RemoveAll(logs)

	cmd := exec.Command(p.Path, opts.Args...)
	cmd.Env = append(os.Environ(), opts.Env...)
	if p.Race {
		// Reports go to files, away from what the program prints; the
		// program goes on after a race so that its output is whole.
		cmd.Env = append(cmd.Env, "GORACE=log_path="+filepath.Join(logs, "race")+" halt_on_error=0")
	}
	if opts.Display != nil {
		cmd.Env = append(cmd.Env, display.EnvVar+"=inband")
	}
	cmd.Stdin = opts.Stdin
	stdout := opts.Stdout
	if stdout == nil {
		stdout = io.Discard
	}
	if opts.Display != nil {
		stdout = &frameSplitter{text: stdout, display: opts.Display}
	}
	stderr := opts.Stderr
	if stderr == nil {
		stderr = io.Discard
	}
	crash := &crashCatcher{w: stderr}
	cmd.Stdout = &lockedWriter{w: stdout}
	cmd.Stderr = crash
	// Its own process group, so that cancelling reaches the processes it
	// starts; and it dies with us.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}

	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Result{}, fmt.Errorf("native run: %w", err)
	}
	waited := make(chan struct{})
	interrupted := false
	var mu sync.Mutex
	go func() {
		select {
		case <-ctx.Done():
			mu.Lock()
			interrupted = true
			mu.Unlock()
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		case <-waited:
		}
	}()
	waitErr := cmd.Wait()
	close(waited)
	// Children that outlive the program would keep the group alive.
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	res := Result{Wall: time.Since(start)}
	if st := cmd.ProcessState; st != nil {
		res.ExitCode = st.ExitCode()
		res.User = st.UserTime()
		res.System = st.SystemTime()
	}
	var exit *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exit) {
		return res, fmt.Errorf("native run: %w", waitErr)
	}
	if fs, ok := stdout.(*frameSplitter); ok {
		fs.flush()
	}
	mu.Lock()
	res.Interrupted = interrupted
	mu.Unlock()

	if p.Race {
		res.Races = readRaces(logs, p.lines)
	}
	if report := crash.caught(); report != "" {
		if res.ExitCode != 0 && !res.Interrupted {
			res.Failure = parseFailure(report, p.lines)
		} else {
			io.WriteString(stderr, report) // not the runtime's: the program's own text
		}
	}
	return res, nil
}

// readRaces reads the race detector's log files (one per process).
func readRaces(dir string, lines map[int][]string) []Race {
	entries, _ := os.ReadDir(dir)
	var races []Race
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		races = append(races, parseRaces(string(data), lines)...)
	}
	return races
}

// lockedWriter serializes writes: exec copies stdout and stderr in
// separate goroutines, and they may share a writer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// crashMarkers begin the runtime's report of a panic or fatal error, at
// the start of a line of standard error.
var crashMarkers = []string{"panic: ", "fatal error: "}

// crashCatcher passes standard error through until a line begins like
// the runtime's report of a panic or fatal error; from there on it keeps
// the text, which the run reports as a Failure (or passes on, when the
// program exits normally after all).
type crashCatcher struct {
	mu        sync.Mutex
	w         io.Writer
	midLine   bool   // the last byte passed was not a newline
	held      []byte // the start of a line that may be a marker
	capturing bool
	report    bytes.Buffer
}

func (c *crashCatcher) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := len(p)
	for len(p) > 0 {
		if c.capturing {
			c.report.Write(p)
			return n, nil
		}
		if c.midLine {
			i := bytes.IndexByte(p, '\n')
			if i < 0 {
				c.w.Write(p)
				return n, nil
			}
			c.w.Write(p[:i+1])
			p = p[i+1:]
			c.midLine = false
			continue
		}
		// At the start of a line: hold bytes while they may begin a marker.
		c.held = append(c.held, p[0])
		p = p[1:]
		switch c.match() {
		case matchWhole:
			c.capturing = true
			c.report.Write(c.held)
			c.held = nil
		case matchNone:
			c.w.Write(c.held)
			c.midLine = c.held[len(c.held)-1] != '\n'
			c.held = nil
		}
	}
	return n, nil
}

type matchKind int

const (
	matchNone matchKind = iota
	matchPrefix
	matchWhole
)

func (c *crashCatcher) match() matchKind {
	for _, m := range crashMarkers {
		switch {
		case bytes.HasPrefix(c.held, []byte(m)):
			return matchWhole
		case strings.HasPrefix(m, string(c.held)):
			return matchPrefix
		}
	}
	return matchNone
}

// caught returns the report kept, and passes on bytes held at the end.
func (c *crashCatcher) caught() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.held) > 0 {
		c.w.Write(c.held)
		c.held = nil
	}
	return c.report.String()
}

// frameSplitter takes goconc/display frames out of standard output.
type frameSplitter struct {
	text    io.Writer
	display func(display.Message)
	pending []byte
}

// maxFrame bounds an unterminated frame: a program printing a stray
// escape must not have its output held for ever.
const maxFrame = 64 << 20

func (s *frameSplitter) Write(p []byte) (int, error) {
	s.pending = append(s.pending, p...)
	for len(s.pending) > 0 {
		i := bytes.IndexByte(s.pending, 0x1b)
		if i < 0 {
			s.emit(len(s.pending))
			break
		}
		if i > 0 {
			s.emit(i)
			continue
		}
		start := []byte(display.FrameStart)
		if !bytes.HasPrefix(s.pending, start) {
			if bytes.HasPrefix(start, s.pending) {
				break // the beginning of a frame: wait for more
			}
			s.emit(1)
			continue
		}
		end := bytes.IndexByte(s.pending, display.FrameEnd[0])
		if end < 0 {
			if len(s.pending) > maxFrame {
				s.emit(1)
				continue
			}
			break
		}
		var m display.Message
		if err := json.Unmarshal(s.pending[len(start):end], &m); err != nil {
			fmt.Fprintf(s.text, "[display: bad frame: %v]\n", err)
		} else {
			s.display(m)
		}
		s.pending = s.pending[end+1:]
	}
	return len(p), nil
}

func (s *frameSplitter) emit(n int) {
	s.text.Write(s.pending[:n])
	s.pending = s.pending[n:]
}

// flush passes on what is left at the end of the run.
func (s *frameSplitter) flush() {
	if len(s.pending) > 0 {
		s.emit(len(s.pending))
	}
}
