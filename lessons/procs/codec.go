package procs

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// A pipe carries bytes, not values: a slice or a struct has to be turned
// into bytes on one side and back on the other, and the reader has to know
// where one value ends. JSON lines settle both: each value is JSON text,
// which never contains a raw newline, followed by a newline. A child can
// read them with bufio.Scanner and encoding/json and write them with
// json.Encoder.

// An Encoder writes values to a stream as JSON lines.
type Encoder struct {
	mu sync.Mutex
	w  io.Writer
}

// NewEncoder returns an encoder that writes to w.
func NewEncoder(w io.Writer) *Encoder { return &Encoder{w: w} }

// Encode writes v as one line of JSON. The line goes out in a single
// Write, and Encode may be called from several goroutines at once: their
// lines do not interleave.
func (e *Encoder) Encode(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("procs: encoding %T: %w", v, err)
	}
	b = append(b, '\n')
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, err := e.w.Write(b); err != nil {
		return fmt.Errorf("procs: sending a value: %w", err)
	}
	return nil
}

// DefaultMaxLine is the longest line a Decoder accepts unless told
// otherwise.
const DefaultMaxLine = 64 << 20

// A Decoder reads values from a stream of JSON lines. It is not safe for
// use by several goroutines at once.
type Decoder struct {
	r    *bufio.Reader
	line int // lines read so far, for error messages
	// MaxLine is the longest line, without its newline, that Decode
	// accepts; a longer one is an error. Zero means DefaultMaxLine.
	MaxLine int
}

// NewDecoder returns a decoder that reads from r.
func NewDecoder(r io.Reader) *Decoder { return &Decoder{r: bufio.NewReader(r)} }

// Decode reads the next line that is not blank and stores its value in the
// value pointed to by v, as json.Unmarshal does. At the end of the stream
// it returns io.EOF; a last line without its newline is still decoded. A
// line that is not JSON is a *LineError holding the line.
func (d *Decoder) Decode(v any) error {
	for {
		line, err := d.readLine()
		if err != nil {
			return err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if err := json.Unmarshal(line, v); err != nil {
			return &LineError{Line: d.line, Text: quoteLine(line), Err: err}
		}
		return nil
	}
}

// readLine returns the next line without its newline.
func (d *Decoder) readLine() ([]byte, error) {
	max := d.MaxLine
	if max <= 0 {
		max = DefaultMaxLine
	}
	var line []byte
	for {
		chunk, err := d.r.ReadSlice('\n')
		n := len(line) + len(chunk)
		if err == nil {
			n-- // the newline
		}
		if n > max {
			d.line++
			// Skip the rest of the line, so that the next Decode
			// starts at the next one.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = d.r.ReadSlice('\n')
			}
			return nil, &LineError{Line: d.line, Text: quoteLine(append(line, chunk[:min(len(chunk), 64)]...)),
				Err: fmt.Errorf("line longer than %d bytes", max)}
		}
		line = append(line, chunk...)
		switch {
		case err == nil:
			d.line++
			return line[:len(line)-1], nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(line) > 0:
			d.line++
			return line, nil
		default:
			return nil, err
		}
	}
}

// LineError is a line a Decoder could not decode.
type LineError struct {
	Line int    // its number, from 1
	Text string // the line, cut short if long, as a quoted Go string
	Err  error
}

func (e *LineError) Error() string {
	return fmt.Sprintf("procs: line %d %s: %v", e.Line, e.Text, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

// quoteLine quotes a line for an error message, keeping at most its first
// 64 bytes: enough to recognise a panic or a stray Println.
func quoteLine(b []byte) string {
	const keep = 64
	if len(b) > keep {
		return fmt.Sprintf("%q...", b[:keep])
	}
	return fmt.Sprintf("%q", b)
}
