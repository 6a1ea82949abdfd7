package kernel

import "context"

type statusReply struct {
	Status string `json:"status"`
}

// interrupt stops the running cell: its context is cancelled, which the
// engine turns into an "interrupted" error for that cell while the
// session's state stays. The kernelspec asks for interrupts as messages
// (interrupt_mode "message"), so this is how Jupyter's stop button
// arrives.
func (s *Server) interrupt(ctx context.Context, r *request) {
	s.Interrupt()
	s.reply(r, "interrupt_reply", statusReply{Status: "ok"})
}

type shutdownRequest struct {
	Restart bool `json:"restart"`
}

type shutdownReply struct {
	Status  string `json:"status"`
	Restart bool   `json:"restart"`
}

// shutdown replies and makes Serve return. A restart is the client's to
// do: it starts a new kernel when this one has gone. The reply is also
// published on IOPub, as ipykernel does, so that every client learns the
// kernel is going.
func (s *Server) shutdown(ctx context.Context, r *request) {
	var req shutdownRequest
	if err := r.DecodeContent(&req); err != nil {
		s.log.Printf("%s: %v", r.channel, err)
	}
	reply := shutdownReply{Status: "ok", Restart: req.Restart}
	s.reply(r, "shutdown_reply", reply)
	s.publish(r.Message, "shutdown_reply", reply)
	s.stop()
}
