package kernel

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"sync"

	"github.com/go-zeromq/zmq4"

	"goconc/kernel/wire"
)

// A sender sends messages on one channel.
type sender interface {
	send(m *wire.Message) error
}

// socket is a channel bound to a ZeroMQ socket.
type socket struct {
	name    string // shell, control, stdin or iopub
	sock    zmq4.Socket
	signer  *wire.Signer
	replays *replayGuard // shared by the channels that receive
	mu      sync.Mutex   // keeps messages from several goroutines whole and in order
}

func (c *socket) send(m *wire.Message) error {
	frames, err := wire.Encode(m, c.signer)
	if err != nil {
		return fmt.Errorf("%s: %w", c.name, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		return fmt.Errorf("%s: sending %s: %w", c.name, m.Header.MsgType, err)
	}
	return nil
}

// receive reads messages until the socket is closed and hands each one
// that is well formed and correctly signed to deliver. Any other is
// logged and dropped: a kernel acts only on messages signed with its key.
func (c *socket) receive(ctx context.Context, logger *log.Logger, deliver func(*wire.Message)) {
	for {
		zm, err := c.sock.Recv()
		if err != nil {
			if ctx.Err() == nil {
				logger.Printf("%s: receive: %v", c.name, err)
			}
			return
		}
		m, err := wire.Decode(zm.Frames, c.signer)
		if err != nil {
			logger.Printf("%s: dropped a message of %d frames: %v", c.name, len(zm.Frames), err)
			continue
		}
		if !c.replays.accept(m.Signature()) {
			logger.Printf("%s: dropped a %s whose signature was seen before (a replay)", c.name, m.Header.MsgType)
			continue
		}
		deliver(m)
	}
}

// request is a message received on the shell or control channel.
type request struct {
	*wire.Message
	channel string // "shell" or "control"
	reply   sender // the channel to answer on: the one it came on
	seq     uint64 // its place in the order of arrival on its channel
}

// newMessage returns a message of type msgType whose parent is parent
// (none when nil), with content encoded as JSON.
func (s *Server) newMessage(msgType string, parent *wire.Message, content any) (*wire.Message, error) {
	body, err := json.Marshal(content)
	if err != nil {
		return nil, fmt.Errorf("encoding %s: %w", msgType, err)
	}
	m := &wire.Message{
		Header:  wire.NewHeader(msgType, s.session, s.username),
		Content: body,
	}
	if parent != nil {
		if m.ParentHeader, err = parent.HeaderJSON(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// reply answers r, on the channel r came on.
func (s *Server) reply(r *request, msgType string, content any) {
	m, err := s.newMessage(msgType, r.Message, content)
	if err != nil {
		s.log.Printf("%s: %v", r.channel, err)
		return
	}
	m.Identities = r.Identities
	if err := r.reply.send(m); err != nil {
		s.log.Print(err)
	}
}

// publish sends a message on IOPub, where every client sees it. Its
// topic is its type, as the Jupyter documentation suggests. It returns an
// error only when content cannot be encoded, for the caller to send
// something else; a failure to send is logged.
func (s *Server) publish(parent *wire.Message, msgType string, content any) error {
	m, err := s.newMessage(msgType, parent, content)
	if err != nil {
		s.log.Printf("iopub: %v", err)
		return err
	}
	m.Identities = [][]byte{[]byte("kernel." + s.session + "." + msgType)}
	if err := s.iopub.send(m); err != nil {
		s.log.Print(err)
	}
	return nil
}

// statusContent is the content of a status message.
type statusContent struct {
	ExecutionState string `json:"execution_state"`
}
