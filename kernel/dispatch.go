package kernel

import (
	"context"
	"runtime/debug"
	"strings"
	"sync"
)

// queue holds the requests received on one channel and not yet handled.
// The receiving goroutine fills it as fast as messages arrive, so that
// when a cell fails every execute_request already sent is here to be
// aborted.
type queue struct {
	mu    sync.Mutex
	items []*request
	seq   uint64        // of the last request pushed
	ready chan struct{} // signalled when items become non-empty
}

func newQueue() *queue {
	return &queue{ready: make(chan struct{}, 1)}
}

func (q *queue) push(r *request) {
	q.mu.Lock()
	q.seq++
	r.seq = q.seq
	q.items = append(q.items, r)
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

// pop returns the oldest request, waiting for one; ok is false once ctx
// is done.
func (q *queue) pop(ctx context.Context) (r *request, ok bool) {
	for {
		q.mu.Lock()
		if len(q.items) > 0 {
			r = q.items[0]
			q.items[0] = nil
			q.items = q.items[1:]
			q.mu.Unlock()
			return r, true
		}
		q.mu.Unlock()
		select {
		case <-q.ready:
		case <-ctx.Done():
			return nil, false
		}
	}
}

// last returns the sequence number of the last request received.
func (q *queue) last() uint64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.seq
}

// A handler answers one type of request.
type handler func(s *Server, ctx context.Context, r *request)

// handlerFor returns the handler of a request type on a channel. The
// control channel is served while a cell runs, so it takes no request that
// would use the interpreter: that runs one thing at a time.
func handlerFor(channel, msgType string) handler {
	switch msgType {
	case "shutdown_request":
		// Older clients send it on shell; the spec has it on control.
		return (*Server).shutdown
	case "interrupt_request":
		return (*Server).interrupt
	case "kernel_info_request":
		return (*Server).kernelInfo
	case "connect_request":
		return (*Server).connect
	case "comm_info_request":
		return (*Server).commInfo
	case "history_request":
		return (*Server).historyRequest
	}
	if channel != "shell" {
		return nil
	}
	switch msgType {
	case "execute_request":
		return (*Server).execute
	case "complete_request":
		return (*Server).complete
	case "inspect_request":
		return (*Server).inspect
	case "is_complete_request":
		return (*Server).isComplete
	case "comm_open":
		return (*Server).commOpen
	case "comm_msg", "comm_close":
		return (*Server).ignore // no comm is ever open
	}
	return nil
}

// answeredWhileRunning reports whether a shell request type is served
// by a dispatcher of its own, beside the cells: completion, inspection
// and is_complete need no interpreter (the engine answers them from the
// cells that ran), and JupyterLab asks for them while a cell runs.
func answeredWhileRunning(msgType string) bool {
	switch msgType {
	case "complete_request", "inspect_request", "is_complete_request":
		return true
	}
	return false
}

// dispatch handles the requests of one channel in the order they came,
// until ctx is done.
func (s *Server) dispatch(ctx context.Context, q *queue) {
	for {
		r, ok := q.pop(ctx)
		if !ok {
			return
		}
		s.handle(ctx, r)
	}
}

// handle answers one request between status busy and status idle, the
// two IOPub messages that bracket everything a request causes.
func (s *Server) handle(ctx context.Context, r *request) {
	s.publish(r.Message, "status", statusContent{"busy"})
	defer s.publish(r.Message, "status", statusContent{"idle"})
	defer func() {
		// A failing handler must not take the kernel, and the user's
		// session, down with it.
		if v := recover(); v != nil {
			s.log.Printf("%s: %s: panic: %v\n%s", r.channel, r.Header.MsgType, v, debug.Stack())
		}
	}()

	msgType := r.Header.MsgType
	if r.channel == "shell" && msgType == "execute_request" && r.seq <= s.abortThrough {
		s.log.Printf("shell: aborting execute_request %s after an earlier error", r.Header.MsgID)
		s.reply(r, "execute_reply", abortedReply{Status: "aborted"})
		return
	}
	h := handlerFor(r.channel, msgType)
	if h == nil {
		// The protocol lets a kernel leave requests it does not know
		// unanswered; clients cope.
		if handlerFor("shell", msgType) != nil {
			s.log.Printf("%s: ignoring %s, which is served on shell only", r.channel, msgType)
		} else {
			s.log.Printf("%s: ignoring a message of unknown type %q", r.channel, msgType)
		}
		return
	}
	h(s, ctx, r)
}

// abortQueued makes the shell abort every execute_request received so
// far, as ipykernel does after an error when stop_on_error is set: a
// "run all" stops at the first failing cell.
func (s *Server) abortQueued() {
	s.abortThrough = s.shellQueue.last()
}

// abortedReply is the reply to an aborted request.
type abortedReply struct {
	Status string `json:"status"`
}

// replyFor returns the reply type of a request type.
func replyFor(msgType string) string {
	return strings.TrimSuffix(msgType, "_request") + "_reply"
}

func (s *Server) ignore(ctx context.Context, r *request) {}
