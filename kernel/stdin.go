package kernel

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"goconc/kernel/wire"
)

// inputRequest is the content of an input_request.
type inputRequest struct {
	Prompt   string `json:"prompt"`
	Password bool   `json:"password"`
}

// inputReply is the content of an input_reply.
type inputReply struct {
	Value string `json:"value"`
}

// receiveInput takes a message from the stdin channel. Clients send only
// input_reply there.
func (s *Server) receiveInput(m *wire.Message) {
	if m.Header.MsgType != "input_reply" {
		s.log.Printf("stdin: ignoring a message of type %q", m.Header.MsgType)
		return
	}
	select {
	case s.inputs <- m:
	default:
		s.log.Print("stdin: dropped an input_reply nobody asked for")
	}
}

// input asks the client that sent parent for a line of input and waits
// for the answer, or for ctx to end, which an interrupt does.
//
// The input_request goes to the routing identity of parent: a client's
// stdin socket has the same identity as its shell socket, so only the
// client that ran the cell is asked.
func (s *Server) input(ctx context.Context, parent *wire.Message, prompt string, password bool) (string, error) {
	s.inputMu.Lock()
	defer s.inputMu.Unlock()

	// Replies that arrived when nobody was waiting answer nothing now.
	for drained := false; !drained; {
		select {
		case <-s.inputs:
		default:
			drained = true
		}
	}

	m, err := s.newMessage("input_request", parent, inputRequest{Prompt: prompt, Password: password})
	if err != nil {
		return "", err
	}
	m.Identities = parent.Identities
	if err := s.stdin.send(m); err != nil {
		return "", fmt.Errorf("asking for input: %w", err)
	}

	for {
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("waiting for input: %w", ctx.Err())
		case reply := <-s.inputs:
			// A reply that names another request as its parent answers a
			// prompt given up on, by an interrupt say. Some clients
			// (jupyter_client among them) name no parent at all.
			if id := parentMsgID(reply); id != "" && id != m.Header.MsgID {
				s.log.Printf("stdin: dropped an input_reply to an earlier input_request %s", id)
				continue
			}
			var c inputReply
			if err := reply.DecodeContent(&c); err != nil {
				return "", fmt.Errorf("reading input: %w", err)
			}
			// jupyter_console sends Ctrl-D as EOT, meaning end of input.
			if c.Value == "\x04" {
				return "", fmt.Errorf("reading input: %w", io.EOF)
			}
			return c.Value, nil
		}
	}
}

// parentMsgID returns the msg_id in m's parent header, or "".
func parentMsgID(m *wire.Message) string {
	var h struct {
		MsgID string `json:"msg_id"`
	}
	if json.Unmarshal(m.ParentHeader, &h) != nil {
		return ""
	}
	return h.MsgID
}
