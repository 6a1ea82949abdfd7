package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/google/uuid"

	"goconc/kernel/wire"
)

func TestRunKernelArguments(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"transport": "udp", "ip": "127.0.0.1"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		wantErr string
		exit    int
	}{
		{"no connection file", nil, "", 2},
		{"two arguments", []string{"a.json", "b.json"}, "", 2},
		{"missing file", []string{filepath.Join(dir, "missing.json")}, "reading connection file", 0},
		{"bad file", []string{bad}, `unsupported transport "udp"`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			err := runKernel(context.Background(), tt.args, &bytes.Buffer{}, &stderr)
			var exit exitError
			switch {
			case tt.exit != 0:
				if !errors.As(err, &exit) || int(exit) != tt.exit {
					t.Fatalf("error = %v, want exit status %d", err, tt.exit)
				}
				if !strings.Contains(stderr.String(), "usage: goconc kernel [--debug] CONNECTION_FILE") {
					t.Errorf("stderr = %q, want the usage", stderr.String())
				}
			case err == nil || !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// kernelProcess is goconc kernel running as Jupyter runs it, with a
// client on its shell, control and iopub channels.
type kernelProcess struct {
	t       *testing.T
	cmd     *exec.Cmd
	stderr  *lockedBuffer
	exited  chan error
	signer  *wire.Signer
	session string
	shell   zmq4.Socket
	control zmq4.Socket
	iopub   zmq4.Socket
	in      chan *wire.Message // from every channel
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// kernelFiles builds goconc and writes an ipc connection file for it.
func kernelFiles(t *testing.T) (bin, connFile string, info wire.ConnectionInfo) {
	t.Helper()
	dir := t.TempDir()
	bin = filepath.Join(dir, "goconc")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	info = wire.ConnectionInfo{
		Transport: "ipc", IP: filepath.Join(dir, "k"), Key: uuid.NewString(),
		SignatureScheme: wire.DefaultSignatureScheme, KernelName: "goconc",
		ShellPort: 1, IOPubPort: 2, StdinPort: 3, ControlPort: 4, HBPort: 5,
	}
	connFile = filepath.Join(dir, "kernel.json")
	data, _ := json.Marshal(info)
	if err := os.WriteFile(connFile, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return bin, connFile, info
}

// startKernelProcess builds goconc and starts "goconc kernel" on an ipc
// connection file, as a kernelspec's argv does, with flags before the
// file.
func startKernelProcess(t *testing.T, flags ...string) *kernelProcess {
	t.Helper()
	bin, connFile, info := kernelFiles(t)
	k := &kernelProcess{t: t, stderr: &lockedBuffer{}, exited: make(chan error, 1), session: uuid.NewString(), in: make(chan *wire.Message, 256)}
	k.signer, _ = info.Signer()
	k.cmd = exec.Command(bin, append(append([]string{"kernel"}, flags...), connFile)...)
	k.cmd.Stderr = k.stderr
	if err := k.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { k.exited <- k.cmd.Wait() }()
	t.Cleanup(func() {
		k.cmd.Process.Kill()
		<-k.exited
		for _, s := range []zmq4.Socket{k.shell, k.control, k.iopub} {
			if s != nil {
				s.Close()
			}
		}
		if t.Failed() {
			t.Logf("kernel stderr:\n%s", k.stderr)
		}
	})

	id := zmq4.WithID(zmq4.SocketIdentity(k.session))
	// The kernel needs a moment to bind: keep dialling.
	retry := zmq4.WithDialerMaxRetries(200)
	wait := zmq4.WithDialerRetry(50 * time.Millisecond)
	k.shell = zmq4.NewDealer(context.Background(), id, retry, wait)
	k.control = zmq4.NewDealer(context.Background(), id, retry, wait)
	k.iopub = zmq4.NewSub(context.Background(), retry, wait)
	for _, c := range []struct {
		s    zmq4.Socket
		port int
	}{{k.shell, info.ShellPort}, {k.control, info.ControlPort}, {k.iopub, info.IOPubPort}} {
		if err := c.s.Dial(info.Endpoint(c.port)); err != nil {
			t.Fatalf("dial: %v", err)
		}
		go k.read(c.s)
	}
	if err := k.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	// Ready when a kernel_info_request is answered and IOPub delivers.
	for deadline := time.Now().Add(30 * time.Second); ; {
		if time.Now().After(deadline) {
			t.Fatal("kernel never became ready")
		}
		req := k.send(k.shell, "kernel_info_request", map[string]any{})
		if k.await(req, "status", 500*time.Millisecond) != nil {
			break
		}
	}
	return k
}

func (k *kernelProcess) read(s zmq4.Socket) {
	for {
		zm, err := s.Recv()
		if err != nil {
			return
		}
		if m, err := wire.Decode(zm.Frames, k.signer); err == nil {
			k.in <- m
		}
	}
}

func (k *kernelProcess) send(s zmq4.Socket, msgType string, content any) *wire.Message {
	k.t.Helper()
	body, _ := json.Marshal(content)
	m := &wire.Message{Header: wire.NewHeader(msgType, k.session, "tester"), Content: body}
	frames, err := wire.Encode(m, k.signer)
	if err != nil {
		k.t.Fatal(err)
	}
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		k.t.Fatal(err)
	}
	return m
}

// await returns the next message of type msgType whose parent is req,
// or nil after timeout.
func (k *kernelProcess) await(req *wire.Message, msgType string, timeout time.Duration) *wire.Message {
	deadline := time.After(timeout)
	for {
		select {
		case m := <-k.in:
			var parent wire.Header
			json.Unmarshal(m.ParentHeader, &parent)
			if parent.MsgID == req.Header.MsgID && m.Header.MsgType == msgType {
				return m
			}
		case <-deadline:
			return nil
		}
	}
}

func (k *kernelProcess) mustAwait(req *wire.Message, msgType string) map[string]any {
	k.t.Helper()
	m := k.await(req, msgType, 30*time.Second)
	if m == nil {
		k.t.Fatalf("no %s for %s", msgType, req.Header.MsgType)
	}
	var c map[string]any
	if err := m.DecodeContent(&c); err != nil {
		k.t.Fatal(err)
	}
	return c
}

func (k *kernelProcess) execute(code string) *wire.Message {
	return k.send(k.shell, "execute_request", map[string]any{
		"code": code, "silent": false, "store_history": true, "user_expressions": map[string]any{},
		"allow_stdin": false, "stop_on_error": true,
	})
}

// The kernel process survives SIGINT, which stops the running cell, and
// exits cleanly when asked to shut down.
func TestKernelProcessSIGINTAndShutdown(t *testing.T) {
	k := startKernelProcess(t, "--debug")

	if c := k.mustAwait(k.execute(`x := 7`), "execute_reply"); c["status"] != "ok" {
		t.Fatalf("x := 7: %v", c)
	}
	run := k.execute("import (\n\t\"fmt\"\n\t\"time\"\n)\nfmt.Println(\"sleeping\")\ntime.Sleep(time.Hour)")
	k.mustAwait(run, "stream")
	if err := k.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if c := k.mustAwait(run, "execute_reply"); c["status"] != "error" {
		t.Errorf("interrupted cell: reply %v, want an error", c)
	}
	if c := k.mustAwait(k.execute("x"), "execute_result"); c["data"].(map[string]any)["text/plain"] != "7" {
		t.Errorf("after SIGINT, x = %v", c["data"])
	}

	req := k.send(k.control, "shutdown_request", map[string]any{"restart": false})
	if c := k.mustAwait(req, "shutdown_reply"); c["status"] != "ok" || c["restart"] != false {
		t.Errorf("shutdown_reply = %v", c)
	}
	select {
	case err := <-k.exited:
		k.exited <- err
		if err != nil {
			t.Errorf("kernel exited with %v, want status 0", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("kernel did not exit after shutdown_request")
	}
	if log := k.stderr.String(); !strings.Contains(log, "SIGINT") || !strings.Contains(log, "shut down") {
		t.Errorf("stderr lacks the SIGINT and the shutdown:\n%s", log)
	}
}

// TestKernelQuietWithoutDebug checks that a kernel started without
// --debug writes nothing on stderr, which jupyter console shows.
func TestKernelQuietWithoutDebug(t *testing.T) {
	k := startKernelProcess(t)
	if c := k.mustAwait(k.execute("1 + 1"), "execute_result"); c["data"].(map[string]any)["text/plain"] != "2" {
		t.Fatalf("1 + 1 = %v", c["data"])
	}
	if log := k.stderr.String(); log != "" {
		t.Errorf("stderr without --debug = %q, want nothing", log)
	}
}

// TestKernelExitsWithItsParent starts the kernel from a shell, as Jupyter
// starts it, and kills the shell: the kernel and its worker must exit.
func TestKernelExitsWithItsParent(t *testing.T) {
	bin, connFile, _ := kernelFiles(t)
	parent := exec.Command("sh", "-c", `"$0" kernel "$1" & echo $!; wait`, bin, connFile)
	out, err := parent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	var kernelPID int
	if _, err := fmt.Fscan(out, &kernelPID); err != nil {
		t.Fatal(err)
	}
	// The worker is the kernel's child: wait until it is there.
	var workerPID int
	for deadline := time.Now().Add(30 * time.Second); workerPID == 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			syscall.Kill(kernelPID, syscall.SIGKILL)
			t.Fatal("the kernel started no worker")
		}
		workerPID = childOf(kernelPID)
	}
	parent.Process.Kill()
	parent.Wait()
	for deadline := time.Now().Add(15 * time.Second); alive(kernelPID) || alive(workerPID); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			syscall.Kill(kernelPID, syscall.SIGKILL)
			syscall.Kill(workerPID, syscall.SIGKILL)
			t.Fatalf("kernel alive %v, worker alive %v, 15 s after their parent was killed", alive(kernelPID), alive(workerPID))
		}
	}
}

// childOf returns the pid of a child of pid, or 0.
func childOf(pid int) int {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	for _, f := range tasks {
		b, _ := os.ReadFile(f)
		var child int
		if _, err := fmt.Sscan(string(b), &child); err == nil {
			return child
		}
	}
	return 0
}

// alive reports whether pid runs: a zombie nobody has reaped yet (init in
// a container may not) counts as exited.
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	_, rest, _ := strings.Cut(string(b), ") ")
	return !strings.HasPrefix(rest, "Z") && !strings.HasPrefix(rest, "X")
}
