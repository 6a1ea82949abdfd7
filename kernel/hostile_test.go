package kernel

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-zeromq/zmq4"

	"goconc/kernel/wire"
)

// These tests drive the kernel over raw TCP the way a hostile or broken
// local client would, byte by byte, and check that the kernel stays up
// and keeps serving its real client.

// rawPeer is a ZMTP 3.0 peer written by hand, so that it can send what no
// ZeroMQ library would.
type rawPeer struct {
	t    testing.TB
	conn net.Conn
	r    *bufio.Reader
}

func dialRaw(t testing.TB, k *testKernel, port int) *rawPeer {
	t.Helper()
	c, err := net.Dial("tcp", net.JoinHostPort(k.info.IP, strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &rawPeer{t: t, conn: c, r: bufio.NewReader(c)}
}

func zmtpGreeting() []byte {
	g := make([]byte, 64)
	g[0], g[9], g[10] = 0xff, 0x7f, 3
	copy(g[12:], "NULL")
	return g
}

// frame encodes one ZMTP frame.
func frame(flags byte, body []byte) []byte {
	if len(body) > 255 {
		h := make([]byte, 9)
		h[0] = flags | 0x02
		binary.BigEndian.PutUint64(h[1:], uint64(len(body)))
		return append(h, body...)
	}
	return append([]byte{flags, byte(len(body))}, body...)
}

// readyBody is a READY command announcing socketType and identity.
func readyBody(socketType, identity string) []byte {
	b := append([]byte{5}, "READY"...)
	prop := func(k, v string) {
		b = append(b, byte(len(k)))
		b = append(b, k...)
		b = binary.BigEndian.AppendUint32(b, uint32(len(v)))
		b = append(b, v...)
	}
	prop("Socket-Type", socketType)
	if identity != "" {
		prop("Identity", identity)
	}
	return b
}

// handshake completes a NULL handshake as socketType.
func (p *rawPeer) handshake(socketType, identity string) {
	p.t.Helper()
	p.write(zmtpGreeting())
	p.write(frame(0x04, readyBody(socketType, identity)))
	p.conn.SetReadDeadline(time.Now().Add(waitTime))
	g := make([]byte, 64)
	if _, err := io.ReadFull(p.r, g); err != nil {
		p.t.Fatalf("reading the kernel's greeting: %v", err)
	}
	if _, _, err := p.readFrame(); err != nil {
		p.t.Fatalf("reading the kernel's READY: %v", err)
	}
}

func (p *rawPeer) write(b []byte) {
	p.t.Helper()
	p.conn.SetWriteDeadline(time.Now().Add(waitTime))
	if _, err := p.conn.Write(b); err != nil {
		p.t.Fatalf("write: %v", err)
	}
}

func (p *rawPeer) readFrame() (flags byte, body []byte, err error) {
	flags, err = p.r.ReadByte()
	if err != nil {
		return 0, nil, err
	}
	var size uint64
	if flags&0x02 != 0 {
		var b [8]byte
		if _, err := io.ReadFull(p.r, b[:]); err != nil {
			return 0, nil, err
		}
		size = binary.BigEndian.Uint64(b[:])
	} else {
		b, err := p.r.ReadByte()
		if err != nil {
			return 0, nil, err
		}
		size = uint64(b)
	}
	body = make([]byte, size)
	_, err = io.ReadFull(p.r, body)
	return flags, body, err
}

// sendMessage sends frames as one message.
func (p *rawPeer) sendMessage(frames ...[]byte) {
	p.t.Helper()
	var b []byte
	for i, f := range frames {
		var flags byte
		if i < len(frames)-1 {
			flags = 0x01
		}
		b = append(b, frame(flags, f)...)
	}
	p.write(b)
}

// closed reports whether the kernel closes the connection within a wait,
// reading and discarding whatever comes first.
// stillOpen reports whether the kernel has not closed the connection:
// a read of whatever it sent ends in a timeout, not an end of stream.
func (p *rawPeer) stillOpen() bool { return p.openAfter(10 * time.Millisecond) }

// closed reports whether the kernel closes the connection within waitTime.
func (p *rawPeer) closed() bool { return !p.openAfter(waitTime) }

func (p *rawPeer) openAfter(d time.Duration) bool {
	p.conn.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, p.r)
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// stillServes checks that the kernel answers its real client and echoes
// heartbeats.
func (k *testKernel) stillServes() {
	k.t.Helper()
	k.reply(k.shellIn, k.send(k.shell, "kernel_info_request", map[string]any{}))
	if got := k.ping([]byte("ping")); string(got.Frames[0]) != "ping" {
		k.t.Fatalf("heartbeat echo = %q", got.Frames)
	}
}

func TestHostileFrameLength(t *testing.T) {
	k := startKernel(t)
	claims := []struct {
		name   string
		header []byte
	}{
		{"2^62 bytes", []byte{0x02, 0x40, 0, 0, 0, 0, 0, 0, 0}},
		{"2^64-1 bytes", []byte{0x02, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}},
		{"1 GiB", []byte{0x02, 0, 0, 0, 0, 0x40, 0, 0, 0}},
		{"a 2^62-byte command", []byte{0x06, 0x40, 0, 0, 0, 0, 0, 0, 0}},
		{"unknown flags", []byte{0x80, 0x01, 0x00}},
	}
	for _, port := range []struct {
		name string
		port int
	}{{"shell", k.info.ShellPort}, {"heartbeat", k.info.HBPort}, {"control", k.info.ControlPort}} {
		for _, c := range claims {
			t.Run(port.name+"/"+c.name, func(t *testing.T) {
				p := dialRaw(t, k, port.port)
				p.handshake("DEALER", "")
				p.write(c.header)
				if !p.closed() {
					t.Error("the kernel kept the connection open")
				}
				k.stillServes()
			})
		}
	}
	// A message of many frames, each within the limit, past it in total.
	p := dialRaw(t, k, k.info.ShellPort)
	p.handshake("DEALER", "")
	chunk := bytes.Repeat([]byte("x"), 1<<20)
	go func() {
		for range 20 {
			p.conn.Write(frame(0x01, chunk))
		}
	}()
	// Under the race detector, 16 MiB through the guard and zmq4 costs
	// seconds of CPU, many more on a busy machine: a longer wait than
	// the other claims', which the kernel refuses from their header.
	if p.openAfter(time.Minute) {
		t.Error("a 20 MiB message: the kernel kept the connection open")
	}
	k.stillServes()
}

func TestHostileHandshakes(t *testing.T) {
	k := startKernel(t)
	tests := []struct {
		name string
		send []byte
	}{
		{"not ZMTP", []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n" + strings.Repeat("x", 64))},
		{"ZMTP 2", append(append([]byte{0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x7f, 1}, make([]byte, 53)...), 0)},
		{"PLAIN mechanism", func() []byte { g := zmtpGreeting(); copy(g[12:32], "PLAIN\x00\x00\x00\x00"); return g }()},
		{"READY property longer than the command", append(zmtpGreeting(), frame(0x04, append([]byte{5}, "READY\x0bSocket-Type\x00\x00\x00\xffDEALER"...))...)},
		{"READY key past the end", append(zmtpGreeting(), frame(0x04, append([]byte{5}, "READY\xffSock"...))...)},
		{"READY without Socket-Type", append(zmtpGreeting(), frame(0x04, []byte("\x05READY"))...)},
		{"a PUB peer on shell", append(zmtpGreeting(), frame(0x04, readyBody("PUB", ""))...)},
		{"a message before READY", append(zmtpGreeting(), frame(0x00, []byte("hello"))...)},
		{"a READY of 2^62 bytes", append(zmtpGreeting(), 0x06, 0x40, 0, 0, 0, 0, 0, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := dialRaw(t, k, k.info.ShellPort)
			p.write(tt.send)
			if !p.closed() {
				t.Error("the kernel kept the connection open")
			}
			k.stillServes()
		})
	}
}

// TestSilentConnectionsDoNotLockTheDoor opens connections that never
// finish a handshake, then connects a new client: it must be served at
// once, not after the silent ones give up.
func TestSilentConnectionsDoNotLockTheDoor(t *testing.T) {
	k := startKernel(t)
	var silent []*rawPeer
	for _, port := range []int{k.info.ShellPort, k.info.IOPubPort, k.info.HBPort} {
		mute := dialRaw(t, k, port) // sends nothing
		half := dialRaw(t, k, port)
		half.write(zmtpGreeting()[:10]) // a signature and then nothing
		silent = append(silent, mute, half)
	}
	fresh := zmq4.NewDealer(context.Background(), zmq4.WithID(zmq4.SocketIdentity("fresh")))
	defer fresh.Close()
	if err := fresh.Dial(k.info.Endpoint(k.info.ShellPort)); err != nil {
		t.Fatal(err)
	}
	req := k.message("kernel_info_request", map[string]any{})
	frames, _ := wire.Encode(req, k.signer)
	if err := fresh.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		_, err := fresh.Recv()
		got <- err
	}()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(waitTime):
		t.Fatal("a new client got no reply while silent connections were open")
	}
	// The kernel gives up on a silent connection at its handshake
	// deadline. Were the new client served only once the silent ones
	// were given up, they would be closed by now.
	for i, p := range silent {
		if !p.stillOpen() {
			t.Errorf("silent connection %d was closed before the new client was served", i)
		}
	}
}

// TestStalledSubscriber subscribes to IOPub and never reads: the real
// client must still get every line of a large output and the idle after
// it, and the output of the next cell.
func TestStalledSubscriber(t *testing.T) {
	k := startKernel(t)
	p := dialRaw(t, k, k.info.IOPubPort)
	p.handshake("SUB", "")
	p.sendMessage([]byte{1}) // subscribe to everything, then read nothing
	time.Sleep(100 * time.Millisecond)

	const lines = 400_000 // about 5 MB of output
	req := k.execute(fmt.Sprintf("spam %d", lines), nil)
	var text strings.Builder
	for _, m := range k.outputs(req) {
		if m.Header.MsgType == "stream" {
			text.WriteString(content(t, m)["text"].(string))
		}
	}
	if n := strings.Count(text.String(), "\n"); n != lines {
		t.Fatalf("the real client got %d of %d lines", n, lines)
	}
	k.reply(k.shellIn, req)
	next := k.execute("print after", nil)
	if got := types(k.outputs(next)); !strings.Contains(got, "stream:stdout") {
		t.Fatalf("next cell's output: %s", got)
	}
}

// TestStalledShellReader sends requests on a shell connection of its own
// and never reads the replies: the real client's replies must still come.
func TestStalledShellReader(t *testing.T) {
	k := startKernel(t)
	p := dialRaw(t, k, k.info.ShellPort)
	p.handshake("DEALER", "stalled")
	// Each reply carries its request's header whole, padding included:
	// 24 replies of 1 MiB are more than loopback's socket buffers hold.
	var batch []byte
	pad := strings.Repeat("p", 1<<20)
	for i := range 24 {
		header := fmt.Sprintf(`{"msg_id":"stalled-%d","session":"stalled","username":"u","date":"","msg_type":"kernel_info_request","version":"5.3","pad":%q}`, i, pad)
		parts := [][]byte{[]byte(header), []byte("{}"), []byte("{}"), []byte("{}")}
		frames := append([][]byte{[]byte(wire.Delimiter), []byte(k.signer.Sign(parts...))}, parts...)
		for i, f := range frames {
			var flags byte
			if i < len(frames)-1 {
				flags = 0x01
			}
			batch = append(batch, frame(flags, f)...)
		}
	}
	go p.conn.Write(batch)
	// The replies to the stalled client (about 24 MB) are queued for it;
	// the real client is served meanwhile.
	for range 3 {
		k.stillServes()
	}
}

// TestFloodingSubscriber sends IOPub what no subscriber sends: the
// kernel drops it and keeps publishing.
func TestFloodingSubscriber(t *testing.T) {
	k := startKernel(t)
	for _, msg := range [][][]byte{
		{[]byte("not a subscription")},
		{{1}, []byte("second frame")},
		{append([]byte{1}, bytes.Repeat([]byte("t"), 8<<10)...)},
	} {
		p := dialRaw(t, k, k.info.IOPubPort)
		p.handshake("SUB", "")
		p.sendMessage(msg...)
		if !p.closed() {
			t.Errorf("%d-frame message: the kernel kept the subscriber", len(msg))
		}
	}
	req := k.execute("print still here", nil)
	if got := types(k.outputs(req)); !strings.Contains(got, "stream:stdout") {
		t.Fatalf("output after the flood: %s", got)
	}
}

// TestIdentityInUse connects with the identity of the real client, as a
// peer who read it off IOPub could: it must not get copies of the real
// client's replies.
func TestIdentityInUse(t *testing.T) {
	k := startKernel(t)
	p := dialRaw(t, k, k.info.ShellPort)
	p.write(zmtpGreeting())
	p.write(frame(0x04, readyBody("DEALER", k.session)))
	if !p.closed() {
		t.Error("a second connection with the same identity was accepted")
	}
	k.stillServes()
}

// TestReplayRefused sends one signed execute_request twice: it runs once.
func TestReplayRefused(t *testing.T) {
	k := startKernel(t)
	req := k.message("execute_request", map[string]any{"code": "print once", "silent": false})
	frames, err := wire.Encode(req, k.signer)
	if err != nil {
		t.Fatal(err)
	}
	k.sendFrames(k.shell, frames)
	k.sendFrames(k.shell, frames)
	k.reply(k.shellIn, req)
	k.reply(k.shellIn, k.execute("print next", nil))
	if got := k.interp.executed(); len(got) != 2 || got[0] != "print once" {
		t.Fatalf("cells run = %q, want the replayed one once", got)
	}
	if !strings.Contains(k.log.String(), "seen before") {
		t.Error("the replay was not logged")
	}
}

func TestReplayGuardForgetsOldest(t *testing.T) {
	g := newReplayGuard(3)
	for _, sig := range []string{"a", "b", "c"} {
		if !g.accept(sig) {
			t.Fatalf("%s refused on first sight", sig)
		}
	}
	if g.accept("b") {
		t.Error("b accepted twice")
	}
	g.accept("d") // forgets a
	if !g.accept("a") {
		t.Error("a still refused after 3 newer signatures")
	}
	if !g.accept("") || !g.accept("") {
		t.Error("unsigned messages must always pass")
	}
}

// TestInvalidUTF8Header sends a header with bytes that are not UTF-8:
// what the kernel sends back, to the sender and on IOPub, is UTF-8.
func TestInvalidUTF8Header(t *testing.T) {
	k := startKernel(t)
	header := "{\"msg_id\":\"bad\xff\xfeid\",\"session\":\"s\",\"username\":\"\xc3\",\"msg_type\":\"kernel_info_request\",\"version\":\"5.3\",\"date\":\"\"}"
	parts := [][]byte{[]byte(header), []byte("{}"), []byte("{}"), []byte("{}")}
	frames := [][]byte{[]byte(wire.Delimiter), []byte(k.signer.Sign(parts...))}
	k.sendFrames(k.shell, append(frames, parts...))
	wantID := "bad\uFFFDid"
	for _, ch := range []chan *wire.Message{k.shellIn, k.iopubIn} {
		select {
		case m := <-ch:
			if !utf8.Valid(m.ParentHeader) {
				t.Errorf("%s: parent_header %q is not UTF-8", m.Header.MsgType, m.ParentHeader)
			}
			var h struct {
				MsgID string `json:"msg_id"`
			}
			json.Unmarshal(m.ParentHeader, &h)
			if h.MsgID != wantID {
				t.Errorf("%s: parent msg_id %q, want %q", m.Header.MsgType, h.MsgID, wantID)
			}
		case <-time.After(waitTime):
			t.Fatal("no answer to the request")
		}
	}
}

// TestWildcardIPv4Only binds 0.0.0.0: the kernel listens on IPv4 only.
func TestWildcardIPv4Only(t *testing.T) {
	k := startKernelOn(t, &wire.ConnectionInfo{Transport: "tcp", IP: "0.0.0.0", Key: testKey, SignatureScheme: wire.DefaultSignatureScheme})
	if c, err := net.DialTimeout("tcp6", net.JoinHostPort("::1", strconv.Itoa(k.info.ShellPort)), time.Second); err == nil {
		c.Close()
		t.Error("a kernel bound to 0.0.0.0 accepts IPv6 connections")
	}
	c, err := net.DialTimeout("tcp4", net.JoinHostPort("127.0.0.1", strconv.Itoa(k.info.ShellPort)), time.Second)
	if err != nil {
		t.Fatalf("IPv4: %v", err)
	}
	c.Close()
}
