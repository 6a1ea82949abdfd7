package kernel

import (
	"context"
	"encoding/json"
	"math"
	"sync"
	"testing"

	"goconc/kernel/engine"
	"goconc/kernel/wire"
)

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"*", "anything\nat all", true},
		{"", "", true},
		{"", "x", false},
		{"abc", "abc", true},
		{"abc", "abcd", false},
		{"ab", "abc", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"a*", "a", true},
		{"*c", "abc", true},
		{"a*c", "abxyzc", true},
		{"a*c", "abxyzcd", false},
		{"*fmt*", "x := 1\nfmt.Println(x)", true},
		{"*a*b*c*", "xxaxxbxxcxx", true},
		{"*a*b*c*", "xxaxxcxxbxx", false},
		{"Abc", "abc", false}, // case matters
		{"[abc]x", "bx", true},
		{"[abc]x", "dx", false},
		{"[a-c]*", "c1", true},
		{"[^a-c]*", "c1", false},
		{"[^a-c]*", "d1", true},
		{"[]]", "]", true},
		{"[^]]", "]", false},
		{"[a-]", "-", true},
		{"[", "[", true}, // an unclosed [ is literal
		{"x[y", "x[y", true},
		{"?", "é", true}, // one character, though two bytes
		{"*é?", "caféx", true},
		{"1?2*", "1+2+3", true},
	}
	for _, tt := range tests {
		if got := globMatch(tt.pattern, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

// recorder is a channel that keeps what is sent on it.
type recorder struct {
	mu   sync.Mutex
	msgs []*wire.Message
}

func (r *recorder) send(m *wire.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	return nil
}

func (r *recorder) last() *wire.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.msgs[len(r.msgs)-1]
}

// newTestServer returns a server without sockets, its channels
// recorders.
func newTestServer() (s *Server, shell, iopub *recorder) {
	s = newServer(newFakeInterp(), Options{})
	shell, iopub = &recorder{}, &recorder{}
	s.shell, s.control, s.stdin, s.iopub = shell, &recorder{}, &recorder{}, iopub
	return s, shell, iopub
}

func shellRequest(t *testing.T, s *Server, msgType string, content any) *request {
	t.Helper()
	m, err := s.newMessage(msgType, nil, content)
	if err != nil {
		t.Fatal(err)
	}
	return &request{Message: m, channel: "shell", reply: s.shell}
}

// handleShell passes a request through the shell queue to its handler,
// as the shell goroutine does.
func handleShell(t *testing.T, s *Server, msgType string, content any) *request {
	t.Helper()
	s.shellQueue.push(shellRequest(t, s, msgType, content))
	r, _ := s.shellQueue.pop(context.Background())
	s.handle(context.Background(), r)
	return r
}

func TestHistoryRequest(t *testing.T) {
	s, shell, _ := newTestServer()
	cells := []string{"set a 1", "print a", "set a 2", "print a", "set b 2"}
	for _, code := range cells {
		handleShell(t, s, "execute_request", map[string]any{"code": code})
	}
	// One silent cell and one not stored: neither is in the history.
	handleShell(t, s, "execute_request", map[string]any{"code": "print silent", "silent": true})
	handleShell(t, s, "execute_request", map[string]any{"code": "print unstored", "store_history": false})
	// A cell with a value keeps its text as output.
	handleShell(t, s, "execute_request", map[string]any{"code": "value 42"})

	tests := []struct {
		name    string
		request map[string]any
		want    string // the history, as JSON
	}{
		{"tail", map[string]any{"hist_access_type": "tail", "n": 2, "output": false, "raw": true},
			`[[1,5,"set b 2"],[1,6,"value 42"]]`},
		{"tail more than there is", map[string]any{"hist_access_type": "tail", "n": 100, "output": false, "raw": true},
			`[[1,1,"set a 1"],[1,2,"print a"],[1,3,"set a 2"],[1,4,"print a"],[1,5,"set b 2"],[1,6,"value 42"]]`},
		{"tail with output", map[string]any{"hist_access_type": "tail", "n": 2, "output": true, "raw": true},
			`[[1,5,["set b 2",null]],[1,6,["value 42","42"]]]`},
		{"range current session", map[string]any{"hist_access_type": "range", "session": 0, "start": 2, "stop": 4, "output": false, "raw": true},
			`[[1,2,"print a"],[1,3,"set a 2"]]`},
		{"range by number", map[string]any{"hist_access_type": "range", "session": 1, "start": 5, "output": false, "raw": true},
			`[[1,5,"set b 2"],[1,6,"value 42"]]`},
		{"range other session", map[string]any{"hist_access_type": "range", "session": 7, "start": 1, "stop": 3, "output": false, "raw": true},
			`[]`},
		{"search", map[string]any{"hist_access_type": "search", "pattern": "print*", "output": false, "raw": true},
			`[[1,2,"print a"],[1,4,"print a"]]`},
		{"search unique", map[string]any{"hist_access_type": "search", "pattern": "print*", "unique": true, "output": false, "raw": true},
			`[[1,4,"print a"]]`},
		{"search n", map[string]any{"hist_access_type": "search", "pattern": "* a*", "n": 2, "output": false, "raw": true},
			`[[1,3,"set a 2"],[1,4,"print a"]]`},
		{"search without pattern", map[string]any{"hist_access_type": "search", "n": 1, "output": false, "raw": true},
			`[[1,6,"value 42"]]`},
		{"unknown access type", map[string]any{"hist_access_type": "sideways", "output": false, "raw": true},
			`[]`},
	}
	for _, tt := range tests {
		handleShell(t, s, "history_request", tt.request)
		reply := shell.last()
		if reply.Header.MsgType != "history_reply" {
			t.Fatalf("%s: reply %s", tt.name, reply.Header.MsgType)
		}
		var c struct {
			Status  string          `json:"status"`
			History json.RawMessage `json:"history"`
		}
		if err := reply.DecodeContent(&c); err != nil {
			t.Fatal(err)
		}
		if c.Status != "ok" || string(c.History) != tt.want {
			t.Errorf("%s: status %s, history\n %s\nwant\n %s", tt.name, c.Status, c.History, tt.want)
		}
	}
}

// Every message a handler sends names the request as its parent, replies
// go to the requester's identities, and IOPub carries a topic.
func TestRepliesNameTheirRequest(t *testing.T) {
	s, shell, iopub := newTestServer()
	r := shellRequest(t, s, "execute_request", map[string]any{"code": "print hi\nvalue 1"})
	r.Identities = [][]byte{[]byte("client-7")}
	s.shellQueue.push(r)
	s.handle(context.Background(), r)
	for _, m := range append(shell.msgs, iopub.msgs...) {
		if got := parentMsgID(m); got != r.Header.MsgID {
			t.Errorf("%s: parent %q, want %q", m.Header.MsgType, got, r.Header.MsgID)
		}
		if m.Header.Session != s.session || m.Header.Version != wire.ProtocolVersion {
			t.Errorf("%s: header %+v", m.Header.MsgType, m.Header)
		}
	}
	if len(shell.msgs) != 1 || string(shell.msgs[0].Identities[0]) != "client-7" {
		t.Errorf("shell got %d messages, first to %q", len(shell.msgs), shell.msgs[0].Identities)
	}
	for _, m := range iopub.msgs {
		if len(m.Identities) != 1 || string(m.Identities[0]) != "kernel."+s.session+"."+m.Header.MsgType {
			t.Errorf("%s: topic %q", m.Header.MsgType, m.Identities)
		}
	}
}

// Display data that cannot be encoded is replaced by a note saying so,
// rather than lost.
func TestUnencodableDisplay(t *testing.T) {
	s, _, iopub := newTestServer()
	r := shellRequest(t, s, "execute_request", map[string]any{"code": ""})
	out := &cellOutput{s: s, parent: r.Message}
	out.streams = newStreamBuffer(out.publishStream)
	out.Display(engine.Display{Op: "display", Data: map[string]any{"application/json": math.NaN()}})
	m := iopub.last()
	var c displayContent
	if err := m.DecodeContent(&c); err != nil {
		t.Fatal(err)
	}
	if m.Header.MsgType != "display_data" || c.Data["text/plain"] == nil {
		t.Errorf("%s %v", m.Header.MsgType, c.Data)
	}
}
