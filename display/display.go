// Package display shows rich output (HTML, Markdown, SVG, PNG, JSON, text)
// in the notebook cell that calls it.
//
// Under the goconc kernel each call becomes a Jupyter display_data,
// update_display_data or clear_output message. Anywhere else (a program
// built with go build, goconc run on a terminal) it prints a plain-text
// form to standard output, so the same code runs in both places.
package display

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

// Data is a MIME bundle: MIME type to content. Text types hold strings,
// image/png holds base64 text, application/json holds any JSON value.
type Data map[string]any

// Handle refers to one displayed output. Its methods replace that output
// in place, which is how a progress bar or a live chart is drawn.
type Handle struct {
	id   string
	sink *sink
}

// Show displays a MIME bundle and returns a handle to update it.
func Show(d Data) *Handle {
	return defaultSink().show(d)
}

// HTML displays an HTML fragment.
func HTML(s string) *Handle { return Show(htmlData(s)) }

// Markdown displays Markdown text.
func Markdown(s string) *Handle { return Show(markdownData(s)) }

// SVG displays an SVG image given as its XML text.
func SVG(s string) *Handle { return Show(svgData(s)) }

// PNG displays a PNG image given as its encoded bytes.
func PNG(b []byte) *Handle { return Show(pngData(b)) }

// JSON displays v, marshalled with encoding/json. A value that cannot be
// marshalled is shown as the marshalling error.
func JSON(v any) *Handle { return Show(jsonData(v)) }

// Text displays plain text.
func Text(s string) *Handle { return Show(Data{"text/plain": s}) }

// Clear clears the cell's output. With wait set, the output is cleared
// only when the next output arrives, which avoids flicker in animations.
func Clear(wait bool) {
	defaultSink().clear(wait)
}

// Show replaces the output behind h with d.
func (h *Handle) Show(d Data) { h.sink.update(h.id, d) }

// HTML replaces the output behind h with an HTML fragment.
func (h *Handle) HTML(s string) { h.Show(htmlData(s)) }

// Markdown replaces the output behind h with Markdown text.
func (h *Handle) Markdown(s string) { h.Show(markdownData(s)) }

// SVG replaces the output behind h with an SVG image.
func (h *Handle) SVG(s string) { h.Show(svgData(s)) }

// PNG replaces the output behind h with a PNG image.
func (h *Handle) PNG(b []byte) { h.Show(pngData(b)) }

// JSON replaces the output behind h with v as JSON.
func (h *Handle) JSON(v any) { h.Show(jsonData(v)) }

// Text replaces the output behind h with plain text.
func (h *Handle) Text(s string) { h.Show(Data{"text/plain": s}) }

// ID returns the display id Jupyter knows this output by.
func (h *Handle) ID() string { return h.id }

func htmlData(s string) Data     { return Data{"text/html": s, "text/plain": "[HTML]"} }
func markdownData(s string) Data { return Data{"text/markdown": s, "text/plain": s} }
func svgData(s string) Data      { return Data{"image/svg+xml": s, "text/plain": "[SVG image]"} }

func pngData(b []byte) Data {
	return Data{
		"image/png":  base64.StdEncoding.EncodeToString(b),
		"text/plain": fmt.Sprintf("[PNG image, %d bytes]", len(b)),
	}
}

func jsonData(v any) Data {
	b, err := json.Marshal(v)
	if err != nil {
		return Data{"text/plain": fmt.Sprintf("display.JSON: %v", err)}
	}
	var generic any
	_ = json.Unmarshal(b, &generic)
	indented, _ := json.MarshalIndent(generic, "", "  ")
	return Data{"application/json": generic, "text/plain": string(indented)}
}

// EnvVar names the environment variable through which the kernel asks this
// package to emit display messages in-band on standard output.
const EnvVar = "GOCONC_DISPLAY"

// Frame markers: an OSC escape sequence that terminals ignore. The body is
// JSON, which never holds a raw BEL byte, so the end marker cannot occur
// inside a frame.
const (
	FrameStart = "\x1b]5379;goconc;"
	FrameEnd   = "\x07"
)

// Message is one display operation as carried in a frame.
type Message struct {
	Op       string         `json:"op"` // "display", "update" or "clear"
	ID       string         `json:"id,omitempty"`
	Data     Data           `json:"data,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
	Wait     bool           `json:"wait,omitempty"`
}

// Frame encodes m as it travels on standard output.
func Frame(m Message) []byte {
	body, err := json.Marshal(m)
	if err != nil {
		body, _ = json.Marshal(Message{Op: m.Op, ID: m.ID, Data: Data{"text/plain": err.Error()}})
	}
	return []byte(FrameStart + string(body) + FrameEnd)
}

// sink is where display operations go: frames for the kernel, or plain
// text for a terminal.
type sink struct {
	w      io.Writer
	framed bool
	mu     sync.Mutex // keeps one operation's bytes together
	nextID atomic.Uint64
	prefix string
}

var defaultSink = sync.OnceValue(func() *sink {
	return &sink{
		w:      os.Stdout,
		framed: os.Getenv(EnvVar) == "inband",
		prefix: fmt.Sprintf("goconc-%d-", os.Getpid()),
	}
})

func (s *sink) show(d Data) *Handle {
	h := &Handle{id: s.prefix + fmt.Sprint(s.nextID.Add(1)), sink: s}
	s.emit(Message{Op: "display", ID: h.id, Data: d})
	return h
}

func (s *sink) update(id string, d Data) { s.emit(Message{Op: "update", ID: id, Data: d}) }

func (s *sink) clear(wait bool) { s.emit(Message{Op: "clear", Wait: wait}) }

func (s *sink) emit(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.framed {
		s.w.Write(Frame(m))
		return
	}
	if m.Op == "clear" {
		return
	}
	text, _ := m.Data["text/plain"].(string)
	if html, ok := m.Data["text/html"].(string); ok && strings.HasPrefix(text, "[") {
		text = html
	}
	if svg, ok := m.Data["image/svg+xml"].(string); ok && strings.HasPrefix(text, "[") {
		text = svg
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	io.WriteString(s.w, text)
}
