package worker

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// waitStream waits for a capture's stream to read want.
func waitStream(t *testing.T, c *capture, name, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for c.stream(name) != want {
		if time.Now().After(deadline) {
			t.Fatalf("%s = %q, want %q", name, c.stream(name), want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// What goroutines print after their cell returned reaches that cell's
// Output, whether another cell runs or none does; the running cell's own
// output is unchanged.
func TestLateOutput(t *testing.T) {
	c := startClient(t, Options{})
	run := func(code string) *capture {
		t.Helper()
		out := &capture{}
		if r := c.Execute(context.Background(), code, out); r.Err != nil {
			t.Fatalf("%q: %+v", code, r.Err)
		}
		return out
	}
	setup := run("import (\n\t\"fmt\"\n\t\"log\"\n\t\"time\"\n)\nlog.SetFlags(0)\nrelease := make(chan bool)\ndone := make(chan bool)\nfmt.Println(\"ready\")")
	if setup.all() != "stdout:ready\n" {
		t.Fatalf("setup printed %q", setup.all())
	}

	starter := run("go func() {\n\t<-release\n\tfmt.Println(\"late out\")\n\tlog.Println(\"late err\")\n\tdone <- true\n}()\nfmt.Println(\"started\")")
	if starter.all() != "stdout:started\n" {
		t.Fatalf("starting cell printed %q before it returned", starter.all())
	}
	runner := run("fmt.Println(\"before\")\nrelease <- true\n<-done\nfmt.Println(\"after\")")
	if got := runner.all(); got != "stdout:before\nafter\n" {
		t.Errorf("running cell printed %q, want only its own output", got)
	}
	waitStream(t, starter, "stdout", "started\nlate out\n")
	waitStream(t, starter, "stderr", "late err\n")

	// Between cells: nothing runs when the goroutine prints.
	idle := run("go func() {\n\ttime.Sleep(50 * time.Millisecond)\n\tfmt.Println(\"idle\")\n}()")
	waitStream(t, idle, "stdout", "idle\n")
}

func TestSplitterTextFrames(t *testing.T) {
	frame := string(textFrames(7, []byte("late\n")))
	tests := []struct {
		name   string
		chunks []string
		want   string
	}{
		{"whole", []string{"a" + frame + "b"}, "T(a)T7(late\n)T(b)"},
		{"split", []string{"a" + frame[:3], frame[3:17], frame[17:19], frame[19:] + "b"}, "T(a)T7(late\n)T(b)"},
		{"escape inside", []string{string(textFrames(2, []byte("\x1b[31mred\x07")))}, "T2(\x1b[31mred\x07)"},
		{"bad cell", []string{textPrefix + "x;3\x07abc"}, "T(\x1b)T(]5379;text;x;3\x07abc)"},
		{"cell zero", []string{textPrefix + "0;3\x07abc"}, "T(\x1b)T(]5379;text;0;3\x07abc)"},
		{"too long", []string{fmt.Sprintf("%s1;%d\x07x", textPrefix, maxText+1)}, "T(\x1b)"},
		{"header never ends", []string{textPrefix + strings.Repeat("1", maxTextHeader+1)}, "T(\x1b)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s splitter
			var b strings.Builder
			for _, c := range tt.chunks {
				s.feed([]byte(c), func(seg segment) { b.WriteString(describe(seg)) })
			}
			if got := b.String(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func describe(seg segment) string {
	switch {
	case seg.fence != "":
		return fmt.Sprintf("F(%s)", seg.fence)
	case seg.display != nil:
		return fmt.Sprintf("D(%s)", seg.display.ID)
	case seg.cell != 0:
		return fmt.Sprintf("T%d(%s)", seg.cell, seg.text)
	}
	return fmt.Sprintf("T(%s)", seg.text)
}

// textFrames frames text for cell as a cellStream does.
func textFrames(cell uint64, text []byte) []byte {
	var b []byte
	for len(text) > 0 {
		n := textCut(text)
		b = appendTextFrame(b, cell, text[:n])
		text = text[n:]
	}
	return b
}

// A long write becomes several frames, each of whole characters, each
// small enough to be written to a pipe at once.
func TestTextFrames(t *testing.T) {
	if n := len(appendTextFrame(nil, math.MaxUint64, make([]byte, maxText))); n > 4096 {
		t.Errorf("a full frame takes %d bytes, more than one atomic pipe write", n)
	}
	for _, text := range []string{
		"short",
		strings.Repeat("é", maxText),         // two-byte characters across every boundary
		strings.Repeat("x", maxText-1) + "€", // a three-byte character at the first boundary
		strings.Repeat("y", 3*maxText+5),
	} {
		var s splitter
		var got []byte
		frames := 0
		s.feed(textFrames(3, []byte(text)), func(seg segment) {
			if seg.cell != 3 || !utf8.Valid(seg.text) {
				t.Errorf("segment %q of cell %d", seg.text[:min(len(seg.text), 20)], seg.cell)
			}
			frames++
			got = append(got, seg.text...)
		})
		if string(got) != text {
			t.Errorf("%d bytes came back as %d", len(text), len(got))
		}
		if want := (len(text) + maxText - 1) / maxText; frames < want || frames > want+1 {
			t.Errorf("%d bytes took %d frames, want about %d", len(text), frames, want)
		}
	}
}

// FuzzSplitter checks that how the stream is cut into reads does not
// change what the splitter makes of it, and that text frames carry any
// text through.
func FuzzSplitter(f *testing.F) {
	f.Add([]byte("plain"), []byte("late\n"), uint8(3))
	f.Add([]byte("\x1b]5379;text;1;2\x07ab\x1b]5379;fence;cell-1\x07"), []byte("\x1b\x07"), uint8(1))
	f.Add([]byte("\x1b]5379;goconc;{}\x07\x1b]5379;te"), []byte{0xe2, 0x82, 0xac}, uint8(7))
	f.Fuzz(func(t *testing.T, stream, text []byte, cut uint8) {
		frames := textFrames(9, text)
		stream = append(append([]byte(nil), stream...), frames...)
		var a splitter
		var whole []segment
		a.feed(stream, func(seg segment) { whole = appendSegment(whole, seg) })
		var b splitter
		var pieces []segment
		step := int(cut%16) + 1
		for i := 0; i < len(stream); i += step {
			b.feed(stream[i:min(i+step, len(stream))], func(seg segment) { pieces = appendSegment(pieces, seg) })
		}
		if fmt.Sprint(describeAll(whole)) != fmt.Sprint(describeAll(pieces)) {
			t.Fatalf("whole %q, in pieces %q", describeAll(whole), describeAll(pieces))
		}
		if bytes.IndexByte(stream[:len(stream)-len(frames)], 0x1b) >= 0 {
			return // an unfinished frame before may take the text frames in
		}
		var got []byte
		for _, seg := range whole {
			if seg.cell == 9 {
				got = append(got, seg.text...)
			}
		}
		if !bytes.Equal(got, text) {
			t.Errorf("text frames carried %q, want %q", got, text)
		}
	})
}

// appendSegment appends seg, joining adjacent text of one cell: how the
// stream was cut decides where text segments end.
func appendSegment(segs []segment, seg segment) []segment {
	if n := len(segs); n > 0 && seg.display == nil && seg.fence == "" &&
		segs[n-1].display == nil && segs[n-1].fence == "" && segs[n-1].cell == seg.cell && seg.cell == 0 {
		segs[n-1].text = append(segs[n-1].text, seg.text...)
		return segs
	}
	return append(segs, seg)
}

func describeAll(segs []segment) []string {
	var out []string
	for _, seg := range segs {
		out = append(out, describe(seg))
	}
	return out
}
