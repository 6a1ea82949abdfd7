package worker

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode/utf8"

	"goconc/display"
	"goconc/kernel/engine"
)

// Options configure a Client.
type Options struct {
	// Command is the worker's argv. The default runs this executable with
	// the argument "worker".
	Command []string
	// MemoryLimit is the most resident memory, in bytes, the worker may
	// use before its cell is stopped. Zero means DefaultMemoryLimit.
	MemoryLimit int64
	// MaxProcs is the worker's GOMAXPROCS: how many cores its goroutines
	// run on at once. Zero means the Go runtime's default, every core.
	MaxProcs int
	// OutputLimit is how many bytes of text one cell may print; the rest
	// is dropped with a notice. Zero means DefaultOutputLimit.
	OutputLimit int64
	// InterruptGrace is how long an interrupted cell has to stop before
	// the worker is restarted. Zero means one second.
	InterruptGrace time.Duration
	// Log receives the client's own diagnostics. Nil means os.Stderr.
	Log io.Writer
	// Program, when its File is set, makes the worker's cells a program
	// run from that file (see ServeProgram).
	Program Program
}

// DefaultMemoryLimit is the worker's memory limit when none is set.
const DefaultMemoryLimit = 4 << 30

// DefaultOutputLimit is how much text a cell may print when no limit is
// set: far more than a notebook shows, far less than would exhaust the
// kernel, the client or the browser.
const DefaultOutputLimit = 16 << 20

// Client runs cells in a worker process and implements engine.Interpreter.
// When the worker dies, the cell running in it ends with an error that says
// why, and the next cell starts a fresh worker.
type Client struct {
	opts   Options
	mu     sync.Mutex // guards proc and nextID
	proc   *process
	nextID uint64
	intro  *engine.Introspector
	recent *recentOutputs
}

// Start starts a worker and returns a client for it.
func Start(opts Options) (*Client, error) {
	if opts.Command == nil {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("finding the goconc executable: %w", err)
		}
		opts.Command = []string{exe, "worker"}
		if opts.Program.File != "" {
			opts.Command = append(opts.Command, "-program", opts.Program.File, "--")
			opts.Command = append(opts.Command, opts.Program.Args...)
		}
	}
	if opts.OutputLimit == 0 {
		opts.OutputLimit = DefaultOutputLimit
	}
	if opts.MemoryLimit == 0 {
		opts.MemoryLimit = DefaultMemoryLimit
	}
	if opts.InterruptGrace == 0 {
		opts.InterruptGrace = time.Second
	}
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	c := &Client{opts: opts, intro: engine.NewIntrospector(), recent: newRecentOutputs(recentCells)}
	p, err := c.start()
	if err != nil {
		return nil, err
	}
	c.proc = p
	return c, nil
}

// process is one running worker.
type process struct {
	cmd      *exec.Cmd
	requests *json.Encoder
	reqMu    sync.Mutex
	events   chan event
	exited   chan struct{}                 // closed once the process has exited and its output is read
	reason   atomic.Value                  // string: why the process was stopped, when we stopped it
	out      atomic.Pointer[engine.Output] // the running cell's, or the last one's
	recent   *recentOutputs                // earlier cells', for what their goroutines print
	fences   *fenceBoard
	tail     *tailBuffer // the end of stderr, to explain a crash
	waitErr  error
	started  chan struct{}
	direct   bool // the worker prints to our own standard streams: no fences
}

func (c *Client) start() (*process, error) {
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("worker pipe: %w", err)
	}
	evR, evW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("worker pipe: %w", err)
	}
	cmd := exec.Command(c.opts.Command[0], c.opts.Command[1:]...)
	// The worker's own runtime prints no goroutine dump when it dies:
	// the client explains the crash itself. Programs its cells start
	// get the user's setting back (restoreUserEnv).
	cmd.Env = overrideEnv(os.Environ(), "GOTRACEBACK", "none")
	cmd.Env = overrideEnv(cmd.Env, "GOMEMLIMIT", strconv.FormatInt(c.opts.MemoryLimit*9/10, 10))
	if c.opts.MaxProcs > 0 {
		cmd.Env = overrideEnv(cmd.Env, "GOMAXPROCS", strconv.Itoa(c.opts.MaxProcs))
	}
	// A program run from a file prints straight to this process's
	// standard streams, as a compiled program would: its output and
	// errors keep their order, and displays print as text.
	direct := c.opts.Program.File != ""
	if !direct {
		cmd.Env = append(cmd.Env, display.EnvVar+"=inband")
	}
	cmd.ExtraFiles = []*os.File{reqR, evW}
	// Its own process group, so that interrupting or killing it also
	// reaches the processes its cells started.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	var stdout, stderr io.Reader
	if direct {
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	} else {
		if stdout, err = cmd.StdoutPipe(); err != nil {
			return nil, fmt.Errorf("worker stdout: %w", err)
		}
		if stderr, err = cmd.StderrPipe(); err != nil {
			return nil, fmt.Errorf("worker stderr: %w", err)
		}
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting worker %s: %w", c.opts.Command[0], err)
	}
	reqR.Close()
	evW.Close()

	p := &process{
		cmd:      cmd,
		requests: json.NewEncoder(reqW),
		events:   make(chan event, 16),
		exited:   make(chan struct{}),
		recent:   c.recent,
		fences:   newFenceBoard(),
		tail:     &tailBuffer{max: 1 << 20}, // a stack overflow report runs long after its first line
		started:  make(chan struct{}),
	}
	p.direct = direct
	var streams sync.WaitGroup
	if !direct {
		streams.Add(2)
		go func() { defer streams.Done(); p.pump("stdout", stdout, nil) }()
		go func() { defer streams.Done(); p.pump("stderr", stderr, p.tail) }()
	}
	go p.readEvents(evR)
	go p.watchMemory(c.opts.MemoryLimit)
	go c.forgetOnExit(p)
	go func() {
		streams.Wait()
		p.waitErr = cmd.Wait()
		reqW.Close()
		evR.Close()
		p.fences.closeAll()
		close(p.exited)
	}()
	return p, nil
}

// readEvents forwards the worker's events until its pipe closes.
func (p *process) readEvents(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			continue
		}
		if e.Op == "ready" {
			close(p.started)
			continue
		}
		p.events <- e
	}
}

// pump reads one of the worker's output streams and hands text, display
// operations and fences to whoever they belong to.
func (p *process) pump(name string, r io.Reader, tail *tailBuffer) {
	var split splitter
	// An incomplete UTF-8 sequence at the end of the text so far, by the
	// cell it was printed for (0: the running cell).
	partial := map[uint64][]byte{}
	buf := make([]byte, 64<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			split.feed(buf[:n], func(s segment) {
				switch {
				case s.fence != "":
					p.fences.arrive(s.fence)
				case s.display != nil:
					if out := p.output(0); out != nil {
						out.Display(toEngineDisplay(s.display))
					}
				default:
					text := append(partial[s.cell], s.text...)
					delete(partial, s.cell)
					if cut := incompleteSuffix(text); cut > 0 {
						partial[s.cell] = append([]byte(nil), text[len(text)-cut:]...)
						text = text[:len(text)-cut]
					}
					// A crash is explained by what the running cell and
					// the runtime wrote.
					if tail != nil && s.cell == 0 {
						tail.Write(text)
					}
					if out := p.output(s.cell); out != nil && len(text) > 0 {
						out.Stream(name, strings.ToValidUTF8(string(text), "\uFFFD"))
					}
				}
			})
		}
		if err != nil {
			for cell, text := range partial {
				if out := p.output(cell); out != nil {
					out.Stream(name, strings.ToValidUTF8(string(text), "\uFFFD"))
				}
			}
			return
		}
	}
}

// output returns the Output of the cell with the given request id, or,
// for 0 or a cell too old to be remembered, the running cell's (the last
// one's between cells).
func (p *process) output(cell uint64) engine.Output {
	if cell != 0 {
		if out := p.recent.get(cell); out != nil {
			return out
		}
	}
	if out := p.out.Load(); out != nil {
		return *out
	}
	return nil
}

// incompleteSuffix returns how many bytes at the end of b begin a UTF-8
// sequence that the next read may complete.
func incompleteSuffix(b []byte) int {
	for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return 0
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return i
			}
			return 0
		}
	}
	return 0
}

func toEngineDisplay(m *display.Message) engine.Display {
	return engine.Display{Op: m.Op, ID: m.ID, Data: m.Data, Metadata: m.Metadata, Wait: m.Wait}
}

func (p *process) send(r request) error {
	p.reqMu.Lock()
	defer p.reqMu.Unlock()
	return p.requests.Encode(r)
}

// stop kills the worker and every process it started, recording why.
func (p *process) stop(reason string) {
	p.reason.CompareAndSwap(nil, reason)
	syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
}

// watchMemory stops the worker when its resident memory passes limit.
func (p *process) watchMemory(limit int64) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.exited:
			return
		case <-tick.C:
			if rss := residentBytes(p.cmd.Process.Pid); rss > limit {
				p.stop(fmt.Sprintf("the cell used more than the memory limit of %d MiB (resident: %d MiB)", limit>>20, rss>>20))
				return
			}
		}
	}
}

// residentBytes reads a process's resident set size from /proc.
func residentBytes(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/statm", pid))
	if err != nil {
		return 0
	}
	var size, resident int64
	fmt.Sscan(string(b), &size, &resident)
	return resident * int64(os.Getpagesize())
}

// Execute runs a cell in the worker, starting one if needed. Text that
// the cell's goroutines print after Execute returns still goes to out,
// as long as the cell is one of the last recentCells run.
func (c *Client) Execute(ctx context.Context, code string, out engine.Output) engine.Result {
	p, lost, err := c.running()
	if err != nil {
		return engine.Result{Err: &engine.CellError{Name: "WorkerError", Value: err.Error(), Traceback: []string{err.Error()}, StateLost: true}}
	}
	if lost != "" {
		// The cell runs in a fresh interpreter; it may fail for want of
		// an earlier cell's definitions, and this says why.
		out.Stream("stderr", "goconc: "+lost+"\n")
	}
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	c.mu.Unlock()

	out = limitOutput(out, c.opts.OutputLimit)
	p.out.Store(&out)
	c.recent.add(id, out)
	p.tail.Reset() // a crash is explained by what this cell's run printed
	if err := p.send(request{ID: id, Op: "execute", Code: code}); err != nil {
		return c.crashed(p)
	}
	var grace <-chan time.Time
	done := ctx.Done()
	for {
		select {
		case e := <-p.events:
			switch {
			case e.Op == "input" && e.ID == id:
				if !p.direct {
					p.fences.wait(fenceTag("input", id), time.Second)
				}
				go c.answerInput(ctx, p, out, e)
			case e.Op == "result" && e.ID == id:
				if !p.direct {
					p.fences.wait(fenceTag("cell", id), 2*time.Second)
				}
				res := *e.Result
				if res.Err != nil && res.Err.Unstoppable > 0 {
					p.stop(fmt.Sprintf("the cell was interrupted, but %d of its goroutines were blocked in compiled code, where the interpreter cannot stop them (a read from a pipe or a socket, say)", res.Err.Unstoppable))
					<-p.exited
					return c.crashed(p)
				}
				if res.Err == nil {
					c.intro.Add(code)
				}
				return res
			}
		case <-done:
			done = nil
			p.send(request{Op: "interrupt"})
			grace = time.After(c.opts.InterruptGrace)
		case <-grace:
			p.stop(fmt.Sprintf("the cell did not stop within %v of the interrupt", c.opts.InterruptGrace))
			<-p.exited
			return c.crashed(p)
		case <-p.exited:
			return c.crashed(p)
		}
	}
}

func (c *Client) answerInput(ctx context.Context, p *process, out engine.Output, e event) {
	text, err := out.Input(ctx, e.Prompt, e.Password)
	reply := request{ID: e.ID, Op: "input", Seq: e.Seq, Text: text}
	if err != nil {
		reply.Err = err.Error()
	}
	p.send(reply)
}

// running returns the live worker, starting a new one if the last died.
// When the last one died between cells (killed, say), lost says so.
func (c *Client) running() (p *process, lost string, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.proc != nil {
		select {
		case <-c.proc.exited:
			lost = fmt.Sprintf("the interpreter process was lost after the last cell (%s); a new one was started: definitions from earlier cells are lost", exitReason(c.proc))
			c.proc = nil
		default:
		}
	}
	if c.proc == nil {
		p, err := c.start()
		if err != nil {
			return nil, lost, err
		}
		c.proc = p
	}
	select {
	case <-c.proc.started:
		return c.proc, lost, nil
	case <-c.proc.exited:
		return nil, lost, fmt.Errorf("the worker exited while starting: %s", c.proc.tail.String())
	}
}

// exitReason says how a worker that exited on its own ended.
func exitReason(p *process) string {
	if first := crashLine(p.tail.String()); first != "" {
		return first
	}
	if p.waitErr != nil {
		return p.waitErr.Error()
	}
	return "it exited"
}

// forgetOnExit resets the completion and inspection state when p exits
// while it is the current worker, so that they stop offering what the
// lost interpreter defined even before the next cell runs.
func (c *Client) forgetOnExit(p *process) {
	<-p.exited
	c.mu.Lock()
	current := c.proc == p
	c.mu.Unlock()
	if current {
		c.intro.Reset()
	}
}

// crashed builds the error for a cell whose worker died, and forgets the
// worker so the next cell starts a new one.
func (c *Client) crashed(p *process) engine.Result {
	<-p.exited
	c.mu.Lock()
	if c.proc == p {
		c.proc = nil
	}
	c.mu.Unlock()
	c.intro.Reset()

	name, msg := "WorkerDied", "the interpreter process exited"
	if r, ok := p.reason.Load().(string); ok {
		name, msg = "Stopped", r
		if strings.Contains(r, "memory") {
			name = "MemoryLimit"
		} else if strings.Contains(r, "interrupt") {
			name = "Interrupted"
		}
	} else if first := crashLine(p.tail.String()); first != "" {
		name, msg = crashKind(first), first
	} else if p.waitErr != nil {
		msg = fmt.Sprintf("the interpreter process exited: %v", p.waitErr)
		if last := lastLine(p.tail.String()); last != "" {
			msg += ": " + last
		}
	}
	lost := "The interpreter was restarted: definitions from earlier cells are lost."
	return engine.Result{Err: &engine.CellError{
		Name:      name,
		Value:     msg,
		Traceback: []string{name + ": " + msg, lost},
		StateLost: true,
	}}
}

// crashLine finds the runtime's own account of why the process died.
func crashLine(stderr string) string {
	lines := strings.Split(stderr, "\n")
	found := ""
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		// The runtime's report may follow text the cell printed without
		// a newline, on the same line.
		if k := crashMarker(l); k >= 0 {
			found = l[k:]
			continue
		}
		if found != "" && l != "" && !strings.HasPrefix(l, "runtime: ") {
			break
		}
	}
	return found
}

func crashMarker(line string) int {
	k := -1
	for _, m := range []string{"fatal error: ", "panic: "} {
		if i := strings.Index(line, m); i >= 0 && (k < 0 || i < k) {
			k = i
		}
	}
	return k
}

// lastLine returns the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

func crashKind(line string) string {
	switch {
	case strings.HasPrefix(line, "fatal error: "):
		return "FatalError"
	case strings.HasPrefix(line, "panic: "):
		return "panic"
	}
	return "WorkerDied"
}

// Complete answers from the cells run so far and the packages cells can
// import.
func (c *Client) Complete(code string, cursor int) engine.Completion {
	return c.intro.Complete(code, cursor)
}

// Inspect returns documentation for the name under the cursor.
func (c *Client) Inspect(code string, cursor, detail int) engine.Doc {
	return c.intro.Inspect(code, cursor, detail)
}

// IsComplete reports whether code is ready to run.
func (c *Client) IsComplete(code string) (status, indent string) {
	return engine.IsComplete(code)
}

// Close stops the worker.
func (c *Client) Close() error {
	c.mu.Lock()
	p := c.proc
	c.proc = nil
	c.mu.Unlock()
	if p == nil {
		return nil
	}
	p.stop("closed")
	<-p.exited
	return nil
}

// recentCells is how many cells' Outputs a Client keeps for what their
// goroutines print after they return.
const recentCells = 100

// recentOutputs remembers the Outputs of the last cells run, by request id.
type recentOutputs struct {
	mu   sync.Mutex
	outs map[uint64]engine.Output
	ids  []uint64 // ring of the ids in outs, oldest first from next
	next int
}

func newRecentOutputs(n int) *recentOutputs {
	return &recentOutputs{outs: map[uint64]engine.Output{}, ids: make([]uint64, n)}
}

func (r *recentOutputs) add(id uint64, out engine.Output) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if old := r.ids[r.next]; old != 0 {
		delete(r.outs, old)
	}
	r.ids[r.next] = id
	r.next = (r.next + 1) % len(r.ids)
	r.outs[id] = out
}

func (r *recentOutputs) get(id uint64) engine.Output {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.outs[id]
}

// fenceBoard records which fences have come through which streams.
type fenceBoard struct {
	mu     sync.Mutex
	cond   *sync.Cond
	seen   map[string]int // fence tag to how many streams passed it
	closed bool
}

func newFenceBoard() *fenceBoard {
	b := &fenceBoard{seen: map[string]int{}}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *fenceBoard) arrive(tag string) {
	b.mu.Lock()
	b.seen[tag]++
	b.mu.Unlock()
	b.cond.Broadcast()
}

func (b *fenceBoard) closeAll() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.cond.Broadcast()
}

// wait blocks until both streams have passed the fence, the streams are
// closed, or the timeout passes.
func (b *fenceBoard) wait(tag string, timeout time.Duration) {
	timer := time.AfterFunc(timeout, func() {
		b.mu.Lock()
		b.seen[tag] += 2
		b.mu.Unlock()
		b.cond.Broadcast()
	})
	defer timer.Stop()
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.seen[tag] < 2 && !b.closed {
		b.cond.Wait()
	}
	delete(b.seen, tag)
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

// Reset forgets what was written.
func (t *tailBuffer) Reset() {
	t.mu.Lock()
	t.buf = t.buf[:0]
	t.mu.Unlock()
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
