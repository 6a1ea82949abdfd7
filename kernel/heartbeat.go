package kernel

import "context"

// echoHeartbeats sends every heartbeat message back, frame for frame, to
// the client that sent it, until the socket is closed. Clients ping on a
// REQ socket and take the echo as proof the kernel is alive. The socket is
// a ROUTER rather than a REP so that several clients may ping at once.
func (s *Server) echoHeartbeats(ctx context.Context) {
	for {
		m, err := s.heartbeat.Recv()
		if err != nil {
			if ctx.Err() == nil {
				s.log.Printf("heartbeat: receive: %v", err)
			}
			return
		}
		if len(m.Frames) < 2 {
			continue // no routing identity: nothing to answer
		}
		if err := s.heartbeat.SendMulti(m); err != nil {
			s.log.Printf("heartbeat: %v", err)
		}
	}
}
