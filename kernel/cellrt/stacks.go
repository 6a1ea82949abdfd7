package cellrt

import (
	"bytes"
	"runtime"
	"strconv"
)

// maxTrace bounds the trace of all goroutines read to confirm a deadlock.
const maxTrace = 256 << 20

// allStacks returns a trace of every goroutine, as a panic prints them.
func allStacks() []byte {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) || len(buf) >= maxTrace {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// parseStacks splits a trace of all goroutines into its goroutines.
func parseStacks(trace []byte) []stack {
	var out []stack
	for _, block := range bytes.Split(trace, []byte("\n\n")) {
		header, frames, _ := bytes.Cut(block, []byte("\n"))
		rest, ok := bytes.CutPrefix(header, []byte("goroutine "))
		if !ok {
			continue
		}
		end := bytes.IndexByte(rest, ' ')
		if end < 0 {
			continue
		}
		id, err := strconv.ParseInt(string(rest[:end]), 10, 64)
		if err != nil {
			continue
		}
		open, close := bytes.IndexByte(rest, '['), bytes.LastIndexByte(rest, ']')
		if open < 0 || close < open {
			continue
		}
		state := rest[open+1 : close]
		if i := bytes.IndexByte(state, ','); i >= 0 {
			state = state[:i] // "chan receive, 2 minutes", "runnable, locked to thread"
		}
		out = append(out, stack{id: id, state: string(state), text: "\n" + string(frames)})
	}
	return out
}
