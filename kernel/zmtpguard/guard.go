// Package zmtpguard puts limits in front of the ZeroMQ connections that
// github.com/go-zeromq/zmq4 accepts, so that no local client can crash a
// kernel, lock its door or stall its other clients.
//
// zmq4 trusts its peers: it sizes a frame's buffer from the length the
// peer claims (a 2^62-byte claim panics), runs each handshake in its
// accept loop with no deadline (one silent connection keeps every other
// client out), and writes to every connection in turn from one goroutine
// (one peer that stops reading stops them all). The guard is a zmq4
// transport of its own ("guarded-tcp", "guarded-ipc") whose listener and
// connections sit between zmq4 and the network:
//
//   - Each accepted connection's handshake (greeting and READY) is read
//     by the guard in a goroutine of its own, under a deadline, and
//     checked (signature, version, NULL mechanism, the peer's socket type,
//     an identity not already in use); only a connection that passed
//     reaches zmq4, which then finds the peer's handshake already waiting.
//   - Frame headers are parsed as bytes arrive, and a connection whose
//     frame or message claims more than the limits is closed before zmq4
//     sees the header. Command frames after the handshake are dropped, and
//     a peer of a PUB socket may send nothing but subscriptions.
//   - Writes go to a queue per connection with a writer goroutine of its
//     own: zmq4's writes never block. Past the queue's limit whole
//     messages are dropped for that peer (as libzmq's high-water mark
//     does), and a peer that takes no bytes for the stall limit is
//     disconnected.
//
// Limits travel to the transport in the context given to the zmq4 socket
// (WithLimits), since zmq4 passes that context to Listen.
//
// Not covered: messages zmq4 has already read whole but its owner has not
// yet taken wait in zmq4's own queues, outside the guard's budget (the
// kernel takes them at once and drops unsigned ones); and command frames
// after the handshake, ZMTP's PING among them, are dropped unanswered
// (no Jupyter client enables ZMTP heartbeats).
package zmtpguard

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// The transports' names, as endpoint schemes: guarded-tcp://HOST:PORT.
const (
	TCP = "guarded-tcp"
	IPC = "guarded-ipc"
)

func init() {
	// zmq4 keeps transports in a registry of its own; these two are
	// registered once and never change.
	for name, network := range map[string]string{TCP: "tcp", IPC: "unix"} {
		if err := zmq4.RegisterTransport(name, guardTransport{network: network}); err != nil {
			panic(err)
		}
	}
}

// Endpoint returns the guarded form of a tcp:// or ipc:// endpoint.
func Endpoint(endpoint string) string {
	for plain, guarded := range map[string]string{"tcp://": TCP + "://", "ipc://": IPC + "://"} {
		if rest, ok := strings.CutPrefix(endpoint, plain); ok {
			return guarded + rest
		}
	}
	return endpoint
}

// Limits bound what one peer of a socket can make the process hold or wait
// for. A zero field takes its default.
type Limits struct {
	// HandshakeTimeout is how long a new connection has to send its
	// greeting and READY command. Default 5 s.
	HandshakeTimeout time.Duration
	// MaxMessage is the most bytes a peer's message (all its frames) may
	// hold. Default 16 MiB.
	MaxMessage int64
	// Arriving is the most bytes of frames over 64 KiB that the
	// listener's connections may hold while the frames arrive, together;
	// a connection that would go past it is closed. Default 4 times
	// MaxMessage.
	Arriving int64
	// MaxFrames is the most frames a peer's message may have. Default 1024.
	MaxFrames int
	// SubscriptionsOnly accepts nothing from peers but one-frame
	// subscribe and unsubscribe messages of at most 4 KiB: what a PUB
	// socket's subscribers send.
	SubscriptionsOnly bool
	// PeerTypes are the ZeroMQ socket types allowed to connect (DEALER,
	// SUB...). Empty allows any.
	PeerTypes []string
	// MaxConns is the most connections the listener holds at once,
	// handshakes included. Default 512.
	MaxConns int
	// WriteQueue is how many bytes may wait to be sent to one peer before
	// new messages to it are dropped. Default 32 MiB.
	WriteQueue int64
	// WriteStall is how long a peer may take none of the bytes waiting
	// for it before it is disconnected. Default 10 s.
	WriteStall time.Duration
	// Log receives a line for each peer refused or dropped. Nil discards.
	Log *log.Logger
}

func (l Limits) withDefaults() Limits {
	if l.HandshakeTimeout <= 0 {
		l.HandshakeTimeout = 5 * time.Second
	}
	if l.MaxMessage <= 0 {
		l.MaxMessage = 16 << 20
	}
	if l.SubscriptionsOnly {
		l.MaxMessage = min(l.MaxMessage, maxSubscription)
	}
	if l.Arriving <= 0 {
		l.Arriving = 4 * l.MaxMessage
	}
	if l.MaxFrames <= 0 {
		l.MaxFrames = 1024
	}
	if l.MaxConns <= 0 {
		l.MaxConns = 512
	}
	if l.WriteQueue <= 0 {
		l.WriteQueue = 32 << 20
	}
	if l.WriteStall <= 0 {
		l.WriteStall = 10 * time.Second
	}
	if l.Log == nil {
		l.Log = log.New(io.Discard, "", 0)
	}
	return l
}

// maxSubscription bounds a subscribe message: a flag byte and a topic.
const maxSubscription = 4 << 10

type limitsKey struct{}

// WithLimits returns a context carrying limits, for zmq4.NewRouter,
// zmq4.NewPub and the like: sockets made with it and listening on a
// guarded endpoint apply them.
func WithLimits(ctx context.Context, l Limits) context.Context {
	return context.WithValue(ctx, limitsKey{}, l)
}

func limitsFrom(ctx context.Context) Limits {
	l, _ := ctx.Value(limitsKey{}).(Limits)
	return l.withDefaults()
}

// guardTransport is the zmq4 transport of guarded endpoints.
type guardTransport struct {
	network string // "tcp" or "unix"
}

// Dial is plain: the guard protects the side that accepts.
func (t guardTransport) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	return d.DialContext(ctx, t.network, addr)
}

// Listen listens on addr. An IPv4 address, 0.0.0.0 included, listens on
// IPv4 only: Go's "tcp" would make 0.0.0.0 a dual-stack socket that
// also takes IPv6 connections, which a connection file asking for
// 0.0.0.0 did not ask for.
func (t guardTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	network := t.network
	if network == "tcp" {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		if ip := net.ParseIP(host); ip != nil {
			network = "tcp6"
			if ip.To4() != nil {
				network = "tcp4"
			}
		}
	}
	var lc net.ListenConfig
	raw, err := lc.Listen(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return newListener(raw, limitsFrom(ctx)), nil
}

// Addr normalises an endpoint's address as zmq4's own transports do.
func (t guardTransport) Addr(ep string) (string, error) {
	if t.network == "unix" {
		return ep, nil
	}
	host, port, err := net.SplitHostPort(ep)
	if err != nil {
		return "", fmt.Errorf("zmtpguard: %w", err)
	}
	switch port {
	case "", "*":
		port = "0"
	}
	switch host {
	case "", "*":
		host = "0.0.0.0"
	}
	return net.JoinHostPort(host, port), nil
}
