package worker

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"goconc/kernel/engine"
	"goconc/tests/racereport"
)

// The test binary doubles as the worker: started with this variable set,
// it serves on file descriptors 3 and 4 instead of running tests.
const childEnv = "GOCONC_WORKER_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		err := Serve(context.Background(), os.NewFile(3, "requests"), os.NewFile(4, "events"), os.Stdout, os.Stderr)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func startClient(t *testing.T, opts Options) *Client {
	t.Helper()
	t.Setenv(childEnv, "1")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// Under -race the worker writes its race reports here; a race in
	// goconc's code fails the test (racereport tells them from the
	// interpreter's own).
	raceLogs := t.TempDir()
	t.Setenv("GORACE", racereport.Option(raceLogs))
	t.Cleanup(func() { racereport.Check(t, raceLogs, "the worker") })
	opts.Command = []string{exe}
	c, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// capture is an engine.Output that records everything in arrival order.
type capture struct {
	mu       sync.Mutex
	events   []string
	input    string
	inputErr error
	firstAt  time.Time
}

func (c *capture) Stream(name, text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.firstAt.IsZero() {
		c.firstAt = time.Now()
	}
	if n := len(c.events); n > 0 && strings.HasPrefix(c.events[n-1], name+":") {
		c.events[n-1] += text
		return
	}
	c.events = append(c.events, name+":"+text)
}

func (c *capture) Display(d engine.Display) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.events = append(c.events, fmt.Sprintf("%s:%v", d.Op, d.Data["text/html"]))
}

func (c *capture) Input(ctx context.Context, prompt string, password bool) (string, error) {
	return c.input, c.inputErr
}

func (c *capture) stream(name string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	for _, e := range c.events {
		if text, ok := strings.CutPrefix(e, name+":"); ok {
			b.WriteString(text)
		}
	}
	return b.String()
}

func (c *capture) all() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.events, "|")
}

func TestExecute(t *testing.T) {
	t.Setenv("GOTRACEBACK", "single")
	t.Setenv("GOMEMLIMIT", "") // restored after the test
	os.Unsetenv("GOMEMLIMIT")
	c := startClient(t, Options{})
	tests := []struct {
		name    string
		cell    string
		input   string
		noInput bool
		want    string // recorded output events, in order
		stdout  string // or what each stream received, when the two streams' order is not defined
		stderr  string
		value   string
		errName string
		errHas  string
		lost    bool
	}{
		{name: "print", cell: "import \"fmt\"\nx := 2\nfmt.Println(\"hi\", x)", want: "stdout:hi 2\n"},
		{name: "state kept", cell: "x * 10", value: "20"},
		{name: "every route", cell: "import \"os\"\nfmt.Print(\"a\")\nos.Stdout.WriteString(\"b\")\nfmt.Fprint(os.Stderr, \"c\")\nfmt.Print(\"d\")\nprintln(\"e\")",
			stdout: "abd", stderr: "ce\n"},
		{name: "display in order", cell: "import \"goconc/display\"\nfmt.Print(\"before\")\ndisplay.HTML(\"<b>x</b>\")\nfmt.Print(\"after\")",
			want: "stdout:before|display:<b>x</b>|stdout:after"},
		{name: "invalid utf8", cell: "os.Stdout.Write([]byte{'a', 0xff, 'b'})\n", want: "stdout:a\ufffdb"},
		{name: "result of a call", cell: "func twice(v int) int { return 2 * v }\ntwice(x)", value: "4"},
		{name: "input", cell: "var s string\nfmt.Scan(&s)\ns", input: "typed", value: `"typed"`},
		{name: "input refused", cell: "var t string\n_, err := fmt.Scan(&t)\nerr", noInput: true, value: "reading standard input: no input here"},
		{name: "panic keeps state", cell: "panic(\"boom\")", errName: "panic", errHas: "boom"},
		{name: "still there", cell: "x", value: "2"},
		{name: "fatal error", cell: "m := map[int]int{}\nfor i := 0; i < 4; i++ { go func() { for { m[i]++ } }() }\nselect {}",
			errName: "FatalError", errHas: "concurrent map", lost: true},
		{name: "fresh interpreter", cell: "1 + 1", value: "2"},
		{name: "goroutine panic keeps state", cell: "go func() { panic(\"in goroutine\") }()\nselect {}", errName: "panic", errHas: "in goroutine"},
		{name: "state after goroutine panic", cell: "1 + 2", value: "3"},
		{name: "exit", cell: "import \"os\"\nos.Exit(4)", errName: "Exit", errHas: "exit status 4"},
		// A program a cell starts prints its goroutine dump as the
		// user's GOTRACEBACK says, not as the worker's own says.
		{name: "user's traceback setting", cell: "import (\"fmt\"; \"os/exec\")\nb, _ := exec.Command(\"sh\", \"-c\", \"echo tb=$GOTRACEBACK\").Output()\nfmt.Print(string(b))",
			want: "stdout:tb=single\n"},
		// Nor do cells see the memory limit the worker runs under,
		// where the user set none: os.Environ is the user's.
		{name: "user's environment", cell: "import \"strings\"\n_, set := os.LookupEnv(\"GOMEMLIMIT\")\nfor _, kv := range os.Environ() { if strings.HasPrefix(kv, \"GOCONC_USER_\") { fmt.Println(kv) } }\nfmt.Print(\"GOMEMLIMIT set: \", set, \", GOTRACEBACK=\", os.Getenv(\"GOTRACEBACK\"))",
			want: "stdout:GOMEMLIMIT set: false, GOTRACEBACK=single"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := &capture{input: tt.input}
			if tt.noInput {
				out.inputErr = errors.New("no input here")
			}
			r := c.Execute(context.Background(), tt.cell, out)
			if tt.errName != "" {
				if r.Err == nil || r.Err.Name != tt.errName || !strings.Contains(r.Err.Value, tt.errHas) || r.Err.StateLost != tt.lost {
					t.Fatalf("err = %+v, want %s containing %q (state lost %v)", r.Err, tt.errName, tt.errHas, tt.lost)
				}
				return
			}
			if r.Err != nil {
				t.Fatalf("unexpected error %+v", r.Err)
			}
			if tt.want != "" && out.all() != tt.want {
				t.Errorf("output %q, want %q", out.all(), tt.want)
			}
			if tt.stdout != "" && (out.stream("stdout") != tt.stdout || out.stream("stderr") != tt.stderr) {
				t.Errorf("stdout %q, stderr %q; want %q, %q", out.stream("stdout"), out.stream("stderr"), tt.stdout, tt.stderr)
			}
			if got, _ := r.Value["text/plain"].(string); got != tt.value {
				t.Errorf("value %q, want %q", got, tt.value)
			}
		})
	}
}

func TestStreamsWhileRunning(t *testing.T) {
	c := startClient(t, Options{})
	out := &capture{}
	start := time.Now()
	r := c.Execute(context.Background(), "import (\"fmt\"; \"time\")\nfmt.Println(\"first\")\ntime.Sleep(500 * time.Millisecond)\nfmt.Println(\"second\")", out)
	end := time.Now()
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if out.firstAt.IsZero() || end.Sub(out.firstAt) < 300*time.Millisecond {
		t.Errorf("first output arrived %v after start, cell took %v: not streamed", out.firstAt.Sub(start), end.Sub(start))
	}
}

func TestInterrupt(t *testing.T) {
	c := startClient(t, Options{InterruptGrace: 500 * time.Millisecond})
	if r := c.Execute(context.Background(), "kept := 7", &capture{}); r.Err != nil {
		t.Fatal(r.Err)
	}
	tests := []struct {
		name string
		cell string
		lost bool
	}{
		{"busy loop", "n := 0\nfor { n++ }", false},
		// A goroutine sleeps in each, or the cell would be a deadlock,
		// which the runtime reports before the interrupt comes.
		{"blocked in WaitGroup.Wait", "import (\"sync\"; \"time\")\nvar wg sync.WaitGroup\nwg.Add(1)\ngo func() { time.Sleep(time.Hour); wg.Done() }()\nwg.Wait()", false},
		{"goroutines blocked on a mutex", "import (\"sync\"; \"time\")\nvar mu sync.Mutex\nmu.Lock()\nfor i := 0; i < 3; i++ { go func() { mu.Lock() }() }\ngo func() { time.Sleep(time.Hour) }()\nselect {}", false},
		{"blocked where the interpreter cannot reach", "import \"os\"\nb := make([]byte, 1)\nr, w, _ := os.Pipe()\n_ = w\nr.Read(b)", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			start := time.Now()
			r := c.Execute(ctx, tt.cell, &capture{})
			if r.Err == nil || r.Err.Name != "Interrupted" || r.Err.StateLost != tt.lost {
				t.Fatalf("err = %+v, want Interrupted, state lost %v", r.Err, tt.lost)
			}
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("interrupt took %v", took)
			}
			r = c.Execute(context.Background(), "kept", &capture{})
			if tt.lost {
				if r.Err == nil {
					t.Errorf("state survived a restart: %+v", r)
				}
				return
			}
			if r.Err != nil || r.Value["text/plain"] != "7" {
				t.Errorf("state after interrupt: %+v", r)
			}
		})
	}
}

func TestMemoryLimit(t *testing.T) {
	// The limit leaves room for a new worker, which under -race is
	// resident for close to 200 MiB before it runs anything. The cell
	// touches one byte a page: that makes the page resident.
	c := startClient(t, Options{MemoryLimit: 400 << 20})
	r := c.Execute(context.Background(), "var keep [][]byte\nfor { b := make([]byte, 1<<20); for i := 0; i < len(b); i += 4096 { b[i] = 1 }; keep = append(keep, b) }", &capture{})
	if r.Err == nil || r.Err.Name != "MemoryLimit" || !r.Err.StateLost {
		t.Fatalf("err = %+v, want MemoryLimit", r.Err)
	}
	if r := c.Execute(context.Background(), "3", &capture{}); r.Err != nil {
		t.Fatalf("after the memory limit: %+v", r.Err)
	}
}

// TestWorkerLostBetweenCells kills the worker while no cell runs: the
// next cell says so, and completion forgets the lost definitions.
func TestWorkerLostBetweenCells(t *testing.T) {
	c := startClient(t, Options{})
	out := &capture{}
	if r := c.Execute(context.Background(), "kept := 42\n_ = kept", out); r.Err != nil {
		t.Fatal(r.Err)
	}
	if got := c.Complete("kep", 3).Matches; !slices.Contains(got, "kept") {
		t.Fatalf("completion before the loss = %q, want kept", got)
	}
	c.mu.Lock()
	pid := c.proc.cmd.Process.Pid
	exited := c.proc.exited
	c.mu.Unlock()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	deadline := time.Now().Add(5 * time.Second)
	for slices.Contains(c.Complete("kep", 3).Matches, "kept") {
		if time.Now().After(deadline) {
			t.Fatal("completion still offers kept after the worker was lost")
		}
		time.Sleep(10 * time.Millisecond)
	}

	out = &capture{}
	r := c.Execute(context.Background(), "1 + 1", out)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if got := out.stream("stderr"); !strings.Contains(got, "interpreter process was lost") || !strings.Contains(got, "signal: killed") {
		t.Errorf("stderr = %q, want it to tell the interpreter was lost", got)
	}
	out = &capture{}
	if r := c.Execute(context.Background(), "2 + 2", out); r.Err != nil || out.stream("stderr") != "" {
		t.Errorf("the cell after: err %v, stderr %q", r.Err, out.stream("stderr"))
	}
}
