package zmtpguard

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

func zframe(flags byte, body []byte) []byte {
	if len(body) > 255 {
		h := make([]byte, 9)
		h[0] = flags | flagLong
		binary.BigEndian.PutUint64(h[1:], uint64(len(body)))
		return append(h, body...)
	}
	return append([]byte{flags, byte(len(body))}, body...)
}

// TestWritesNeverBlock writes to a peer that reads nothing: writes
// return without waiting for the peer, so whole messages past the
// queue's limit are dropped (a write that waited would drop none), and
// the peer is disconnected after the stall limit. The stall limit is
// longer than 100 writes take on a busy machine: a write after the
// disconnect fails.
func TestWritesNeverBlock(t *testing.T) {
	raw, peer := net.Pipe() // a pipe holds nothing: the peer stalls from the first byte
	defer peer.Close()
	closed := make(chan struct{})
	c := newConn(raw, bufio.NewReader(raw), nil, Limits{WriteQueue: 4 << 10, WriteStall: time.Second}.withDefaults(), nil, func() { close(closed) })
	c.Write(greeting) // zmq4's greeting: dropped, the guard sent its own
	msg := append(zframe(flagMore, []byte("topic")), zframe(0, bytes.Repeat([]byte("x"), 1000))...)
	for range 100 {
		if _, err := c.Write(msg); err != nil {
			t.Fatal(err)
		}
	}
	c.wmu.Lock()
	queued, dropped := c.queued, c.dropped
	c.wmu.Unlock()
	if queued > 4<<10+int64(len(msg)) || dropped == 0 {
		t.Errorf("queued %d bytes, dropped %d messages: want at most the limit and one message, and drops", queued, dropped)
	}
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("a peer that took nothing was not disconnected")
	}
	if _, err := c.Write(msg); err == nil {
		t.Error("write after the disconnect succeeded")
	}
}

// TestQueuedBytesAreWholeFrames checks what a reading peer gets: the
// frames written, in order, none cut.
func TestQueuedBytesAreWholeFrames(t *testing.T) {
	raw, peer := net.Pipe()
	defer peer.Close()
	c := newConn(raw, bufio.NewReader(raw), nil, Limits{}.withDefaults(), nil, nil)
	defer c.Close()
	var want []byte
	c.Write(greeting)
	for i := range 50 {
		f := zframe(0, bytes.Repeat([]byte{byte('a' + i%26)}, 100*i))
		want = append(want, f...)
		c.Write(f)
	}
	got := make([]byte, len(want))
	peer.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(peer, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("the peer got other bytes than were written")
	}
}

// TestReadRefusesLargeFrames checks that a frame header past the limit
// is never handed to zmq4.
func TestReadRefusesLargeFrames(t *testing.T) {
	tests := []struct {
		name   string
		limits Limits
		input  []byte
		ok     bool
	}{
		{"small frame", Limits{}, zframe(0, []byte("hi")), true},
		{"2^62 bytes", Limits{}, []byte{flagLong, 0x40, 0, 0, 0, 0, 0, 0, 0}, false},
		{"message past the limit", Limits{MaxMessage: 600}, append(zframe(flagMore, make([]byte, 400)), zframe(0, make([]byte, 400))...), false},
		{"too many frames", Limits{MaxFrames: 2}, bytes.Repeat(zframe(flagMore, nil), 3), false},
		{"subscription", Limits{SubscriptionsOnly: true}, zframe(0, []byte{1}), true},
		{"not a subscription", Limits{SubscriptionsOnly: true}, zframe(0, []byte("x")), false},
		{"command dropped", Limits{}, append(zframe(flagCommand, []byte("\x04PING")), zframe(0, []byte("hi"))...), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, peer := net.Pipe()
			defer peer.Close()
			c := newConn(raw, bufio.NewReader(raw), nil, tt.limits.withDefaults(), nil, nil)
			defer c.Close()
			go func() { peer.Write(tt.input); peer.Close() }()
			_, err := io.ReadAll(io.LimitReader(c, 1<<20))
			// A well-formed stream ends with the peer closing it (EOF);
			// a refused one with the guard's reason.
			if refused := err != nil && !errors.Is(err, io.EOF); refused == tt.ok {
				t.Fatalf("error %v: want refused=%v", err, !tt.ok)
			}
		})
	}
}

// FuzzParseReady feeds arbitrary READY bodies to the handshake's parser:
// it must never panic, and what it accepts has a socket type.
func FuzzParseReady(f *testing.F) {
	f.Add([]byte("\x05READY\x0bSocket-Type\x00\x00\x00\x06DEALER"))
	f.Add([]byte("\x05READY\x0bSocket-Type\x00\x00\x00\x06DEALER\x08Identity\x00\x00\x00\x02id"))
	f.Add([]byte("\x05READY\x0bSocket-Type\x00\x00\x00\xffDEALER"))
	f.Add([]byte("\x05READY\xff"))
	f.Add([]byte("\xff"))
	f.Fuzz(func(t *testing.T, body []byte) {
		props, err := parseReady(body)
		if err == nil && props["socket-type"] == "" {
			t.Fatalf("accepted %q without a socket type", body)
		}
	})
}

// TestLargeFramesWithinBudget checks that a large frame reaches zmq4
// whole, and that frames claiming more than the shared budget, while
// their bytes arrive, close the connection and give the budget back.
func TestLargeFramesWithinBudget(t *testing.T) {
	b := &budget{max: 1 << 20}
	read := func(input []byte) ([]byte, error) {
		raw, peer := net.Pipe()
		defer peer.Close()
		c := newConn(raw, bufio.NewReader(raw), nil, Limits{}.withDefaults(), b, nil)
		defer c.Close()
		go func() { peer.Write(input); peer.Close() }()
		return io.ReadAll(c)
	}
	big := zframe(0, bytes.Repeat([]byte("b"), 700<<10))
	got, err := read(big)
	if !errors.Is(err, io.EOF) || !bytes.Equal(got, big) {
		t.Fatalf("700 KiB frame: got %d of %d bytes, err %v", len(got), len(big), err)
	}
	if _, err := read(zframe(0, make([]byte, 2<<20))); err == nil || errors.Is(err, io.EOF) {
		t.Fatalf("2 MiB frame past a 1 MiB budget: err %v, want a refusal", err)
	}
	// A claim whose bytes never all come holds only what came, and gives
	// it back when the connection ends.
	got, _ = read([]byte{flagLong, 0, 0, 0, 0, 0, 0x08, 0, 0, 'x'})
	if len(got) != 0 {
		t.Errorf("zmq4 saw %d bytes of an incomplete large frame", len(got))
	}
	if used := b.used.Load(); used != 0 {
		t.Errorf("budget still holds %d bytes", used)
	}
}
