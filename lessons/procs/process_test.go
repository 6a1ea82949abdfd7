package procs

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

const upperSource = `package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		fmt.Println(strings.ToUpper(in.Text()))
	}
}
`

func TestRun(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		input    string
		opts     []Option
		want     string
		wantCode int    // exit status; 0 means success
		wantErr  string // in the error's text
	}{
		{name: "goconc", src: upperSource, input: "is\nthis\non?\n", want: "IS\nTHIS\nON?\n"},
		{name: "go run", src: upperSource, input: "end\n", opts: []Option{WithRunner("go", "run")}, want: "END\n"},
		{name: "command", input: "a b\n", opts: []Option{WithCommand("tr", "a-z", "A-Z")}, want: "A B\n"},
		{name: "no input", src: upperSource, opts: []Option{WithRunner("go", "run")}, want: ""},
		{name: "exit status", opts: []Option{WithCommand("sh", "-c", "echo partial; echo oops >&2; exit 3")},
			want: "partial\n", wantCode: 3, wantErr: "exit status 3: oops"},
		{name: "compile error", src: "package main\n\nfunc main() { undefinedName() }\n", opts: []Option{WithRunner("go", "run")},
			wantCode: 1, wantErr: "undefined: undefinedName"},
		{name: "env", opts: []Option{WithCommand("sh", "-c", "echo $PROCS_GREETING"), WithEnv("PROCS_GREETING=hello")}, want: "hello\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t, 60*time.Second)
			got, err := Run(ctx, tt.src, tt.input, tt.opts...)
			if got != tt.want {
				t.Errorf("output %q, want %q", got, tt.want)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			var exit *ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("error %v, want an *ExitError", err)
			}
			if exit.ExitCode() != tt.wantCode {
				t.Errorf("exit code %d, want %d", exit.ExitCode(), tt.wantCode)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestStartErrors(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		opts []Option
	}{
		{"no such program", context.Background(), []Option{WithCommand("/nonexistent/program")}},
		{"no such runner", context.Background(), []Option{WithRunner("/nonexistent/go", "run")}},
		{"empty command", context.Background(), []Option{WithCommand()}},
		{"no goconc", context.Background(), []Option{WithGoconc("/nonexistent/goconc")}},
		{"cancelled", cancelled, []Option{WithCommand("true")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Start(tt.ctx, upperSource, tt.opts...)
			if err == nil {
				p.Stop()
				t.Fatal("Start succeeded")
			}
		})
	}
}

func TestProcessBasics(t *testing.T) {
	ctx := testContext(t, 10*time.Second)
	p, err := Start(ctx, "", WithCommand("sh", "-c", "echo $$; read line; echo got $line; exit 5"))
	if err != nil {
		t.Fatal(err)
	}
	out := bufio.NewReader(p.Stdout())
	line, _ := out.ReadString('\n')
	if pid := readPID(t, line); pid != p.PID() {
		t.Errorf("child says its pid is %d, PID returns %d", pid, p.PID())
	}
	if code := p.ExitCode(); code != -1 {
		t.Errorf("ExitCode of a running child = %d, want -1", code)
	}
	io.WriteString(p.Stdin(), "hello\n")
	if err := p.Wait(); err == nil {
		t.Error("Wait = nil for exit status 5")
	}
	if code := p.ExitCode(); code != 5 {
		t.Errorf("ExitCode = %d, want 5", code)
	}
	// The output is still there after the exit.
	rest, err := io.ReadAll(out)
	if string(rest) != "got hello\n" || err != nil {
		t.Errorf("after exit read %q, %v; want %q", rest, err, "got hello\n")
	}
	// Reaped: no zombie left.
	if alive(p.PID()) {
		t.Errorf("process %d still there after Wait", p.PID())
	}
	if err := p.Kill(); !errors.Is(err, os.ErrProcessDone) {
		t.Errorf("Kill after exit = %v, want os.ErrProcessDone", err)
	}
}

// A child's output stays readable after Wait, unlike with exec.Cmd's
// StdoutPipe, so waiting first and reading second loses nothing.
func TestOutputSurvivesWait(t *testing.T) {
	ctx := testContext(t, 10*time.Second)
	p, err := Start(ctx, "", WithCommand("sh", "-c", "i=0; while [ $i -lt 1000 ]; do echo line $i; i=$((i+1)); done"))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Wait(); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(p.Stdout())
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n"); n != 1000 {
		t.Errorf("read %d lines, want 1000", n)
	}
}

// stubbornScript starts a grandchild and prints its pid; with ignoreTerm,
// both ignore SIGTERM, as a child busy with something it must not drop
// might.
func stubbornScript(ignoreTerm bool) string {
	s := "sleep 30 & echo $!; wait"
	if ignoreTerm {
		s = "trap '' TERM; " + s
	}
	return s
}

func TestCancelStopsChildAndGrandchild(t *testing.T) {
	tests := []struct {
		name       string
		ignoreTerm bool
		wantSignal syscall.Signal
	}{
		{"leaves on SIGTERM", false, syscall.SIGTERM},
		{"ignores SIGTERM", true, syscall.SIGKILL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			p, err := Start(ctx, "", WithCommand("sh", "-c", stubbornScript(tt.ignoreTerm)), WithGrace(200*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(p.Stdout()).ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			grandchild := readPID(t, line)
			cancel()
			err = p.Wait()
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Wait = %v, want it to wrap context.Canceled", err)
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("Wait = %v, want an exit error too", err)
			}
			status := exit.Sys().(syscall.WaitStatus)
			if !status.Signaled() || status.Signal() != tt.wantSignal {
				t.Errorf("child ended with %v, want signal %v", status, tt.wantSignal)
			}
			if alive(p.PID()) {
				t.Errorf("child %d alive after Wait", p.PID())
			}
			if !waitDead(grandchild, 5*time.Second) {
				t.Errorf("grandchild %d outlived the cancelled child", grandchild)
				syscall.Kill(grandchild, syscall.SIGKILL)
			}
		})
	}
}

// A grandchild left running when its parent exits normally is killed with
// the parent's group.
func TestExitKillsLeftovers(t *testing.T) {
	ctx := testContext(t, 10*time.Second)
	p, err := Start(ctx, "", WithCommand("sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $!"))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(p.Stdout())
	if err := p.Wait(); err != nil {
		t.Fatal(err)
	}
	grandchild := readPID(t, string(out))
	if !waitDead(grandchild, 5*time.Second) {
		t.Errorf("grandchild %d outlived its parent", grandchild)
		syscall.Kill(grandchild, syscall.SIGKILL)
	}
}

func TestStop(t *testing.T) {
	tests := []struct {
		name       string
		script     string
		wantSignal syscall.Signal // 0: a clean exit
	}{
		{"leaves at end of input", "cat >/dev/null", 0},
		{"needs SIGTERM", "trap 'exit 0' TERM; sleep 30 & wait", 0},
		{"needs SIGKILL", "trap '' TERM; sleep 30 & wait", syscall.SIGKILL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, err := Start(context.Background(), "", WithCommand("sh", "-c", tt.script), WithGrace(200*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			// Let the shell set its trap before the signals come.
			time.Sleep(100 * time.Millisecond)
			err = p.Stop()
			if tt.wantSignal == 0 {
				if err != nil {
					t.Errorf("Stop = %v, want a clean exit", err)
				}
				return
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("Stop = %v, want an exit error", err)
			}
			if st := exit.Sys().(syscall.WaitStatus); st.Signal() != tt.wantSignal {
				t.Errorf("ended with %v, want %v", st, tt.wantSignal)
			}
		})
	}
}

func TestKill(t *testing.T) {
	p, err := Start(context.Background(), "", WithCommand("sleep", "30"))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Kill(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("child alive 5 s after Kill")
	}
	if p.ExitCode() != -1 {
		t.Errorf("ExitCode = %d, want -1 for a killed child", p.ExitCode())
	}
}

// The parent-death signal kills a child whose parent exits without
// stopping it.
func TestParentDeathKillsChild(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	// GORACE: a race-enabled binary otherwise lingers a second at exit.
	cmd.Env = append(os.Environ(), orphanParentEnv+"=1", "GORACE=atexit_sleep_ms=0")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("orphan parent: %v\n%s", err, out)
	}
	child := readPID(t, string(out))
	if !waitDead(child, 5*time.Second) {
		t.Errorf("child %d outlived its parent", child)
		syscall.Kill(child, syscall.SIGKILL)
	}
}

func TestStderrTail(t *testing.T) {
	var copied strings.Builder
	// Far more than the tail keeps, then a last line that must survive.
	script := "i=0; while [ $i -lt 2000 ]; do echo noise noise noise >&2; i=$((i+1)); done; echo the real reason >&2; exit 1"
	_, err := Run(context.Background(), "", "", WithCommand("sh", "-c", script), WithStderr(&copied))
	var exit *ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("Run = %v, want an *ExitError", err)
	}
	if !strings.HasSuffix(exit.Stderr, "the real reason\n") {
		t.Errorf("Stderr ends %q", exit.Stderr[max(0, len(exit.Stderr)-40):])
	}
	if len(exit.Stderr) > tailSize {
		t.Errorf("kept %d bytes of stderr, want at most %d", len(exit.Stderr), tailSize)
	}
	if !strings.HasPrefix(exit.Stderr, "noise") {
		t.Errorf("tail does not start at a line: %q", exit.Stderr[:20])
	}
	if n := strings.Count(copied.String(), "noise noise noise\n"); n != 2000 {
		t.Errorf("WithStderr writer got %d lines, want 2000", n)
	}
}

// Under goconc run, the Go code runs in an interpreter process that goconc
// starts in a process group of its own: cancelling still reaches it,
// through goconc's own handling of SIGTERM or its parent-death signal.
func TestCancelGoconcChild(t *testing.T) {
	src := `package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	fmt.Println(os.Getpid())
	for {
		time.Sleep(time.Second)
	}
}
`
	tests := []struct {
		name  string
		grace time.Duration
	}{
		{"graceful", DefaultGrace},
		{"no grace", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			p, err := Start(ctx, src, WithGrace(tt.grace))
			if err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(p.Stdout()).ReadString('\n')
			if err != nil {
				t.Fatalf("reading the interpreter's pid: %v (%v)", err, p.Wait())
			}
			interp := readPID(t, line)
			if interp == p.PID() {
				t.Fatalf("the program ran in goconc run's own process %d", interp)
			}
			cancel()
			if err := p.Wait(); !errors.Is(err, context.Canceled) {
				t.Errorf("Wait = %v, want it to wrap context.Canceled", err)
			}
			if !waitDead(interp, 5*time.Second) {
				t.Errorf("interpreter process %d outlived the cancelled goconc run", interp)
				syscall.Kill(interp, syscall.SIGKILL)
			}
		})
	}
}
