// Package kernel is the goconc Jupyter kernel: it serves the Jupyter
// messaging protocol on the five sockets of a connection file and runs
// the cells it is sent on an engine.Interpreter.
//
// An execute_request travels through these files:
//
//   - server.go binds the sockets, behind the limits of package
//     zmtpguard, and starts one goroutine per channel;
//     channel.go receives each message, checks its signature (package
//     wire) and queues it.
//   - dispatch.go takes shell requests off the queue one at a time,
//     publishes status busy, calls the handler for the message type and
//     publishes status idle; control requests have their own goroutine,
//     so that an interrupt reaches a cell that is running.
//   - execute.go runs the cell on the interpreter. What the cell prints
//     goes out on IOPub while it runs, gathered into messages by
//     stream.go; input it asks for comes from the client through
//     stdin.go. The result, or the error, is published and the reply
//     sent on the channel the request came on.
//   - control.go interrupts the running cell and shuts the kernel down.
//
// The other requests are answered in introspect.go (completion,
// inspection, is_complete), history.go and kernelinfo.go; heartbeat.go
// echoes heartbeat pings.
package kernel

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/user"
	"strings"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/google/uuid"

	"goconc/kernel/engine"
	"goconc/kernel/wire"
	"goconc/kernel/zmtpguard"
)

// ImplementationVersion is the kernel's version, as kernel_info_reply
// reports it.
const ImplementationVersion = "0.1.0"

// Options tune a Server. The zero value is ready to use.
type Options struct {
	// Log receives the kernel's diagnostics. Nil discards them.
	Log *log.Logger
	// MaxMessage is the largest message, in bytes, a client may send on
	// shell, control or stdin; a client sending a larger one is
	// disconnected. Zero means 16 MiB.
	MaxMessage int64
}

// heartbeatMax bounds a heartbeat ping: clients send a few bytes.
const heartbeatMax = 64 << 10

// iopubHighWater is how many messages IOPub queues for slow subscribers
// before it drops new ones, as libzmq's default send high-water mark.
const iopubHighWater = 1000

// linger is how long a shutting-down kernel leaves its sockets open, so
// that the last IOPub messages reach the subscribers.
const linger = 100 * time.Millisecond

// A Server is a running kernel: sockets bound, interpreter attached.
type Server struct {
	info     wire.ConnectionInfo // with the ports actually bound
	interp   engine.Interpreter
	log      *log.Logger
	session  string // the kernel's session id, in every header it sends
	username string

	shell, control, stdin, iopub sender
	sockets                      []*socket // bound channels, to receive from and close
	heartbeat                    zmq4.Socket

	shellQueue, controlQueue *queue
	introQueue               *queue             // shell requests answered while a cell runs
	inputs                   chan *wire.Message // input_reply messages from stdin
	inputMu                  sync.Mutex         // one input_request at a time

	mu        sync.Mutex
	cancelRun context.CancelFunc // of the running cell; nil between cells
	stopped   chan struct{}      // closed when a shutdown is requested
	stopOnce  sync.Once

	// Used by the shell goroutine only.
	executionCount int
	abortThrough   uint64 // execute_requests queued up to here are aborted

	history history
}

// New binds the sockets named by info and returns a server that runs
// cells on interp. The server owns interp: Serve closes it.
func New(info *wire.ConnectionInfo, interp engine.Interpreter, opts Options) (*Server, error) {
	signer, err := info.Signer()
	if err != nil {
		return nil, err
	}
	s := newServer(interp, opts)
	s.info = *info

	// The kernel's sockets outlive any request context: Serve closes them
	// itself, after the last messages are out. The context also carries
	// each socket's limits to the guarded transport (package zmtpguard).
	zlog := s.log
	replays := newReplayGuard(replayMemory)
	routerPeers := []string{"DEALER", "REQ", "ROUTER"}
	guarded := func(l zmtpguard.Limits) context.Context {
		l.Log = zlog
		return zmtpguard.WithLimits(context.Background(), l)
	}
	bind := func(name string, sock zmq4.Socket, port *int) (*socket, error) {
		if err := listen(sock, s.info.Transport, s.info.Endpoint(*port), port); err != nil {
			sock.Close()
			return nil, fmt.Errorf("binding %s channel: %w", name, err)
		}
		ch := &socket{name: name, sock: sock, signer: signer, replays: replays}
		s.sockets = append(s.sockets, ch)
		return ch, nil
	}
	fail := func(err error) (*Server, error) {
		for _, ch := range s.sockets {
			ch.sock.Close()
		}
		return nil, err
	}
	requests := guarded(zmtpguard.Limits{MaxMessage: opts.MaxMessage, PeerTypes: routerPeers})
	shell, err := bind("shell", zmq4.NewRouter(requests, zmq4.WithLogger(zlog)), &s.info.ShellPort)
	if err != nil {
		return fail(err)
	}
	control, err := bind("control", zmq4.NewRouter(requests, zmq4.WithLogger(zlog)), &s.info.ControlPort)
	if err != nil {
		return fail(err)
	}
	stdin, err := bind("stdin", zmq4.NewRouter(requests, zmq4.WithLogger(zlog)), &s.info.StdinPort)
	if err != nil {
		return fail(err)
	}
	pub := zmq4.NewPub(guarded(zmtpguard.Limits{SubscriptionsOnly: true, PeerTypes: []string{"SUB", "XSUB"}}), zmq4.WithLogger(zlog))
	if err := pub.SetOption(zmq4.OptionHWM, iopubHighWater); err != nil {
		pub.Close()
		return fail(fmt.Errorf("configuring iopub channel: %w", err))
	}
	iopub, err := bind("iopub", pub, &s.info.IOPubPort)
	if err != nil {
		return fail(err)
	}
	hb := zmq4.NewRouter(guarded(zmtpguard.Limits{MaxMessage: heartbeatMax, PeerTypes: routerPeers}), zmq4.WithLogger(zlog))
	if err := listen(hb, s.info.Transport, s.info.Endpoint(s.info.HBPort), &s.info.HBPort); err != nil {
		hb.Close()
		return fail(fmt.Errorf("binding heartbeat channel: %w", err))
	}
	s.shell, s.control, s.stdin, s.iopub, s.heartbeat = shell, control, stdin, iopub, hb
	return s, nil
}

// newServer returns a server without sockets; New binds them, and tests
// plug in their own channels.
func newServer(interp engine.Interpreter, opts Options) *Server {
	logger := opts.Log
	if logger == nil {
		logger = log.New(io.Discard, "", 0)
	}
	username := "kernel"
	if u, err := user.Current(); err == nil && u.Username != "" {
		username = u.Username
	}
	return &Server{
		interp:       interp,
		log:          logger,
		session:      uuid.NewString(),
		username:     username,
		shellQueue:   newQueue(),
		controlQueue: newQueue(),
		introQueue:   newQueue(),
		inputs:       make(chan *wire.Message, 8),
		stopped:      make(chan struct{}),
	}
}

// listen binds sock to endpoint. When a tcp port is 0 it records the
// port the system chose; an ipc socket file left by an earlier kernel is
// removed first, as libzmq does.
func listen(sock zmq4.Socket, transport, endpoint string, port *int) error {
	if transport == "ipc" {
		path := strings.TrimPrefix(endpoint, "ipc://")
		if fi, err := os.Stat(path); err == nil && fi.Mode()&os.ModeSocket != 0 {
			os.Remove(path)
		}
	}
	if err := sock.Listen(zmtpguard.Endpoint(endpoint)); err != nil {
		return err
	}
	if addr, ok := sock.Addr().(*net.TCPAddr); ok {
		*port = addr.Port
	}
	return nil
}

// ConnectionInfo returns the connection info the server listens on, with
// the ports chosen for any that were 0.
func (s *Server) ConnectionInfo() wire.ConnectionInfo { return s.info }

// Serve answers requests until a client asks the kernel to shut down or
// ctx is done. It then stops the running cell, closes the interpreter and
// the sockets, and returns nil.
func (s *Server) Serve(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var receivers sync.WaitGroup
	for _, ch := range s.sockets {
		var deliver func(*wire.Message)
		switch ch.name {
		case "shell":
			deliver = func(m *wire.Message) {
				r := &request{Message: m, channel: "shell", reply: s.shell}
				if answeredWhileRunning(m.Header.MsgType) {
					s.introQueue.push(r)
					return
				}
				s.shellQueue.push(r)
			}
		case "control":
			deliver = func(m *wire.Message) { s.controlQueue.push(&request{Message: m, channel: "control", reply: s.control}) }
		case "stdin":
			deliver = s.receiveInput
		default:
			continue // iopub only sends
		}
		receivers.Go(func() { ch.receive(ctx, s.log, deliver) })
	}
	receivers.Go(func() { s.echoHeartbeats(ctx) })

	s.publish(nil, "status", statusContent{"starting"})

	var dispatchers sync.WaitGroup
	dispatchers.Go(func() { s.dispatch(ctx, s.shellQueue) })
	dispatchers.Go(func() { s.dispatch(ctx, s.controlQueue) })
	dispatchers.Go(func() { s.dispatch(ctx, s.introQueue) })

	select {
	case <-s.stopped:
	case <-ctx.Done():
	}
	cancel() // stops the running cell and the dispatchers
	s.closeInterpreter(&dispatchers)

	time.Sleep(linger)
	for _, ch := range s.sockets {
		ch.sock.Close()
	}
	s.heartbeat.Close()
	receivers.Wait()
	return nil
}

// closeInterpreter waits for the dispatchers to finish the requests they
// are handling and closes the interpreter. A cell that ignores its
// cancelled context is given a moment, then the interpreter is closed
// under it, which ends it.
func (s *Server) closeInterpreter(dispatchers *sync.WaitGroup) {
	done := make(chan struct{})
	go func() {
		dispatchers.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		s.log.Print("the running cell did not stop; closing the interpreter under it")
	}
	if err := s.interp.Close(); err != nil {
		s.log.Printf("closing the interpreter: %v", err)
	}
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		s.log.Print("the running cell did not stop after the interpreter was closed")
	}
}

// stop asks Serve to shut the kernel down.
func (s *Server) stop() {
	s.stopOnce.Do(func() { close(s.stopped) })
}

// Interrupt stops the running cell, if any, as an interrupt_request
// does. It is how the kernel answers SIGINT.
func (s *Server) Interrupt() {
	s.mu.Lock()
	cancel := s.cancelRun
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}
