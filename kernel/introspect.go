package kernel

import (
	"context"
	"unicode/utf8"
)

// Cursor positions in completion and inspection requests count Unicode
// code points (protocol 5.2 and later), as the engine does.

type completeRequest struct {
	Code      string `json:"code"`
	CursorPos *int   `json:"cursor_pos"` // default: the end of the code
}

type completeReply struct {
	Status      string         `json:"status"`
	Matches     []string       `json:"matches"`
	CursorStart int            `json:"cursor_start"`
	CursorEnd   int            `json:"cursor_end"`
	Metadata    map[string]any `json:"metadata"`
}

func (s *Server) complete(ctx context.Context, r *request) {
	var req completeRequest
	if err := r.DecodeContent(&req); err != nil {
		s.replyBadRequest(r, err)
		return
	}
	cursor := clampCursor(req.Code, req.CursorPos)
	c := s.interp.Complete(req.Code, cursor)
	matches := c.Matches
	if matches == nil {
		matches = []string{}
	}
	s.reply(r, "complete_reply", completeReply{
		Status:      "ok",
		Matches:     matches,
		CursorStart: c.CursorStart,
		CursorEnd:   c.CursorEnd,
		Metadata:    map[string]any{},
	})
}

type inspectRequest struct {
	Code        string `json:"code"`
	CursorPos   *int   `json:"cursor_pos"`
	DetailLevel int    `json:"detail_level"`
}

type inspectReply struct {
	Status   string         `json:"status"`
	Found    bool           `json:"found"`
	Data     map[string]any `json:"data"`
	Metadata map[string]any `json:"metadata"`
}

func (s *Server) inspect(ctx context.Context, r *request) {
	var req inspectRequest
	if err := r.DecodeContent(&req); err != nil {
		s.replyBadRequest(r, err)
		return
	}
	doc := s.interp.Inspect(req.Code, clampCursor(req.Code, req.CursorPos), req.DetailLevel)
	reply := inspectReply{Status: "ok", Found: doc.Found, Data: map[string]any{}, Metadata: map[string]any{}}
	if doc.Found {
		reply.Data["text/plain"] = doc.Text
	}
	s.reply(r, "inspect_reply", reply)
}

type isCompleteRequest struct {
	Code string `json:"code"`
}

type isCompleteReply struct {
	Status string `json:"status"`
	Indent string `json:"indent,omitempty"`
}

func (s *Server) isComplete(ctx context.Context, r *request) {
	var req isCompleteRequest
	if err := r.DecodeContent(&req); err != nil {
		s.replyBadRequest(r, err)
		return
	}
	status, indent := s.interp.IsComplete(req.Code)
	reply := isCompleteReply{Status: status}
	if status == "incomplete" {
		reply.Indent = capIndent(indent)
	}
	s.reply(r, "is_complete_reply", reply)
}

// maxIndent bounds the indent is_complete suggests, in characters: a
// cell of a million open braces gets the indent of a deep one, not a
// megabyte reply.
const maxIndent = 32

func capIndent(indent string) string {
	if utf8.RuneCountInString(indent) <= maxIndent {
		return indent
	}
	return string([]rune(indent)[:maxIndent])
}

// clampCursor returns the cursor position in code: pos when given and
// inside the code, else the nearest end.
func clampCursor(code string, pos *int) int {
	n := utf8.RuneCountInString(code)
	if pos == nil || *pos > n {
		return n
	}
	return max(*pos, 0)
}

// replyBadRequest answers a request whose content could not be read.
func (s *Server) replyBadRequest(r *request, err error) {
	s.log.Printf("%s: %v", r.channel, err)
	s.reply(r, replyFor(r.Header.MsgType), errorContent{
		Status:    "error",
		Ename:     "BadRequest",
		Evalue:    err.Error(),
		Traceback: []string{},
	})
}
