// Package procs runs Go code in child processes, so that a lesson can show
// what processes give (memory of their own, parallelism without sharing)
// and what they cost (start-up time, a context switch that goes through
// the kernel, and everything that crosses between them turned into bytes
// and back). MeasureSpawn and MeasureSwitch set those costs against a
// goroutine's.
//
// Go has no fork without exec: a child is a separate program. Start writes
// the Go source it is given to a file and runs it with "goconc run", which
// interprets it, so no Go toolchain is needed; any other runner or command
// can be chosen with an Option. The parent talks to the child over its
// standard input and output, which are plain pipes: Encoder and Decoder
// send values across them as JSON, one value a line, and PipeCapacity
// measures how many bytes a pipe holds before its writer has to wait.
//
// Pool keeps a number of worker processes running Go functions the lesson
// provides and hands them tasks over their pipes. It is an
// executor.Executor, so a lesson can swap the goroutine pool of package
// executor for processes without changing the code that submits the work.
//
// A child never outlives what started it. Each one runs in a process group
// of its own; when the context it was started with is done, the group is
// sent SIGTERM and, if it is still there after a grace period, SIGKILL.
// When the child exits, whatever it started that still runs in its group
// is killed, and the child is reaped, so it leaves neither orphans nor a
// zombie behind. On Linux a child is also killed if its parent dies.
//
// The package needs a Unix system, and Linux for the parent-death signal.
package procs

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// GoconcEnv is the environment variable that names the goconc binary
// Start runs Go source with, when no WithGoconc option does.
const GoconcEnv = "GOCONC_BIN"

// DefaultGrace is how long a child has to end after SIGTERM, or after
// its standard input is closed by Stop, before it is killed.
const DefaultGrace = time.Second

// An Option changes how Start, Run, NewPool or MeasureSpawn run a child.
type Option func(*config)

type config struct {
	goconc  string   // path of the goconc binary, if set
	runner  []string // argv that runs a Go file, which is appended
	command []string // argv run as is, ignoring the source
	grace   time.Duration
	stderr  io.Writer
	env     []string
}

func newConfig(opts []Option) *config {
	c := &config{grace: DefaultGrace}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithGoconc sets the path of the goconc binary that runs Go source.
// Without it, Start uses $GOCONC_BIN, then the running program itself if
// it is goconc (as it is for a notebook cell), then goconc on $PATH.
func WithGoconc(path string) Option {
	return func(c *config) { c.goconc = path }
}

// WithRunner runs Go source with argv followed by the path of the source
// file instead of "goconc run": WithRunner("go", "run") compiles it with
// the Go toolchain.
func WithRunner(argv ...string) Option {
	return func(c *config) { c.runner = append([]string{}, argv...) }
}

// WithCommand runs argv as it is, ignoring the source passed to Start,
// which may then be empty. It is how a lesson starts /bin/sh, or any
// program that is not Go source.
func WithCommand(argv ...string) Option {
	return func(c *config) { c.command = append([]string{}, argv...) }
}

// WithGrace sets how long a child has to end on its own before it is
// killed: after SIGTERM when its context is done, and after each step of
// Stop. The default is DefaultGrace.
func WithGrace(d time.Duration) Option {
	return func(c *config) { c.grace = d }
}

// WithStderr copies the child's standard error to w as it arrives. The
// end of it is kept in any case, to explain a failed exit.
func WithStderr(w io.Writer) Option {
	return func(c *config) { c.stderr = w }
}

// WithEnv adds variables, each "KEY=value", to the child's environment,
// which is otherwise the parent's.
func WithEnv(kv ...string) Option {
	return func(c *config) { c.env = append(c.env, kv...) }
}

// argv returns the command line that runs the Go file at path.
func (c *config) argv(path string) ([]string, error) {
	if c.command != nil {
		if len(c.command) == 0 {
			return nil, errors.New("procs: WithCommand needs a program")
		}
		return c.command, nil
	}
	if c.runner != nil {
		if len(c.runner) == 0 {
			return nil, errors.New("procs: WithRunner needs a program")
		}
		return append(append([]string(nil), c.runner...), path), nil
	}
	goconc, err := c.findGoconc()
	if err != nil {
		return nil, err
	}
	return []string{goconc, "run", path}, nil
}

func (c *config) findGoconc() (string, error) {
	if c.goconc != "" {
		return c.goconc, nil
	}
	if p := os.Getenv(GoconcEnv); p != "" {
		return p, nil
	}
	// A notebook cell runs inside a goconc worker process.
	if exe, err := os.Executable(); err == nil && filepath.Base(exe) == "goconc" {
		return exe, nil
	}
	p, err := exec.LookPath("goconc")
	if err != nil {
		return "", fmt.Errorf("procs: no goconc binary to run Go source: set %s or put goconc on PATH: %w", GoconcEnv, err)
	}
	return p, nil
}
