package zmtpguard

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"sync"
	"time"
)

// ZMTP 3.0 (https://rfc.zeromq.org/spec/23/) as the guard needs it.
const (
	greetingLen = 64
	flagMore    = 0x01
	flagLong    = 0x02
	flagCommand = 0x04
	flagsKnown  = flagMore | flagLong | flagCommand

	// maxCommand bounds a command frame: READY carries a socket type, an
	// identity of at most 255 bytes and a few properties.
	maxCommand = 64 << 10
)

// greeting is the one the guard sends for zmq4: version 3.0, NULL
// mechanism, as-server 0. zmq4 writes the same 64 bytes on every
// connection it opens; the guard has sent them already and drops zmq4's.
var greeting = func() []byte {
	g := make([]byte, greetingLen)
	g[0], g[9] = 0xff, 0x7f
	g[10], g[11] = 3, 0
	copy(g[12:32], "NULL")
	return g
}()

// listener accepts connections, runs their handshakes off the caller's
// goroutine, and hands zmq4 only the connections that completed one.
type listener struct {
	raw    net.Listener
	limits Limits
	ready  chan *conn
	done   chan struct{}
	once   sync.Once
	slots  chan struct{} // one per connection held, handshakes included
	// arriving bounds the bytes of large frames being gathered.
	arriving *budget

	mu         sync.Mutex
	identities map[string]bool // of the connections zmq4 holds
}

func newListener(raw net.Listener, l Limits) *listener {
	ln := &listener{
		raw:        raw,
		limits:     l,
		ready:      make(chan *conn),
		done:       make(chan struct{}),
		slots:      make(chan struct{}, l.MaxConns),
		arriving:   &budget{max: l.Arriving},
		identities: map[string]bool{},
	}
	go ln.acceptLoop()
	return ln
}

func (ln *listener) Addr() net.Addr { return ln.raw.Addr() }

func (ln *listener) Close() error {
	err := net.ErrClosed
	ln.once.Do(func() {
		close(ln.done)
		err = ln.raw.Close()
	})
	return err
}

// Accept returns the next connection whose handshake passed.
func (ln *listener) Accept() (net.Conn, error) {
	select {
	case c := <-ln.ready:
		return c, nil
	case <-ln.done:
		return nil, net.ErrClosed
	}
}

func (ln *listener) acceptLoop() {
	for {
		raw, err := ln.raw.Accept()
		if err != nil {
			select {
			case <-ln.done:
				return
			default:
			}
			// Out of file descriptors, say: wait rather than spin.
			time.Sleep(50 * time.Millisecond)
			continue
		}
		select {
		case ln.slots <- struct{}{}:
			go ln.handshake(raw)
		default:
			ln.limits.Log.Printf("refused a connection from %s: %d connections already", raw.RemoteAddr(), ln.limits.MaxConns)
			raw.Close()
		}
	}
}

// handshake reads and checks the peer's greeting and READY command under
// the handshake deadline, having sent the guard's greeting first (libzmq
// peers wait for the other side's signature before they send all of
// theirs). A connection that passes goes to Accept; any other is closed.
func (ln *listener) handshake(raw net.Conn) {
	raw.SetDeadline(time.Now().Add(ln.limits.HandshakeTimeout))
	br := bufio.NewReaderSize(raw, 4<<10)
	seen, identity, err := readHandshake(raw, br, ln.limits.PeerTypes)
	if err == nil {
		err = ln.claim(identity)
	}
	if err != nil {
		ln.limits.Log.Printf("refused a connection from %s: %v", raw.RemoteAddr(), err)
		raw.Close()
		<-ln.slots
		return
	}
	raw.SetDeadline(time.Time{})
	c := newConn(raw, br, seen, ln.limits, ln.arriving, func() {
		ln.release(identity)
		<-ln.slots
	})
	select {
	case ln.ready <- c:
	case <-ln.done:
		c.Close()
	}
}

// claim records identity as in use: libzmq's ROUTER refuses a second
// connection with the identity of a live one too, which would otherwise
// receive copies of the first one's replies.
func (ln *listener) claim(identity string) error {
	if identity == "" {
		return nil
	}
	ln.mu.Lock()
	defer ln.mu.Unlock()
	if ln.identities[identity] {
		return fmt.Errorf("identity %q is in use by another connection", identity)
	}
	ln.identities[identity] = true
	return nil
}

func (ln *listener) release(identity string) {
	if identity == "" {
		return
	}
	ln.mu.Lock()
	delete(ln.identities, identity)
	ln.mu.Unlock()
}

// readHandshake sends the guard's greeting, then reads the peer's
// greeting and READY command. It returns the bytes read, for zmq4 to read
// again, and the identity the peer announced.
func readHandshake(w io.Writer, r *bufio.Reader, peerTypes []string) (seen []byte, identity string, err error) {
	if _, err := w.Write(greeting); err != nil {
		return nil, "", fmt.Errorf("sending greeting: %w", err)
	}
	g := make([]byte, greetingLen)
	if _, err := io.ReadFull(r, g); err != nil {
		return nil, "", fmt.Errorf("reading greeting: %w", err)
	}
	if g[0] != 0xff || g[9] != 0x7f {
		return nil, "", errors.New("not a ZMTP 3 greeting")
	}
	if g[10] < 3 {
		return nil, "", fmt.Errorf("ZMTP version %d.%d: want 3.0 or later", g[10], g[11])
	}
	if mech := string(bytes.TrimRight(g[12:32], "\x00")); mech != "NULL" {
		return nil, "", fmt.Errorf("security mechanism %q: want NULL", mech)
	}

	flags, err := r.ReadByte()
	if err != nil {
		return nil, "", fmt.Errorf("reading READY: %w", err)
	}
	header := []byte{flags}
	if flags&^flagsKnown != 0 || flags&flagCommand == 0 || flags&flagMore != 0 {
		return nil, "", fmt.Errorf("first frame has flags %#x: want a READY command", flags)
	}
	var size uint64
	if flags&flagLong != 0 {
		var b [8]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return nil, "", fmt.Errorf("reading READY: %w", err)
		}
		header = append(header, b[:]...)
		size = binary.BigEndian.Uint64(b[:])
	} else {
		b, err := r.ReadByte()
		if err != nil {
			return nil, "", fmt.Errorf("reading READY: %w", err)
		}
		header = append(header, b)
		size = uint64(b)
	}
	if size > maxCommand {
		return nil, "", fmt.Errorf("READY claims %d bytes, more than %d", size, maxCommand)
	}
	body := make([]byte, size)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, "", fmt.Errorf("reading READY: %w", err)
	}
	props, err := parseReady(body)
	if err != nil {
		return nil, "", err
	}
	typ := props["socket-type"]
	if len(peerTypes) > 0 && !slices.Contains(peerTypes, typ) {
		return nil, "", fmt.Errorf("peer socket type %q cannot connect here (want one of %v)", typ, peerTypes)
	}
	seen = slices.Concat(g, header, body)
	return seen, props["identity"], nil
}

// parseReady parses a READY command's body strictly: zmq4's own parser
// indexes past the end of a malformed property list.
func parseReady(body []byte) (map[string]string, error) {
	if len(body) == 0 || int(body[0]) > len(body)-1 {
		return nil, errors.New("malformed command")
	}
	name := string(body[1 : 1+body[0]])
	if name != "READY" {
		return nil, fmt.Errorf("command %q: want READY", name)
	}
	props := map[string]string{}
	for p := body[1+body[0]:]; len(p) > 0; {
		klen := int(p[0])
		if klen == 0 || len(p) < 1+klen+4 {
			return nil, errors.New("malformed READY property")
		}
		key := string(bytes.ToLower(p[1 : 1+klen]))
		vlen := binary.BigEndian.Uint32(p[1+klen:])
		p = p[1+klen+4:]
		if uint64(vlen) > uint64(len(p)) {
			return nil, errors.New("malformed READY property value")
		}
		if _, dup := props[key]; dup {
			return nil, fmt.Errorf("READY repeats property %q", key)
		}
		props[key] = string(p[:vlen])
		p = p[vlen:]
	}
	if props["socket-type"] == "" {
		return nil, errors.New("READY has no Socket-Type")
	}
	if len(props["identity"]) > 255 {
		return nil, errors.New("READY identity longer than 255 bytes")
	}
	return props, nil
}
