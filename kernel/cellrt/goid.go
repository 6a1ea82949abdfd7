package cellrt

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"unsafe"
)

// Goroutine ids. The runtime gives a goroutine's id only in its stack
// trace, whose header "goroutine 7 [running]:" costs microseconds to
// write, and far more on an interpreter's deep stacks. On amd64 the id is
// read instead from the runtime's goroutine descriptor, at an offset found
// once by comparing descriptors with stack traces; where that fails the
// trace is read.

var idOffset = sync.OnceValue(findIDOffset)

// Goid returns the calling goroutine's id.
func Goid() int64 {
	if off := idOffset(); off >= 0 {
		return *(*int64)(unsafe.Add(getg(), off))
	}
	return stackGoid()
}

// stackGoid reads the calling goroutine's id from its stack trace.
func stackGoid() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	rest, ok := bytes.CutPrefix(buf[:n], []byte("goroutine "))
	if !ok {
		return 0
	}
	if end := bytes.IndexByte(rest, ' '); end >= 0 {
		rest = rest[:end]
	}
	id, _ := strconv.ParseInt(string(rest), 10, 64)
	return id
}

// maxIDOffset bounds the search; the id sits in the first 256 bytes of the descriptor in every Go release so far.
const maxIDOffset = 256

// findIDOffset returns the offset of the id in the goroutine descriptor,
// or -1. The offset must hold the id, as the stack trace gives it, in
// several goroutines, and be the only offset that does.
func findIDOffset() int {
	if getg() == nil {
		return -1
	}
	candidates := map[int]bool{}
	for off := 0; off < maxIDOffset; off += 8 {
		candidates[off] = true
	}
	check := func() {
		g, id := getg(), stackGoid()
		for off := range candidates {
			if *(*int64)(unsafe.Add(g, off)) != id {
				delete(candidates, off)
			}
		}
	}
	check()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			check()
		}()
		wg.Wait() // one at a time: check writes candidates
	}
	if len(candidates) != 1 {
		return -1
	}
	for off := range candidates {
		return off
	}
	return -1
}
