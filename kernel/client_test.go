package kernel

import (
	"bytes"
	"context"
	"encoding/json"
	"log"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/google/uuid"

	"goconc/kernel/wire"
)

// waitTime bounds every wait for a message that should come. Tests that
// pass never wait this long.
const waitTime = 10 * time.Second

const testKey = "5e0a3e7b-0a4c-4c6b-9b8e-2c0f8d1d7a11"

// syncBuffer is a log destination tests can read while the server writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testKernel is a server on loopback with a client connected to all five
// channels, as jupyter_client connects: the shell and stdin sockets share
// one identity.
type testKernel struct {
	t      testing.TB
	srv    *Server
	interp *fakeInterp
	log    *syncBuffer
	info   wire.ConnectionInfo
	signer *wire.Signer
	served chan error

	session                   string
	shell, control, stdin, hb zmq4.Socket
	iopubSock                 zmq4.Socket
	shellIn, controlIn        chan *wire.Message
	stdinIn, iopubIn          chan *wire.Message
}

// startKernel serves a fake interpreter over tcp on free loopback ports.
func startKernel(t testing.TB) *testKernel {
	t.Helper()
	return startKernelOn(t, &wire.ConnectionInfo{
		Transport: "tcp", IP: "127.0.0.1", Key: testKey, SignatureScheme: wire.DefaultSignatureScheme,
	})
}

func startKernelOn(t testing.TB, info *wire.ConnectionInfo) *testKernel {
	t.Helper()
	k := &testKernel{t: t, interp: newFakeInterp(), log: &syncBuffer{}, session: uuid.NewString(), served: make(chan error, 1)}
	srv, err := New(info, k.interp, Options{Log: log.New(k.log, "", 0)})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	k.srv, k.info = srv, srv.ConnectionInfo()
	k.signer, _ = k.info.Signer()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { k.served <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-k.served:
		case <-time.After(waitTime):
			t.Error("Serve did not return after its context was cancelled")
		}
		for _, s := range []zmq4.Socket{k.shell, k.control, k.stdin, k.hb, k.iopubSock} {
			s.Close()
		}
		if t.Failed() {
			t.Logf("kernel log:\n%s", k.log)
		}
	})

	id := zmq4.WithID(zmq4.SocketIdentity(k.session))
	bg := context.Background()
	k.shell, k.control, k.stdin = zmq4.NewDealer(bg, id), zmq4.NewDealer(bg, id), zmq4.NewDealer(bg, id)
	k.iopubSock, k.hb = zmq4.NewSub(bg), zmq4.NewReq(bg)
	dial := func(s zmq4.Socket, port int) {
		if err := s.Dial(k.info.Endpoint(port)); err != nil {
			t.Fatalf("dial %s: %v", k.info.Endpoint(port), err)
		}
	}
	dial(k.shell, k.info.ShellPort)
	dial(k.control, k.info.ControlPort)
	dial(k.stdin, k.info.StdinPort)
	dial(k.iopubSock, k.info.IOPubPort)
	dial(k.hb, k.info.HBPort)
	if err := k.iopubSock.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	k.shellIn, k.controlIn = k.read(k.shell), k.read(k.control)
	k.stdinIn, k.iopubIn = k.read(k.stdin), k.read(k.iopubSock)
	k.waitReady()
	return k
}

// read decodes the messages arriving on s into a channel.
func (k *testKernel) read(s zmq4.Socket) chan *wire.Message {
	ch := make(chan *wire.Message, 1024)
	go func() {
		defer close(ch)
		for {
			zm, err := s.Recv()
			if err != nil {
				return
			}
			m, err := wire.Decode(zm.Frames, k.signer)
			if err != nil {
				k.t.Errorf("client received a bad message: %v", err)
				return
			}
			ch <- m
		}
	}()
	return ch
}

// waitReady sends kernel_info_requests until one is answered and IOPub
// is seen to deliver, as jupyter_client does: a subscription takes a
// moment to reach the publisher.
func (k *testKernel) waitReady() {
	k.t.Helper()
	deadline := time.Now().Add(waitTime)
	for time.Now().Before(deadline) {
		req := k.send(k.shell, "kernel_info_request", map[string]any{})
		k.reply(k.shellIn, req)
		select {
		case <-k.iopubIn:
			k.drainIOPub()
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
	k.t.Fatal("kernel never became ready")
}

// drainIOPub discards IOPub messages until none comes for a moment.
func (k *testKernel) drainIOPub() {
	for {
		select {
		case <-k.iopubIn:
		case <-time.After(50 * time.Millisecond):
			return
		}
	}
}

// message builds a signed request from the client's session.
func (k *testKernel) message(msgType string, content any) *wire.Message {
	k.t.Helper()
	body, err := json.Marshal(content)
	if err != nil {
		k.t.Fatal(err)
	}
	return &wire.Message{Header: wire.NewHeader(msgType, k.session, "tester"), Content: body}
}

// send sends a request on s and returns it.
func (k *testKernel) send(s zmq4.Socket, msgType string, content any) *wire.Message {
	k.t.Helper()
	m := k.message(msgType, content)
	k.sendMessage(s, m)
	return m
}

func (k *testKernel) sendMessage(s zmq4.Socket, m *wire.Message) {
	k.t.Helper()
	frames, err := wire.Encode(m, k.signer)
	if err != nil {
		k.t.Fatal(err)
	}
	k.sendFrames(s, frames)
}

func (k *testKernel) sendFrames(s zmq4.Socket, frames [][]byte) {
	k.t.Helper()
	if err := s.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		k.t.Fatal(err)
	}
}

// inputRequest waits for the kernel's next message on stdin.
func (k *testKernel) inputRequest() *wire.Message {
	k.t.Helper()
	select {
	case m := <-k.stdinIn:
		if m.Header.MsgType != "input_request" {
			k.t.Fatalf("got %s on stdin, want input_request", m.Header.MsgType)
		}
		return m
	case <-time.After(waitTime):
		k.t.Fatal("no input_request on stdin")
		return nil
	}
}

// ping sends payload on the heartbeat channel and returns the echo.
func (k *testKernel) ping(payload []byte) zmq4.Msg {
	k.t.Helper()
	type result struct {
		m   zmq4.Msg
		err error
	}
	done := make(chan result, 1)
	go func() {
		if err := k.hb.Send(zmq4.NewMsg(payload)); err != nil {
			done <- result{err: err}
			return
		}
		m, err := k.hb.Recv()
		done <- result{m, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			k.t.Fatalf("heartbeat: %v", r.err)
		}
		return r.m
	case <-time.After(waitTime):
		k.t.Fatal("no heartbeat echo")
		return zmq4.Msg{}
	}
}

// answer replies to an input_request on stdin, naming it as parent as
// JupyterLab does.
func (k *testKernel) answer(inputRequest *wire.Message, value string) {
	k.t.Helper()
	m := k.message("input_reply", map[string]any{"value": value})
	var err error
	if m.ParentHeader, err = inputRequest.HeaderJSON(); err != nil {
		k.t.Fatal(err)
	}
	k.sendMessage(k.stdin, m)
}

// execute sends an execute_request with the given content on top of the
// defaults jupyter_client sends.
func (k *testKernel) execute(code string, extra map[string]any) *wire.Message {
	k.t.Helper()
	content := map[string]any{
		"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": true, "stop_on_error": true,
	}
	for key, v := range extra {
		content[key] = v
	}
	return k.send(k.shell, "execute_request", content)
}

// parentID returns the msg_id of m's parent.
func parentID(t testing.TB, m *wire.Message) string {
	t.Helper()
	var h struct {
		MsgID string `json:"msg_id"`
	}
	if err := json.Unmarshal(m.ParentHeader, &h); err != nil {
		t.Fatalf("parent header of %s: %v", m.Header.MsgType, err)
	}
	return h.MsgID
}

// reply waits on ch for the reply to req.
func (k *testKernel) reply(ch chan *wire.Message, req *wire.Message) *wire.Message {
	k.t.Helper()
	timeout := time.After(waitTime)
	for {
		select {
		case m, ok := <-ch:
			if !ok {
				k.t.Fatalf("channel closed waiting for the reply to %s", req.Header.MsgType)
			}
			if parentID(k.t, m) == req.Header.MsgID {
				return m
			}
		case <-timeout:
			k.t.Fatalf("no reply to %s %s", req.Header.MsgType, req.Header.MsgID)
		}
	}
}

// outputs returns the IOPub messages caused by req, from status busy to
// status idle inclusive, skipping messages for other requests.
func (k *testKernel) outputs(req *wire.Message) []*wire.Message {
	k.t.Helper()
	var got []*wire.Message
	timeout := time.After(waitTime)
	for {
		select {
		case m := <-k.iopubIn:
			if parentID(k.t, m) != req.Header.MsgID {
				continue
			}
			got = append(got, m)
			if m.Header.MsgType == "status" && content(k.t, m)["execution_state"] == "idle" {
				return got
			}
		case <-timeout:
			k.t.Fatalf("no status idle for %s; got %s", req.Header.MsgType, types(got))
		}
	}
}

// content decodes a message's content into a map.
func content(t testing.TB, m *wire.Message) map[string]any {
	t.Helper()
	var c map[string]any
	if err := m.DecodeContent(&c); err != nil {
		t.Fatal(err)
	}
	return c
}

// types lists the types of msgs, with the state of status messages and
// the name of streams, for comparing sequences.
func types(msgs []*wire.Message) string {
	var parts []string
	for _, m := range msgs {
		var c map[string]any
		m.DecodeContent(&c)
		switch m.Header.MsgType {
		case "status":
			parts = append(parts, "status:"+c["execution_state"].(string))
		case "stream":
			parts = append(parts, "stream:"+c["name"].(string))
		default:
			parts = append(parts, m.Header.MsgType)
		}
	}
	return strings.Join(parts, " ")
}

// ipcInfo returns connection info for the ipc transport in a fresh
// directory.
func ipcInfo(t testing.TB) *wire.ConnectionInfo {
	return &wire.ConnectionInfo{
		Transport: "ipc", IP: filepath.Join(t.TempDir(), "kernel"), Key: testKey,
		SignatureScheme: wire.DefaultSignatureScheme,
		ShellPort:       1, IOPubPort: 2, StdinPort: 3, ControlPort: 4, HBPort: 5,
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}
