package kernel

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"strings"
	"unicode/utf8"

	"goconc/kernel/engine"
	"goconc/kernel/wire"
)

// executeRequest is the content of an execute_request.
type executeRequest struct {
	Code            string         `json:"code"`
	Silent          bool           `json:"silent"`
	StoreHistory    *bool          `json:"store_history"` // default: not silent
	UserExpressions map[string]any `json:"user_expressions"`
	AllowStdin      bool           `json:"allow_stdin"`
	StopOnError     *bool          `json:"stop_on_error"` // default: true
}

// executeReply is the content of an execute_reply.
type executeReply struct {
	Status          string         `json:"status"` // "ok" or "error"
	ExecutionCount  int            `json:"execution_count"`
	Payload         []any          `json:"payload"`
	UserExpressions map[string]any `json:"user_expressions"`
	// When Status is "error":
	Ename     string   `json:"ename,omitempty"`
	Evalue    string   `json:"evalue,omitempty"`
	Traceback []string `json:"traceback,omitempty"`
}

// errorContent is the content of an error message, and of a reply that
// reports an error.
type errorContent struct {
	Status    string   `json:"status,omitempty"`
	Ename     string   `json:"ename"`
	Evalue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// execute runs a cell. It publishes the cell's code, its output as it
// comes and its result or error, replies, and records the cell in the
// history. A silent cell publishes neither its code nor its result and
// does not count, as in ipykernel; its printed output is still shown.
func (s *Server) execute(ctx context.Context, r *request) {
	var req executeRequest
	if err := r.DecodeContent(&req); err != nil {
		s.replyBadRequest(r, err)
		return
	}
	storeHistory := !req.Silent && (req.StoreHistory == nil || *req.StoreHistory)
	stopOnError := req.StopOnError == nil || *req.StopOnError
	if storeHistory {
		s.executionCount++
	}
	count := s.executionCount
	if !req.Silent {
		s.publish(r.Message, "execute_input", executeInput{Code: req.Code, ExecutionCount: count})
	}

	if name, detail, ok := inspectionSyntax(req.Code); ok {
		s.executeInspection(r, name, detail, count, req.UserExpressions)
		if storeHistory {
			s.history.add(count, req.Code, "")
		}
		return
	}

	runCtx, cancel := context.WithCancel(engine.WithExecutionCount(ctx, count))
	s.setRunning(cancel)
	defer func() {
		s.setRunning(nil)
		cancel()
	}()
	out := &cellOutput{s: s, parent: r.Message, allowStdin: req.AllowStdin}
	out.streams = newStreamBuffer(out.publishStream)
	res := s.interp.Execute(runCtx, req.Code, out)
	out.streams.flush()

	reply := executeReply{
		Status:          "ok",
		ExecutionCount:  count,
		Payload:         []any{},
		UserExpressions: userExpressionErrors(req.UserExpressions),
	}
	var resultText string
	switch {
	case res.Err != nil:
		e := res.Err
		tb := e.Traceback
		if tb == nil {
			tb = []string{}
		}
		s.publish(r.Message, "error", errorContent{Ename: e.Name, Evalue: e.Value, Traceback: tb})
		reply.Status, reply.Ename, reply.Evalue, reply.Traceback = "error", e.Name, e.Value, tb
	case res.Value != nil && !req.Silent:
		result := executeResult{ExecutionCount: count, Data: res.Value, Metadata: map[string]any{}}
		if err := s.publish(r.Message, "execute_result", result); err != nil {
			result.Data = unsendable(err)
			s.publish(r.Message, "execute_result", result)
		}
		resultText, _ = res.Value["text/plain"].(string)
	}
	if storeHistory {
		s.history.add(count, req.Code, resultText)
	}
	// Which requests to abort is settled before the reply goes out: a
	// request the client sends once it has the reply is not one that
	// was waiting behind the failed cell.
	if res.Err != nil && !req.Silent && stopOnError {
		s.abortQueued()
	}
	s.reply(r, "execute_reply", reply)
}

// inspectionSyntax recognises IPython's inspection syntax, a name with
// "?" before or after it ("??" for more detail): fmt.Println? in jupyter
// console shows the documentation rather than failing to compile.
func inspectionSyntax(code string) (name string, detail int, ok bool) {
	code = strings.TrimSpace(code)
	trimmed := strings.TrimRight(code, "?")
	if trimmed == code {
		trimmed = strings.TrimLeft(code, "?")
	}
	marks := len(code) - len(trimmed)
	if marks < 1 || marks > 2 || !isDottedName(trimmed) {
		return "", 0, false
	}
	return trimmed, marks - 1, true
}

// isDottedName reports whether s is a Go identifier or a selector of
// identifiers (fmt.Println, wg.Wait).
func isDottedName(s string) bool {
	for part := range strings.SplitSeq(s, ".") {
		if !token.IsIdentifier(part) {
			return false
		}
	}
	return s != ""
}

// executeInspection answers an inspection written as a cell: the
// documentation goes to the pager, as IPython sends it.
func (s *Server) executeInspection(r *request, name string, detail, count int, exprs map[string]any) {
	doc := s.interp.Inspect(name, utf8.RuneCountInString(name), detail)
	if pkg, _, ok := strings.Cut(name, "."); ok && !doc.Found {
		// fmt.Println? before any cell imported fmt: look in the
		// standard package of that name.
		code := "import \"" + pkg + "\"\n" + name
		doc = s.interp.Inspect(code, utf8.RuneCountInString(code), detail)
	}
	payload := []any{}
	if doc.Found {
		payload = append(payload, map[string]any{"source": "page", "data": map[string]any{"text/plain": doc.Text}, "start": 0})
	} else {
		s.publish(r.Message, "stream", streamContent{Name: "stdout", Text: "Object `" + name + "` not found.\n"})
	}
	s.reply(r, "execute_reply", executeReply{
		Status:          "ok",
		ExecutionCount:  count,
		Payload:         payload,
		UserExpressions: userExpressionErrors(exprs),
	})
}

// setRunning records the cancel function of the running cell, for
// interrupts; nil when no cell runs.
func (s *Server) setRunning(cancel context.CancelFunc) {
	s.mu.Lock()
	s.cancelRun = cancel
	s.mu.Unlock()
}

// userExpressionErrors answers a request's user_expressions. Evaluating
// them would run code the user did not write into the session, with its
// side effects, so each gets the per-expression error the protocol
// provides for.
func userExpressionErrors(exprs map[string]any) map[string]any {
	out := make(map[string]any, len(exprs))
	for name := range exprs {
		out[name] = errorContent{
			Status:    "error",
			Ename:     "NotSupported",
			Evalue:    "goconc does not evaluate user_expressions",
			Traceback: []string{},
		}
	}
	return out
}

type executeInput struct {
	Code           string `json:"code"`
	ExecutionCount int    `json:"execution_count"`
}

type executeResult struct {
	ExecutionCount int            `json:"execution_count"`
	Data           map[string]any `json:"data"`
	Metadata       map[string]any `json:"metadata"`
}

// displayContent is the content of display_data and update_display_data.
type displayContent struct {
	Data      map[string]any `json:"data"`
	Metadata  map[string]any `json:"metadata"`
	Transient map[string]any `json:"transient,omitempty"`
}

type streamContent struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

type clearOutput struct {
	Wait bool `json:"wait"`
}

// unsendable is the MIME bundle shown instead of one that cannot be
// encoded as JSON (a NaN, say), so that the user sees why.
func unsendable(err error) map[string]any {
	return map[string]any{"text/plain": fmt.Sprintf("goconc: this output cannot be sent to Jupyter: %v", err)}
}

// cellOutput is the engine.Output of one execute_request: it turns what
// the cell produces into IOPub messages whose parent is the request.
type cellOutput struct {
	s          *Server
	parent     *wire.Message
	allowStdin bool
	streams    *streamBuffer
}

func (o *cellOutput) Stream(name, text string) {
	o.streams.write(name, text)
}

func (o *cellOutput) publishStream(name, text string) {
	o.s.publish(o.parent, "stream", streamContent{Name: name, Text: text})
}

func (o *cellOutput) Display(d engine.Display) {
	o.streams.flush()
	switch d.Op {
	case "clear":
		o.s.publish(o.parent, "clear_output", clearOutput{Wait: d.Wait})
		return
	case "display", "update":
	default:
		o.s.log.Printf("shell: ignoring display operation %q", d.Op)
		return
	}
	msgType := "display_data"
	if d.Op == "update" {
		msgType = "update_display_data"
	}
	c := displayContent{Data: d.Data, Metadata: d.Metadata}
	if c.Data == nil {
		c.Data = map[string]any{}
	}
	if c.Metadata == nil {
		c.Metadata = map[string]any{}
	}
	if d.ID != "" {
		c.Transient = map[string]any{"display_id": d.ID}
	}
	if err := o.s.publish(o.parent, msgType, c); err != nil {
		c.Data, c.Metadata = unsendable(err), map[string]any{}
		o.s.publish(o.parent, msgType, c)
	}
}

// errNoStdin is what a cell reading input gets from a client that takes
// none, such as nbconvert.
var errNoStdin = errors.New("this client does not accept input (the execute_request has allow_stdin false)")

func (o *cellOutput) Input(ctx context.Context, prompt string, password bool) (string, error) {
	o.streams.flush() // the prompt comes after what the cell printed
	if !o.allowStdin {
		return "", errNoStdin
	}
	return o.s.input(ctx, o.parent, prompt, password)
}
