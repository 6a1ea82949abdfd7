package kernel

import (
	"sync"
	"time"
	"unicode/utf8"
)

// Stream output is gathered into messages: a cell that prints 200,000
// lines must not become 200,000 IOPub messages, which would swamp the
// client. Text waits at most streamDelay for more to join it, and goes
// out at once when streamLimit bytes have gathered.
const (
	streamDelay = 5 * time.Millisecond
	streamLimit = 64 << 10
)

// streamBuffer gathers a cell's stdout and stderr text into stream
// messages. It keeps the order of the text across the two streams: a
// write to one flushes what is waiting for the other.
type streamBuffer struct {
	publish func(name, text string)
	delay   time.Duration
	limit   int

	mu    sync.Mutex // also held while publishing, to keep messages in order
	name  string     // the stream the buffered text belongs to
	buf   []byte
	timer *time.Timer // pending flush; nil when none
}

func newStreamBuffer(publish func(name, text string)) *streamBuffer {
	return &streamBuffer{publish: publish, delay: streamDelay, limit: streamLimit}
}

// write adds text to stream name.
func (b *streamBuffer) write(name, text string) {
	if text == "" {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.buf) > 0 && name != b.name {
		b.flushLocked(true)
	}
	b.name = name
	b.buf = append(b.buf, text...)
	if len(b.buf) >= b.limit {
		b.flushLocked(false)
	}
	if len(b.buf) > 0 && b.timer == nil {
		b.timer = time.AfterFunc(b.delay, b.timeout)
	}
}

func (b *streamBuffer) timeout() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.timer = nil
	b.flushLocked(false)
}

// flush publishes all buffered text. The cell's other output and its
// reply come after it.
func (b *streamBuffer) flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked(true)
}

// flushLocked publishes the buffered text. Unless all is set it keeps
// back a character whose bytes have not all arrived: text is written in
// chunks that may split one, and a message must hold whole characters.
func (b *streamBuffer) flushLocked(all bool) {
	n := len(b.buf)
	if !all {
		n -= partialRune(b.buf)
	}
	if n > 0 {
		b.publish(b.name, string(b.buf[:n]))
		b.buf = append(b.buf[:0], b.buf[n:]...)
	}
	if len(b.buf) == 0 && b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
}

// partialRune returns the length of the incomplete UTF-8 encoding at the
// end of p, or 0 when p ends with a whole character (or with bytes that
// can never start one).
func partialRune(p []byte) int {
	for i := 1; i <= utf8.UTFMax-1 && i <= len(p); i++ {
		c := p[len(p)-i]
		if !utf8.RuneStart(c) {
			continue
		}
		if utf8.FullRune(p[len(p)-i:]) {
			return 0
		}
		return i
	}
	return 0
}
