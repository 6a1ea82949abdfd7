package kernel

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// streamLog records what a streamBuffer publishes.
type streamLog struct {
	mu   sync.Mutex
	msgs []streamContent
	sent chan struct{}
}

func newStreamLog() *streamLog { return &streamLog{sent: make(chan struct{}, 1<<16)} }

func (l *streamLog) publish(name, text string) {
	l.mu.Lock()
	l.msgs = append(l.msgs, streamContent{name, text})
	l.mu.Unlock()
	l.sent <- struct{}{}
}

func (l *streamLog) messages() []streamContent {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]streamContent(nil), l.msgs...)
}

func TestStreamBufferCoalesces(t *testing.T) {
	l := newStreamLog()
	b := newStreamBuffer(l.publish)
	var want strings.Builder
	for i := range 200_000 {
		line := fmt.Sprintf("line %d\n", i)
		want.WriteString(line)
		b.write("stdout", line)
	}
	b.flush()
	msgs := l.messages()
	var got strings.Builder
	for _, m := range msgs {
		if m.Name != "stdout" {
			t.Fatalf("stream %q", m.Name)
		}
		got.WriteString(m.Text)
	}
	if got.String() != want.String() {
		t.Fatalf("text differs: got %d bytes, want %d", got.Len(), want.Len())
	}
	// Full buffers make want.Len()/streamLimit messages, and the timer
	// cuts more short the slower the machine, but nowhere near one a line.
	if max := 200_000 / 100; len(msgs) > max {
		t.Errorf("%d messages for 200,000 lines, want at most %d", len(msgs), max)
	}
	t.Logf("%d lines, %d bytes: %d messages", 200_000, want.Len(), len(msgs))
}

// Text is published in the order written, across the two streams.
func TestStreamBufferKeepsOrder(t *testing.T) {
	l := newStreamLog()
	b := newStreamBuffer(l.publish)
	writes := []streamContent{
		{"stdout", "a"}, {"stdout", "b"}, {"stderr", "c"}, {"stdout", "d"}, {"stderr", "e"}, {"stderr", "f"},
	}
	for _, w := range writes {
		b.write(w.Name, w.Text)
	}
	b.flush()
	want := []streamContent{{"stdout", "ab"}, {"stderr", "c"}, {"stdout", "d"}, {"stderr", "ef"}}
	if got := l.messages(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("published %v, want %v", got, want)
	}
}

// Text goes out by itself, without a flush, soon after it is written.
func TestStreamBufferTimer(t *testing.T) {
	l := newStreamLog()
	b := newStreamBuffer(l.publish)
	b.write("stdout", "tick\n")
	select {
	case <-l.sent:
	case <-time.After(waitTime):
		t.Fatal("buffered text never published")
	}
	if got := l.messages(); len(got) != 1 || got[0].Text != "tick\n" {
		t.Errorf("published %v", got)
	}
	b.flush() // nothing left
	if got := l.messages(); len(got) != 1 {
		t.Errorf("published %v after flush, want nothing more", got)
	}
}

// A character split across writes is never split across messages.
func TestStreamBufferSplitCharacter(t *testing.T) {
	l := newStreamLog()
	b := newStreamBuffer(l.publish)
	b.limit = 4
	b.delay = time.Hour // only the limit and flush publish
	text := "abc€d€€"   // € is three bytes
	for i := range len(text) {
		b.write("stdout", text[i:i+1])
	}
	b.flush()
	var got strings.Builder
	for _, m := range l.messages() {
		if !utf8.ValidString(m.Text) {
			t.Errorf("message %q splits a character", m.Text)
		}
		got.WriteString(m.Text)
	}
	if got.String() != text {
		t.Errorf("text = %q, want %q", got.String(), text)
	}
}

func TestPartialRune(t *testing.T) {
	euro := "€"  // e2 82 ac
	emoji := "🙂" // four bytes
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 0},
		{"ab" + euro, 0},
		{"ab" + euro[:1], 1},
		{"ab" + euro[:2], 2},
		{emoji, 0},
		{emoji[:3], 3},
		{emoji[:1], 1},
		{"\x82\xac", 0}, // continuation bytes only: never completes
		{"a\xff", 0},
	}
	for _, tt := range tests {
		if got := partialRune([]byte(tt.in)); got != tt.want {
			t.Errorf("partialRune(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// The whole path: 200,000 lines printed by a cell reach the client whole,
// in a few messages.
func TestStreamCoalescingOverSockets(t *testing.T) {
	k := startKernel(t)
	const lines = 200_000
	req := k.execute(fmt.Sprintf("spam %d", lines), nil)
	k.reply(k.shellIn, req)
	var text strings.Builder
	n := 0
	for _, m := range k.outputs(req) {
		if m.Header.MsgType == "stream" {
			n++
			text.WriteString(content(t, m)["text"].(string))
		}
	}
	if got := strings.Count(text.String(), "\n"); got != lines {
		t.Fatalf("received %d lines, want %d", got, lines)
	}
	if !strings.HasSuffix(text.String(), fmt.Sprintf("line %d\n", lines-1)) {
		t.Errorf("output ends %q", text.String()[text.Len()-20:])
	}
	if max := lines / 100; n > max {
		t.Errorf("%d stream messages for %d lines, want at most %d", n, lines, max)
	}
	t.Logf("%d lines, %d bytes: %d stream messages", lines, text.Len(), n)
}

func BenchmarkStreamBuffer(b *testing.B) {
	line := strings.Repeat("x", 40) + "\n"
	buf := newStreamBuffer(func(name, text string) {})
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		buf.write("stdout", line)
	}
	buf.flush()
}
