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
package worker

import (
	"bytes"
	"fmt"
	"strconv"

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

// segment is one piece of a parsed output stream: text, a display
// operation, or a fence.
type segment struct {
	text    []byte
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
		case bytes.HasPrefix([]byte(display.FrameStart), rest) || bytes.HasPrefix([]byte(fencePrefix), rest):
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

// take removes the first n bytes of *b and returns a copy of them.
func take(b *[]byte, n int) []byte {
	out := append([]byte(nil), (*b)[:n]...)
	*b = (*b)[n:]
	if len(*b) == 0 {
		*b = nil
	}
	return out
}
