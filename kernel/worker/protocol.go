// Package worker runs cells in a child process, so that nothing a cell
// does (a fatal runtime error, os.Exit, a goroutine's panic, running out of
// memory, a goroutine that cannot be stopped) takes down the process that
// started it.
//
// The parent side is a Client, which implements engine.Interpreter; the
// child side is Serve, run by "goconc worker". They talk over two pipes
// (file descriptors 3 and 4 in the child) in JSON lines. The child's
// standard output and error are pipes too: everything a cell prints, by
// any route, including child processes it starts, arrives there, with
// display operations and fences framed in-band so that order is kept.
// Text that goroutines print for a cell other than the running one (one
// that has returned) is framed too, with the cell's request id, so that
// the parent hands it to that cell's Output.
package worker

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"

	"goconc/display"
	"goconc/kernel/engine"
)

// request travels from the parent to the child.
type request struct {
	ID   uint64 `json:"id"`
	Op   string `json:"op"` // "execute", "interrupt", "input"
	Code string `json:"code,omitempty"`
	// For "input": which question it answers, and the user's answer or
	// why there is none.
	Seq  uint64 `json:"seq,omitempty"`
	Text string `json:"text,omitempty"`
	Err  string `json:"err,omitempty"`
}

// event travels from the child to the parent.
type event struct {
	ID uint64 `json:"id"`
	Op string `json:"op"` // "ready", "result", "input"
	// For "result".
	Result *engine.Result `json:"result,omitempty"`
	// For "input": the question's number, the prompt, and whether to
	// hide what is typed.
	Seq      uint64 `json:"seq,omitempty"`
	Prompt   string `json:"prompt,omitempty"`
	Password bool   `json:"password,omitempty"`
}

// A fence is written to the child's stdout and stderr after a cell
// returns (and before an input request), so the parent knows it has read
// everything the cell printed before that point.
const fencePrefix = "\x1b]5379;fence;"

func fence(tag string) []byte { return []byte(fencePrefix + tag + display.FrameEnd) }

func fenceTag(kind string, id uint64) string { return kind + "-" + strconv.FormatUint(id, 10) }

// A text frame carries text printed for a cell other than the running
// one: the prefix, the cell's request id, ";", the length of the text in
// bytes, the frame end, then the text itself.
const textPrefix = "\x1b]5379;text;"

// maxTextHeader bounds a text frame's header after its prefix: two
// numbers and a separator.
const maxTextHeader = 2*20 + 1

// maxText bounds the text of one text frame; longer writes take several.
// A frame fits in one atomic write to a pipe (PIPE_BUF, 4096 bytes on
// Linux), so that a child process writing to the same pipe cannot cut
// into it.
const maxText = 4096 - len(textPrefix) - maxTextHeader - 1

// textCut returns how much of p the next text frame takes: at most
// maxText bytes, ending between characters where p has whole ones.
func textCut(p []byte) int {
	n := min(len(p), maxText)
	if n == len(p) {
		return n
	}
	// Cut before a character that starts within the last utf8.UTFMax
	// bytes, if one does.
	for i := n; i > n-utf8.UTFMax && i > 0; i-- {
		if utf8.RuneStart(p[i]) {
			return i
		}
	}
	return n
}

// appendTextFrame appends text, printed for cell, as one text frame.
func appendTextFrame(b []byte, cell uint64, text []byte) []byte {
	b = append(b, textPrefix...)
	b = strconv.AppendUint(b, cell, 10)
	b = append(b, ';')
	b = strconv.AppendInt(b, int64(len(text)), 10)
	b = append(b, display.FrameEnd...)
	return append(b, text...)
}

// segment is one piece of a parsed output stream: text (of the running
// cell, or of the cell named), a display operation, or a fence.
type segment struct {
	text    []byte
	cell    uint64 // for text from a text frame; 0 for the running cell's
	display *display.Message
	fence   string
}

// splitter cuts an output stream into segments. Frames may arrive split
// across reads, so it keeps an unfinished frame until its end comes.
type splitter struct {
	pending []byte
}

// maxFrame bounds how long an unterminated frame may grow before it is
// treated as ordinary text; a cell printing a stray escape must not make
// the parent hold its output forever.
const maxFrame = 64 << 20

func (s *splitter) feed(p []byte, emit func(segment)) {
	s.pending = append(s.pending, p...)
	for len(s.pending) > 0 {
		i := bytes.IndexByte(s.pending, 0x1b)
		if i < 0 {
			emit(segment{text: take(&s.pending, len(s.pending))})
			return
		}
		if i > 0 {
			emit(segment{text: take(&s.pending, i)})
			continue
		}
		// s.pending starts with ESC: a frame, a fence, the start of one, or
		// plain text that happens to hold ESC.
		rest := s.pending
		var prefix string
		switch {
		case bytes.HasPrefix(rest, []byte(display.FrameStart)):
			prefix = display.FrameStart
		case bytes.HasPrefix(rest, []byte(fencePrefix)):
			prefix = fencePrefix
		case bytes.HasPrefix(rest, []byte(textPrefix)):
			seg, n, ok := parseText(rest)
			switch {
			case !ok:
				emit(segment{text: take(&s.pending, 1)})
			case n == 0:
				return // wait for the rest of the frame
			default:
				emit(seg)
				take(&s.pending, n)
			}
			continue
		case bytes.HasPrefix([]byte(display.FrameStart), rest) || bytes.HasPrefix([]byte(fencePrefix), rest) ||
			bytes.HasPrefix([]byte(textPrefix), rest):
			return // a prefix of a marker: wait for more
		default:
			emit(segment{text: take(&s.pending, 1)})
			continue
		}
		end := bytes.IndexByte(rest, display.FrameEnd[0])
		if end < 0 {
			if len(rest) > maxFrame {
				emit(segment{text: take(&s.pending, 1)})
				continue
			}
			return
		}
		body := rest[len(prefix):end]
		if prefix == fencePrefix {
			emit(segment{fence: string(body)})
		} else if m, err := decodeFrame(body); err == nil {
			emit(segment{display: m})
		} else {
			emit(segment{text: []byte(fmt.Sprintf("[display: %v]\n", err))})
		}
		take(&s.pending, end+1)
	}
}

// parseText reads the text frame at the start of b. It returns the
// segment and the frame's length, or n == 0 when the frame has not all
// arrived, or ok == false when b does not hold a well-formed frame.
func parseText(b []byte) (seg segment, n int, ok bool) {
	header := b[len(textPrefix):]
	end := bytes.IndexByte(header[:min(len(header), maxTextHeader+1)], display.FrameEnd[0])
	if end < 0 {
		return segment{}, 0, len(header) <= maxTextHeader
	}
	cellText, lenText, found := bytes.Cut(header[:end], []byte(";"))
	cell, err1 := strconv.ParseUint(string(cellText), 10, 64)
	size, err2 := strconv.Atoi(string(lenText))
	if !found || err1 != nil || err2 != nil || cell == 0 || size <= 0 || size > maxText {
		return segment{}, 0, false
	}
	start := len(textPrefix) + end + 1
	if len(b) < start+size {
		return segment{}, 0, true
	}
	return segment{text: append([]byte(nil), b[start:start+size]...), cell: cell}, start + size, true
}

// take removes the first n bytes of *b and returns a copy of them.
func take(b *[]byte, n int) []byte {
	out := append([]byte(nil), (*b)[:n]...)
	*b = (*b)[n:]
	if len(*b) == 0 {
		*b = nil
	}
	return out
}
