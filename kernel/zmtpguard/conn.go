package zmtpguard

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// conn is an accepted connection as zmq4 sees it: reads replay the
// handshake and then pass frames on once their headers are checked;
// writes are queued for a writer goroutine of its own.
type conn struct {
	raw     net.Conn
	limits  Limits
	onClose func()

	closeOnce sync.Once
	closed    chan struct{}
	closeErr  error // why the guard closed it; set before closed is closed

	// Read side, used by zmq4's reading goroutine only.
	in        *bufio.Reader
	replay    []byte // the handshake, read again by zmq4
	pending   []byte // a checked frame header (and a large frame's body) not yet handed over
	held      int64  // bytes of pending reserved from arriving
	arriving  *budget
	frameLeft uint64 // body bytes of the current frame not yet handed over
	msgBytes  uint64 // of the message being read
	msgFrames int
	more      bool // the current frame is not its message's last

	// Write side.
	wmu       sync.Mutex
	wcond     *sync.Cond
	queue     [][]byte
	queued    int64
	swallow   int      // bytes of zmq4's greeting still to drop
	out       frameCut // where zmq4's output is in its frames
	dropping  bool     // the message being written is dropped
	dropped   int      // messages dropped for this peer
	writeDone chan struct{}
}

func newConn(raw net.Conn, in *bufio.Reader, seen []byte, l Limits, arriving *budget, onClose func()) *conn {
	c := &conn{
		arriving:  arriving,
		raw:       raw,
		limits:    l,
		onClose:   onClose,
		closed:    make(chan struct{}),
		in:        in,
		replay:    seen,
		swallow:   greetingLen,
		writeDone: make(chan struct{}),
	}
	c.wcond = sync.NewCond(&c.wmu)
	go c.writeLoop()
	return c
}

// guardError is how the guard reports a closed connection. zmq4 forgets
// a connection only after an I/O error that is io.EOF or a net.Error that
// is not a timeout; every error of conn is such a net.Error.
type guardError struct{ err error }

func (e *guardError) Error() string   { return "zmtpguard: " + e.err.Error() }
func (e *guardError) Unwrap() error   { return e.err }
func (e *guardError) Timeout() bool   { return false }
func (e *guardError) Temporary() bool { return false }

// fail closes the connection for reason and returns the error to report.
func (c *conn) fail(reason error) error {
	c.closeWith(reason)
	return &guardError{reason}
}

func (c *conn) closeWith(reason error) {
	c.closeOnce.Do(func() {
		c.closeErr = reason
		if reason != nil {
			c.limits.Log.Printf("dropped the connection from %s: %v", c.raw.RemoteAddr(), reason)
		}
		close(c.closed)
		c.raw.Close()
		c.wmu.Lock()
		c.wcond.Broadcast()
		c.wmu.Unlock()
		if c.onClose != nil {
			c.onClose()
		}
	})
}

func (c *conn) Close() error {
	c.closeWith(nil)
	return nil
}

func (c *conn) isClosed() bool {
	select {
	case <-c.closed:
		return true
	default:
		return false
	}
}

func (c *conn) closedError() error {
	if c.closeErr != nil {
		return &guardError{c.closeErr}
	}
	return &guardError{net.ErrClosed}
}

// Read hands zmq4 the handshake, then frames, each header only once it
// is known to be within the limits.
func (c *conn) Read(p []byte) (n int, err error) {
	defer func() {
		if err != nil && c.held > 0 {
			// Closed with a large frame held: give its budget back.
			c.arriving.release(c.held)
			c.held = 0
			c.pending = nil
		}
	}()
	if c.isClosed() {
		return 0, c.closedError()
	}
	for {
		switch {
		case len(c.replay) > 0:
			n := copy(p, c.replay)
			c.replay = c.replay[n:]
			return n, nil
		case len(c.pending) > 0:
			n := copy(p, c.pending)
			c.pending = c.pending[n:]
			if len(c.pending) == 0 && c.held > 0 {
				c.arriving.release(c.held)
				c.held = 0
			}
			return n, nil
		case c.frameLeft > 0:
			n, err := c.in.Read(p[:min(uint64(len(p)), c.frameLeft)])
			c.frameLeft -= uint64(n)
			if err != nil {
				if c.isClosed() {
					return n, c.closedError()
				}
				return n, c.fail(err)
			}
			return n, nil
		}
		if err := c.nextFrame(); err != nil {
			return 0, err
		}
	}
}

// nextFrame reads and checks the next frame's header. A command frame
// is read and dropped: after the handshake zmq4 would hand it to the
// application as a message, and no Jupyter peer needs one answered.
func (c *conn) nextFrame() error {
	flags, err := c.in.ReadByte()
	if err != nil {
		if c.isClosed() {
			return c.closedError()
		}
		return c.fail(err)
	}
	header := []byte{flags}
	var size uint64
	if flags&flagLong != 0 {
		var b [8]byte
		if _, err := io.ReadFull(c.in, b[:]); err != nil {
			return c.fail(err)
		}
		header = append(header, b[:]...)
		size = binary.BigEndian.Uint64(b[:])
	} else {
		b, err := c.in.ReadByte()
		if err != nil {
			return c.fail(err)
		}
		header = append(header, b)
		size = uint64(b)
	}
	if flags&^flagsKnown != 0 {
		return c.fail(fmt.Errorf("frame with unknown flags %#x", flags))
	}
	if flags&flagCommand != 0 {
		if flags&flagMore != 0 || c.more {
			return c.fail(errors.New("command frame inside a message"))
		}
		if size > maxCommand {
			return c.fail(fmt.Errorf("command frame claims %d bytes, more than %d", size, maxCommand))
		}
		if _, err := c.in.Discard(int(size)); err != nil {
			return c.fail(err)
		}
		return nil
	}
	if !c.more {
		c.msgBytes, c.msgFrames = 0, 0
	}
	c.msgFrames++
	if c.msgFrames > c.limits.MaxFrames {
		return c.fail(fmt.Errorf("message of more than %d frames", c.limits.MaxFrames))
	}
	if size > uint64(c.limits.MaxMessage) || c.msgBytes+size > uint64(c.limits.MaxMessage) {
		return c.fail(fmt.Errorf("frame claims %d bytes, past the limit of %d bytes a message", size, c.limits.MaxMessage))
	}
	c.msgBytes += size
	c.more = flags&flagMore != 0
	if c.limits.SubscriptionsOnly {
		if c.more || size == 0 {
			return c.fail(errors.New("a subscriber sent something other than a subscription"))
		}
		first, err := c.in.Peek(1)
		if err != nil {
			return c.fail(err)
		}
		if first[0] != 0 && first[0] != 1 {
			return c.fail(errors.New("a subscriber sent something other than a subscription"))
		}
	}
	if size <= streamedFrame {
		c.pending, c.frameLeft = header, size
		return nil
	}
	// zmq4 allocates a frame's whole buffer when it reads the header. A
	// large frame is gathered here first, in chunks as its bytes come,
	// so that a claim costs memory only once the bytes are sent, and
	// within a budget the listener's connections share.
	body := make([]byte, 0, streamedFrame)
	for uint64(len(body)) < size {
		chunk := int(min(size-uint64(len(body)), streamedFrame))
		if !c.arriving.reserve(int64(chunk)) {
			return c.fail(errors.New("too many large messages arriving at once"))
		}
		c.held += int64(chunk)
		body = append(body, make([]byte, chunk)...)
		if _, err := io.ReadFull(c.in, body[len(body)-chunk:]); err != nil {
			return c.fail(err)
		}
	}
	c.pending = append(header, body...)
	return nil
}

// streamedFrame is the largest frame handed to zmq4 as it arrives.
const streamedFrame = 64 << 10

// budget is a number of bytes shared by a listener's connections.
type budget struct {
	used atomic.Int64
	max  int64
}

// reserve takes n bytes, if there are; a nil budget has no limit.
func (b *budget) reserve(n int64) bool {
	if b == nil {
		return true
	}
	if b.used.Add(n) > b.max {
		b.used.Add(-n)
		return false
	}
	return true
}

func (b *budget) release(n int64) {
	if b != nil {
		b.used.Add(-n)
	}
}

// Write queues p for the peer and never blocks. zmq4's greeting, which
// the guard has already sent, is dropped. Past the queue's limit, whole
// messages are dropped for this peer.
func (c *conn) Write(p []byte) (int, error) {
	n := len(p)
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.isClosed() {
		return 0, c.closedError()
	}
	if c.swallow > 0 {
		k := min(c.swallow, len(p))
		c.swallow -= k
		p = p[k:]
	}
	for len(p) > 0 {
		k, start, command := c.out.next(p)
		if start && command {
			c.dropping = false // commands are few and small: never dropped
		} else if start {
			c.dropping = c.queued >= c.limits.WriteQueue
			if c.dropping {
				c.dropped++
				if c.dropped == 1 || c.dropped%1000 == 0 {
					c.limits.Log.Printf("%s is not reading: %d messages dropped for it", c.raw.RemoteAddr(), c.dropped)
				}
			}
		}
		if !c.dropping {
			c.queue = append(c.queue, append([]byte(nil), p[:k]...))
			c.queued += int64(k)
		}
		p = p[k:]
	}
	c.wcond.Signal()
	return n, nil
}

// writeChunk bounds each write to the network, so that a peer that reads
// slowly but steadily keeps renewing its deadline.
const writeChunk = 256 << 10

func (c *conn) writeLoop() {
	defer close(c.writeDone)
	for {
		c.wmu.Lock()
		for len(c.queue) == 0 && !c.isClosed() {
			c.wcond.Wait()
		}
		if c.isClosed() {
			c.queue, c.queued = nil, 0
			c.wmu.Unlock()
			return
		}
		var batch net.Buffers
		size := 0
		for len(c.queue) > 0 && size < writeChunk {
			b := c.queue[0]
			if size+len(b) > writeChunk && size > 0 {
				break
			}
			if len(b) > writeChunk {
				batch = append(batch, b[:writeChunk])
				c.queue[0] = b[writeChunk:]
				size += writeChunk
				break
			}
			batch = append(batch, b)
			size += len(b)
			c.queue[0] = nil
			c.queue = c.queue[1:]
		}
		c.queued -= int64(size)
		c.wmu.Unlock()

		c.raw.SetWriteDeadline(time.Now().Add(c.limits.WriteStall))
		if _, err := batch.WriteTo(c.raw); err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				err = fmt.Errorf("the peer took no data for %v", c.limits.WriteStall)
			}
			if !c.isClosed() {
				c.closeWith(err)
			}
			return
		}
	}
}

func (c *conn) LocalAddr() net.Addr                { return c.raw.LocalAddr() }
func (c *conn) RemoteAddr() net.Addr               { return c.raw.RemoteAddr() }
func (c *conn) SetDeadline(t time.Time) error      { return c.raw.SetReadDeadline(t) }
func (c *conn) SetReadDeadline(t time.Time) error  { return c.raw.SetReadDeadline(t) }
func (c *conn) SetWriteDeadline(t time.Time) error { return nil }

// frameCut follows a ZMTP byte stream as it is written, to tell where
// frames and messages begin.
type frameCut struct {
	header   [9]byte
	have     int    // header bytes seen
	bodyLeft uint64 // body bytes of the current frame still to come
	more     bool   // the last frame had the MORE flag
}

// next consumes the start of p up to the next boundary (the end of a
// header or of a body). It returns how many bytes it took, whether they
// begin a message (its first header byte) and, if so, whether that frame
// is a command.
func (f *frameCut) next(p []byte) (n int, start, command bool) {
	if f.bodyLeft > 0 {
		n = int(min(uint64(len(p)), f.bodyLeft))
		f.bodyLeft -= uint64(n)
		return n, false, false
	}
	if f.have == 0 {
		start = !f.more
		command = p[0]&flagCommand != 0
	}
	need := 2
	if f.have > 0 && f.header[0]&flagLong != 0 || f.have == 0 && p[0]&flagLong != 0 {
		need = 9
	}
	n = min(need-f.have, len(p))
	copy(f.header[f.have:], p[:n])
	f.have += n
	if f.have == need {
		if need == 9 {
			f.bodyLeft = binary.BigEndian.Uint64(f.header[1:9])
		} else {
			f.bodyLeft = uint64(f.header[1])
		}
		f.more = f.header[0]&flagMore != 0
		f.have = 0
	}
	return n, start, command
}
