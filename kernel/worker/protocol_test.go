package worker

import (
	"fmt"
	"strings"
	"testing"

	"goconc/display"
)

func TestSplitter(t *testing.T) {
	frame := string(display.Frame(display.Message{Op: "display", ID: "d1", Data: display.Data{"text/plain": "x"}}))
	fenceText := string(fence("cell-1"))
	tests := []struct {
		name   string
		chunks []string
		want   string
	}{
		{"text", []string{"hello"}, "T(hello)"},
		{"frame whole", []string{"a" + frame + "b"}, "T(a)D(d1)T(b)"},
		{"frame split", []string{"a" + frame[:5], frame[5:20], frame[20:] + "b"}, "T(a)D(d1)T(b)"},
		{"fence", []string{"x" + fenceText}, "T(x)F(cell-1)"},
		{"stray escape", []string{"\x1b[31mred\x1b[0m"}, "T(\x1b)T([31mred)T(\x1b)T([0m)"},
		{"bad frame", []string{display.FrameStart + "{nope" + display.FrameEnd}, "T([display: bad display frame"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s splitter
			var b strings.Builder
			for _, c := range tt.chunks {
				s.feed([]byte(c), func(seg segment) {
					switch {
					case seg.fence != "":
						fmt.Fprintf(&b, "F(%s)", seg.fence)
					case seg.display != nil:
						fmt.Fprintf(&b, "D(%s)", seg.display.ID)
					default:
						fmt.Fprintf(&b, "T(%s)", seg.text)
					}
				})
			}
			if got := b.String(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIncompleteSuffix(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"abc", 0}, {"a\xc3", 1}, {"a\xc3\xa9", 0}, {"\xe2\x82", 2}, {"\xe2\x82\xac", 0}, {"\xff", 0},
	}
	for _, tt := range tests {
		if got := incompleteSuffix([]byte(tt.in)); got != tt.want {
			t.Errorf("incompleteSuffix(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestCrashLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hello\nfatal error: concurrent map writes\n", "fatal error: concurrent map writes"},
		{"panic: boom\n\ngoroutine 5 [running]:\n", "panic: boom"},
		{"runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n", "fatal error: stack overflow"},
		{"nothing here", ""},
		{"cfatal error: concurrent map writes\n", "fatal error: concurrent map writes"},
		{"panic: outer [recovered]\n\tpanic: inner\n", "panic: outer [recovered]"},
	}
	for _, tt := range tests {
		if got := crashLine(tt.in); got != tt.want {
			t.Errorf("crashLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
