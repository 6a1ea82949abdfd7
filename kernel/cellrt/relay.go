package cellrt

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Recover relays. Go's recover stops a panic when the deferred function
// calls it itself, however the defer statement named that function. The
// interpreter's recover instead reads the panic from the frame the
// function's closure was made in, so it sees the panic only in a literal
// or a declared function deferred where it stands: not in a function
// value made elsewhere (a variable, a field, a factory's result), a method
// deferred in a loop, or a function reflect.MakeFunc made.
//
// The engine defers such a call through a literal that takes the panic
// with its own recover and hands it to Relay, with the deferred call
// bound into a func():
//
//	defer func(fn func()) { goconc_rt.Relay(recover(), fn) }(made)
//
// While fn runs, the panic waits in the goroutine's relay; a recover in
// the function fn calls (the deferred function) takes it, through Take.
// When fn returns and nobody took it, Relay panics with it again.

// relayDepth is how many interpreted function bodies separate Relay from
// a recover that Go would let stop the panic: the binding the engine
// makes (func() { f(args) }), then the deferred function f itself.
const relayDepth = 2

// interpretedBody is the interpreter's function that runs the body of an
// interpreted function: one frame of it per interpreted call.
const interpretedBody = interpreterPath + ".runCfg"

// Relays holds the panics on their way to deferred functions, per
// goroutine.
type Relays struct {
	mu      sync.Mutex
	pending map[int64][]*relayed
	// relaying counts the relays under way, so that Take, called at
	// every recover in a cell, takes no lock while there are none.
	relaying atomic.Int64
}

// relayed is one panic handed to one deferred call.
type relayed struct {
	value any
	taken bool
}

// Relay calls fn with the panic p (nil when there is none) waiting for
// the recover fn's deferred function calls, and raises p again if that
// recover did not take it.
func (rs *Relays) Relay(p any, fn func()) {
	if left := rs.RelayAside(p, fn); left != nil {
		panic(left)
	}
}

// RelayAside is Relay for a function whose other deferred calls must
// still run: it returns the panic nobody took, for the caller to keep
// aside, instead of raising it (see package rewrite's nestedpanic.go).
func (rs *Relays) RelayAside(p any, fn func()) any {
	if p == nil {
		fn()
		return nil
	}
	id := Goid()
	r := &relayed{value: p}
	rs.mu.Lock()
	if rs.pending == nil {
		rs.pending = map[int64][]*relayed{}
	}
	rs.pending[id] = append(rs.pending[id], r)
	rs.relaying.Add(1)
	rs.mu.Unlock()
	defer rs.drop(id, r)
	fn()
	if r.taken {
		return nil
	}
	return p
}

// drop forgets r, the innermost relay of goroutine id.
func (rs *Relays) drop(id int64, r *relayed) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	stack := rs.pending[id]
	if n := len(stack); n > 0 && stack[n-1] == r {
		stack = stack[:n-1]
		rs.relaying.Add(-1)
	}
	if len(stack) == 0 {
		delete(rs.pending, id)
	} else {
		rs.pending[id] = stack
	}
}

// Take returns the panic relayed to the calling goroutine's deferred
// function, if the recover Take stands for is that function's own and
// the panic was not taken yet.
func (rs *Relays) Take() (any, bool) {
	if rs.relaying.Load() == 0 {
		return nil, false
	}
	id := Goid()
	rs.mu.Lock()
	stack := rs.pending[id]
	var r *relayed
	if n := len(stack); n > 0 {
		r = stack[n-1]
	}
	rs.mu.Unlock()
	if r == nil || r.taken || interpretedCallsSinceRelay() != relayDepth {
		return nil, false
	}
	r.taken = true
	return r.value, true
}

// interpretedCallsSinceRelay counts the interpreted function bodies
// between the caller and the innermost Relay on the goroutine's stack.
func interpretedCallsSinceRelay() int {
	pcs := make([]uintptr, 256)
	for {
		n := runtime.Callers(2, pcs)
		if n < len(pcs) {
			pcs = pcs[:n]
			break
		}
		pcs = make([]uintptr, 2*len(pcs))
	}
	frames := runtime.CallersFrames(pcs)
	count := 0
	for {
		f, more := frames.Next()
		switch f.Function {
		case interpretedBody:
			count++
		case methodCallName:
			// The method a method value calls stands for the value's
			// function: the recover counts from the value's call if it
			// is the method's own, below MethodCall's literal.
			if count != 2 {
				return -1
			}
			count = 0
		case relayName, relayAsideName:
			return count
		}
		if !more {
			return -1
		}
	}
}

// MethodCall calls call, a literal calling a method with its arguments
// and keeping its results. The rewrite makes a method value (or method
// expression) of a cell's method that may recover such a literal
// (package rewrite's methodvalues.go), so that a relay counts the method,
// not the literals around it, as the deferred function: Go's recover
// stops a panic in the method of a method value deferred
// (f := t.catch; defer f()).
//
//go:noinline
func MethodCall(call func()) { call() }

// Relay's, RelayAside's and MethodCall's names in a stack trace.
const (
	relayName      = ImportPath + ".(*Relays).Relay"
	relayAsideName = ImportPath + ".(*Relays).RelayAside"
	methodCallName = ImportPath + ".MethodCall"
)
