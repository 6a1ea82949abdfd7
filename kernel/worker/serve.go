package worker

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"goconc/display"
	"goconc/kernel/engine"
)

// Serve is the child's side: it reads requests from in, runs cells in one
// engine.Session that prints to stdout and stderr, and writes events to
// out. It returns when in is closed.
func Serve(ctx context.Context, in io.Reader, out io.Writer, stdout, stderr *os.File) error {
	return ServeProgram(ctx, in, out, stdout, stderr, Program{})
}

// userEnvPrefix starts the variables that carry the user's own values of
// the runtime settings the client gives the worker (GOTRACEBACK=none, a
// memory limit, GOMAXPROCS): GOCONC_USER_GOTRACEBACK holds the user's
// GOTRACEBACK, and so on, empty when the user had none.
const userEnvPrefix = "GOCONC_USER_"

// overrideEnv sets name to value in env, a worker's environment, and
// keeps the user's value for restoreUserEnv.
func overrideEnv(env []string, name, value string) []string {
	return append(env, userEnvPrefix+name+"="+os.Getenv(name), name+"="+value)
}

// restoreUserEnv gives the process's environment, which programs that
// cells start inherit and cells read, the user's values again. The
// runtime read the worker's own settings when the process started, so it
// keeps them.
func restoreUserEnv() {
	for _, kv := range os.Environ() {
		name, v, _ := strings.Cut(kv, "=")
		setting, ok := strings.CutPrefix(name, userEnvPrefix)
		if !ok || setting == "" {
			continue
		}
		os.Unsetenv(name)
		if v == "" {
			os.Unsetenv(setting)
		} else {
			os.Setenv(setting, v)
		}
	}
}

// Program describes a program run from a file, for its worker: cells
// then speak of the file and see its arguments.
type Program struct {
	File string   // the file, as the user named it
	Args []string // os.Args after the program's name
}

// ServeProgram is Serve for the cells of a program run from a file.
func ServeProgram(ctx context.Context, in io.Reader, out io.Writer, stdout, stderr *os.File, prog Program) error {
	restoreUserEnv()
	if prog.File != "" {
		// Compiled packages read the process's arguments themselves:
		// flag.Parse reads os.Args, and its usage names the program.
		os.Args = prog.argv()
		flag.CommandLine = flag.NewFlagSet(os.Args[0], flag.ContinueOnError)
	}
	w := &server{
		events: json.NewEncoder(out),
		stdout: &cellStream{f: stdout},
		stderr: &cellStream{f: stderr},
		inputs: make(chan request, 1),
	}
	w.stdin = &inputReader{ask: w.askInput}
	opts := engine.Options{
		Stdin:      w.stdin,
		Stdout:     stdout,
		Stderr:     stderr,
		CellStdout: w.stdout,
		CellStderr: w.stderr,
		Program:    prog.File,
		Args:       prog.argv(),
	}
	if prog.File != "" {
		// A program's streams are its user's (see Options.Program):
		// nothing is framed or fenced, and it reads its own input.
		opts.Stdin, opts.CellStdout, opts.CellStderr = os.Stdin, nil, nil
		w.stdout.plain, w.stderr.plain = true, true
		// Nothing it prints after it ends comes out.
		quiet, err := newSilencer(stdout, stderr)
		if err != nil {
			return err
		}
		opts.End = quiet.silence
	}
	sess, err := engine.NewSession(opts)
	if err != nil {
		return fmt.Errorf("starting interpreter: %w", err)
	}
	if err := w.send(event{Op: "ready"}); err != nil {
		return err
	}

	jobs := make(chan job, 1)
	done := make(chan error, 1)
	go func() { done <- w.runCells(sess, jobs) }()

	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for sc.Scan() {
		var req request
		if err := json.Unmarshal(sc.Bytes(), &req); err != nil {
			fmt.Fprintf(stderr, "goconc worker: bad request: %v\n", err)
			continue
		}
		switch req.Op {
		case "execute":
			cellCtx, cancel := context.WithCancel(ctx)
			w.mu.Lock()
			w.cancel = cancel
			w.mu.Unlock()
			jobs <- job{req: req, ctx: cellCtx}
		case "interrupt":
			w.mu.Lock()
			if w.cancel != nil {
				w.cancel()
			}
			w.mu.Unlock()
		case "input":
			select {
			case w.inputs <- req:
			default: // an answer nobody asked for
			}
		}
	}
	close(jobs)
	<-done
	return sc.Err()
}

// argv is os.Args for the program's cells: nil (the engine's default)
// outside a file run.
func (p Program) argv() []string {
	if p.File == "" {
		return nil
	}
	name := strings.TrimSuffix(filepath.Base(p.File), ".go")
	return append([]string{name}, p.Args...)
}

// job is a cell to run under its own context, which interrupt cancels.
type job struct {
	req request
	ctx context.Context
}

type server struct {
	mu     sync.Mutex // guards events, cancel and current
	events *json.Encoder
	stdout *cellStream
	stderr *cellStream
	stdin  *inputReader
	inputs chan request

	cancel   context.CancelFunc // cancels the running cell
	current  job
	question uint64 // number of the last input request
}

func (w *server) send(e event) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.events.Encode(e); err != nil {
		return fmt.Errorf("sending %s event: %w", e.Op, err)
	}
	return nil
}

func (w *server) runCells(sess *engine.Session, jobs <-chan job) error {
	for j := range jobs {
		w.mu.Lock()
		w.current = j
		w.mu.Unlock()
		w.stdout.begin(j.req.ID)
		w.stderr.begin(j.req.ID)
		res := sess.ExecuteCell(j.ctx, j.req.ID, j.req.Code)
		w.stdout.end(fenceTag("cell", j.req.ID))
		w.stderr.end(fenceTag("cell", j.req.ID))
		if err := w.send(event{ID: j.req.ID, Op: "result", Result: &res}); err != nil {
			return err
		}
	}
	return nil
}

func (w *server) writeFences(tag string) {
	w.stdout.fence(tag)
	w.stderr.fence(tag)
}

// cellStream is the child's standard output or error as cells print to
// it. What the running cell prints, and what cannot be told apart, goes
// out as it is; what goroutines print for a cell that has returned goes
// in text frames naming it. Writes and fences are ordered by one lock,
// so that the running cell's text comes before the fence that ends it
// and text printed for it afterwards is framed.
type cellStream struct {
	mu      sync.Mutex
	f       *os.File
	running uint64 // the request id of the running cell; 0 between cells
	frame   []byte // reused for framing
	plain   bool   // no fences: the parent reads no pipe
}

// WriteCell implements engine.CellWriter.
func (s *cellStream) WriteCell(cell uint64, p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cell == 0 || cell == s.running {
		return s.f.Write(p)
	}
	written := 0
	for len(p) > 0 {
		n := textCut(p)
		s.frame = appendTextFrame(s.frame[:0], cell, p[:n])
		if _, err := s.f.Write(s.frame); err != nil {
			return written, err
		}
		written += n
		p = p[n:]
	}
	return written, nil
}

// begin records that cell is running.
func (s *cellStream) begin(cell uint64) {
	s.mu.Lock()
	s.running = cell
	s.mu.Unlock()
}

// end writes the fence that ends the running cell's output.
func (s *cellStream) end(tag string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.plain {
		s.f.Write(fence(tag))
	}
	s.running = 0
}

func (s *cellStream) fence(tag string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.plain {
		s.f.Write(fence(tag))
	}
}

// askInput asks the parent for a line of input on behalf of the running
// cell and waits for the answer.
func (w *server) askInput(prompt string) (string, error) {
	w.mu.Lock()
	cell := w.current
	w.question++
	seq := w.question
	w.mu.Unlock()
	ctx := cell.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	id := cell.req.ID
	w.writeFences(fenceTag("input", id))
	if err := w.send(event{ID: id, Op: "input", Seq: seq, Prompt: prompt}); err != nil {
		return "", err
	}
	for {
		select {
		case ans := <-w.inputs:
			if ans.Seq != seq {
				continue // the answer to an earlier, abandoned question
			}
			if ans.Err == io.EOF.Error() {
				return "", io.EOF
			}
			if ans.Err != "" {
				return "", errors.New(ans.Err)
			}
			return ans.Text, nil
		case <-ctx.Done():
			return "", errors.New("input cancelled: the cell was interrupted")
		}
	}
}

// inputReader is the cells' os.Stdin: each time its buffer runs dry it
// asks the notebook for another line.
type inputReader struct {
	ask func(prompt string) (string, error)
	mu  sync.Mutex
	buf []byte
}

func (r *inputReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.buf) == 0 {
		line, err := r.ask("")
		if err == io.EOF {
			return 0, io.EOF
		}
		if err != nil {
			return 0, fmt.Errorf("reading standard input: %w", err)
		}
		r.buf = append(r.buf, line...)
		r.buf = append(r.buf, '\n')
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

func decodeFrame(body []byte) (*display.Message, error) {
	var m display.Message
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("bad display frame: %w", err)
	}
	return &m, nil
}
