package kernel

import (
	"context"
	"sync"
)

// currentSession is the number history replies give this kernel's
// session. History lives in memory only, so there is no other; requests
// for session 0 mean the current one, as in IPython.
const currentSession = 1

// defaultTail is how many cells a tail request without n returns.
const defaultTail = 10

// history keeps the cells the session has executed with store_history.
type history struct {
	mu      sync.Mutex
	entries []historyEntry
}

type historyEntry struct {
	line   int    // execution count
	input  string // the cell's code
	output string // text/plain of its result; "" when it had none
}

func (h *history) add(line int, input, output string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.entries = append(h.entries, historyEntry{line, input, output})
}

// snapshot returns a copy of the entries, oldest first.
func (h *history) snapshot() []historyEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]historyEntry(nil), h.entries...)
}

// tail returns the last n entries.
func (h *history) tail(n int) []historyEntry {
	all := h.snapshot()
	n = min(max(n, 0), len(all))
	return all[len(all)-n:]
}

// lines returns the entries of session numbered from start up to but not
// including stop; a stop of 0 means to the end.
func (h *history) lines(session, start, stop int) []historyEntry {
	if session != 0 && session != currentSession {
		return nil
	}
	var out []historyEntry
	for _, e := range h.snapshot() {
		if e.line >= start && (stop <= 0 || e.line < stop) {
			out = append(out, e)
		}
	}
	return out
}

// search returns the entries whose code matches the glob pattern (* and
// ? and [...] classes, matched against the whole cell), the last n of
// them when n > 0. With unique, a cell run more than once appears once,
// at its latest run.
func (h *history) search(pattern string, n int, unique bool) []historyEntry {
	all := h.snapshot()
	var out []historyEntry
	seen := make(map[string]bool)
	for i := len(all) - 1; i >= 0 && (n <= 0 || len(out) < n); i-- {
		e := all[i]
		if !globMatch(pattern, e.input) || unique && seen[e.input] {
			continue
		}
		seen[e.input] = true
		out = append(out, e)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

type historyRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"` // the code is kept only as typed
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           *int   `json:"stop"`
	N              *int   `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

type historyReply struct {
	Status  string  `json:"status"`
	History [][]any `json:"history"`
}

func (s *Server) historyRequest(ctx context.Context, r *request) {
	var req historyRequest
	if err := r.DecodeContent(&req); err != nil {
		s.replyBadRequest(r, err)
		return
	}
	var entries []historyEntry
	switch req.HistAccessType {
	case "tail":
		n := defaultTail
		if req.N != nil {
			n = *req.N
		}
		entries = s.history.tail(n)
	case "range":
		stop := 0
		if req.Stop != nil {
			stop = *req.Stop
		}
		entries = s.history.lines(req.Session, req.Start, stop)
	case "search":
		pattern := req.Pattern
		if pattern == "" {
			pattern = "*"
		}
		n := 0
		if req.N != nil {
			n = *req.N
		}
		entries = s.history.search(pattern, n, req.Unique)
	default:
		s.log.Printf("%s: unknown hist_access_type %q", r.channel, req.HistAccessType)
	}

	// Each entry is (session, line, input), or with output
	// (session, line, (input, output)), output null when there was none.
	reply := historyReply{Status: "ok", History: make([][]any, 0, len(entries))}
	for _, e := range entries {
		var item any = e.input
		if req.Output {
			var out any
			if e.output != "" {
				out = e.output
			}
			item = []any{e.input, out}
		}
		reply.History = append(reply.History, []any{currentSession, e.line, item})
	}
	s.reply(r, "history_reply", reply)
}

// globMatch reports whether s matches pattern as a whole, with the
// wildcards of IPython's history search (SQLite's GLOB): * matches any
// text, ? one character, [abc], [a-z] and [^abc] one of a set or not.
// Case matters.
func globMatch(pattern, s string) bool {
	p, t := []rune(pattern), []rune(s)
	pi, ti := 0, 0
	// Where to resume after the last *: the pattern after it, and the
	// text one character further than last tried.
	starP, starT := -1, 0
	for ti < len(t) {
		if pi < len(p) {
			if p[pi] == '*' {
				starP, starT = pi, ti
				pi++
				continue
			}
			if next, ok := matchOne(p, pi, t[ti]); ok {
				pi, ti = next, ti+1
				continue
			}
		}
		if starP < 0 {
			return false
		}
		starT++
		pi, ti = starP+1, starT
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// matchOne matches the pattern element at p[i], which is not *, against
// c, and returns the index after the element.
func matchOne(p []rune, i int, c rune) (next int, ok bool) {
	switch p[i] {
	case '?':
		return i + 1, true
	case '[':
		if end, in, valid := matchClass(p, i, c); valid {
			return end, in
		}
		// An unclosed [ stands for itself.
	}
	return i + 1, p[i] == c
}

// matchClass matches c against the class starting at p[i] == '['. A ]
// right after [ or [^ belongs to the set. valid is false when the class
// is not closed.
func matchClass(p []rune, i int, c rune) (end int, in, valid bool) {
	j := i + 1
	negate := j < len(p) && p[j] == '^'
	if negate {
		j++
	}
	for first := true; j < len(p); first = false {
		if p[j] == ']' && !first {
			return j + 1, in != negate, true
		}
		lo := p[j]
		if j+2 < len(p) && p[j+1] == '-' && p[j+2] != ']' {
			if lo <= c && c <= p[j+2] {
				in = true
			}
			j += 3
			continue
		}
		if lo == c {
			in = true
		}
		j++
	}
	return 0, false, false
}
