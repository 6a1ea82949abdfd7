package cellrt

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Deadlock detection. Go's runtime reports "all goroutines are asleep"
// when no goroutine can run; in a notebook the host's own goroutines never
// all sleep, so the runtime never does, and the cells' runtime must.
//
// A deadlock is suspected when the running cell's function and every other
// goroutine the cells started wait in the runtime, no timer that could wake
// one is pending, and no goroutine has blocked, woken, started or ended
// (the epoch has not moved) for a quiet period. A goroutine that was woken
// but has not run yet still looks blocked to that account, so a suspicion
// is then checked against a trace of every goroutine: it holds only if no
// goroutine is runnable or running, none sleeps, no goroutine running the
// cells' code waits for input, and the epoch still has not moved. Only
// then does the cell end with the report.
//
// The trace decides, not the quiet period, which only keeps the trace (it
// stops the world for a millisecond or more) from being taken at every
// pause of a busy program. So the first quiet period is short, a tenth
// of the settle period, and a true deadlock is reported within tens of
// milliseconds; each suspicion the trace clears doubles it, up to the
// settle period, so that a program whose goroutines often all look
// blocked (a ping-pong under GOMAXPROCS=1) is traced at most about once
// per settle period.

// watch ends the running cell when its goroutines deadlock. It returns
// when done is closed, or once it has reported.
func (r *Runtime) watch(done <-chan struct{}) {
	quiet := max(r.settle/10, time.Millisecond)
	tick := time.NewTicker(quiet)
	defer tick.Stop()
	var (
		suspect bool
		epoch   uint64
		since   time.Time
	)
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		if !r.allWaiting() {
			suspect = false
			continue
		}
		e := r.epoch.Load()
		if !suspect || e != epoch {
			suspect, epoch, since = true, e, time.Now()
			continue
		}
		if time.Since(since) < quiet {
			continue
		}
		if report, ok := r.confirm(epoch); ok {
			r.Fail(Deadlock{Report: report})
			return
		}
		suspect = false
		quiet = min(2*quiet, r.settle)
	}
}

// allWaiting reports whether the cell's function and every goroutine the
// cells started wait in the runtime, with no timer pending. Once the
// cell's function has exited (CellExited), the goroutines alone decide.
func (r *Runtime) allWaiting() bool {
	if r.stopper.Load().closed.Load() || r.cellFuncs.Load() == 0 && !r.cellExited.Load() || r.timers.Load() > 0 {
		return false
	}
	live := r.live.Load()
	return live > 0 && r.waiting.Load() == live
}

// confirm checks a suspected deadlock against a trace of all goroutines
// and, if it holds, returns the report.
func (r *Runtime) confirm(epoch uint64) ([]string, bool) {
	stacks := parseStacks(allStacks())
	if mayProgress(stacks, Goid(), r.codeFrames) {
		return nil, false
	}
	present := map[int64]bool{}
	for _, s := range stacks {
		present[s.id] = true
	}
	// Goroutines the interpreter unwound without their deferred calls
	// may still be counted; no longer.
	var gs []*goroutine
	r.gs.Range(func(k, v any) bool {
		if !present[k.(int64)] {
			r.forget(k.(int64))
			return true
		}
		gs = append(gs, v.(*goroutine))
		return true
	})
	if r.epoch.Load() != epoch || !r.allWaiting() {
		return nil, false
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].id < gs[j].id })
	report := []string{"fatal error: all goroutines are asleep - deadlock!", ""}
	for _, g := range gs {
		w := g.wait.Load()
		if w == nil {
			return nil, false
		}
		report = append(report, fmt.Sprintf("goroutine %d [%s]:", g.id, w.what))
		line := "\t" + w.where
		if g.started == "" {
			line += " (the cell itself)"
		} else {
			line += ", started at " + g.started
		}
		report = append(report, line)
		if w.on != nil {
			if h, ok := r.holders.get(lockKey(w.on)); ok {
				report = append(report, fmt.Sprintf("\tthe lock is held by goroutine %d, which took it at %s", h.id, h.where))
			}
			for _, h := range r.holders.readers(lockKey(w.on)) {
				report = append(report, fmt.Sprintf("\tthe lock is held for reading by goroutine %d, which took it at %s", h.id, h.where))
			}
		}
	}
	return report, true
}

// mayProgress reports whether a trace of all goroutines shows one, other
// than self, that runs or will, or whose wait something other than the
// cells' goroutines may end: a timer, input, the runtime itself.
//
// Goroutines that run no cell code are the host's, whose waits decide
// nothing (it always has some reading its sockets), or the cells' own,
// started by compiled code they called (a child process's reaper): Go
// reports no deadlock while one of those waits in a system call, and
// neither does the runtime.
func mayProgress(stacks []stack, self int64, codeFrames []string) bool {
	byID := make(map[int64]stack, len(stacks))
	for _, s := range stacks {
		byID[s.id] = s
	}
	for _, s := range stacks {
		if s.id == self {
			continue
		}
		if !s.asleep() {
			return true // it runs, or will
		}
		if s.state == "sleep" {
			return true // a timer will wake it
		}
		code := s.runsCode(codeFrames)
		if code && !s.parkedOnSync() {
			// Waiting for input (a pipe, a socket, a system call), or
			// for the runtime: it may wake.
			return true
		}
		if !code && s.waitsForWorld() && cellsOwn(s, byID, codeFrames) {
			return true
		}
	}
	return false
}

// cellsOwn reports whether s, a goroutine that runs no cell code, was
// started on the cells' behalf: by a goroutine that runs their code, or
// by one so started, as far as the trace tells; where it does not (the
// creator has ended), by compiled code other than the host's.
func cellsOwn(s stack, byID map[int64]stack, codeFrames []string) bool {
	for range len(byID) {
		fn, parent, ok := s.creator()
		if !ok {
			return false // the process's main goroutine
		}
		p, ok := byID[parent]
		if !ok {
			return !hostFunc(fn)
		}
		if p.runsCode(codeFrames) {
			return true
		}
		s = p
	}
	return false
}

// hostFunc reports whether fn, a function that started a goroutine, is
// the host's: the kernel's, the command's, the sockets', the tests'.
func hostFunc(fn string) bool {
	for _, prefix := range []string{"goconc/kernel/", "goconc/cmd/", "github.com/go-zeromq/", "testing."} {
		if strings.HasPrefix(fn, prefix) {
			return true
		}
	}
	return false
}

// stack is one goroutine of a trace of all goroutines.
type stack struct {
	id    int64
	state string // "chan receive", "runnable", ... without its duration
	text  string // the frames
}

// asleep reports whether the goroutine is parked: waiting for something
// rather than running or about to.
func (s stack) asleep() bool {
	switch s.state {
	case "running", "runnable", "preempted", "copystack":
		return false
	}
	return !strings.HasPrefix(s.state, "GC assist")
}

// waitsForWorld reports whether the goroutine waits for the outside
// world in a system call (a child process's end, a blocking read).
//
// Waits in the network poller ("IO wait": sockets, pipes) do not count.
// Go reports no deadlock while a goroutine waits there, but an HTTP
// client leaves one per idle connection, waiting for a server that will
// never wake the program: counted, they would hide the deadlock of every
// program that fetched something, the course's own example among them.
func (s stack) waitsForWorld() bool {
	return s.state == "syscall"
}

// creator returns the function that started the goroutine and the
// goroutine that ran it, from the trace's "created by F in goroutine N";
// ok is false for a goroutine the runtime started (the main goroutine).
func (s stack) creator() (fn string, parent int64, ok bool) {
	_, line, ok := strings.Cut(s.text, "\ncreated by ")
	if !ok {
		return "", 0, false
	}
	line, _, _ = strings.Cut(line, "\n")
	fn, in, ok := strings.Cut(line, " in goroutine ")
	if !ok {
		return line, 0, true
	}
	parent, err := strconv.ParseInt(in, 10, 64)
	return fn, parent, err == nil
}

// parkedOnSync reports whether the goroutine waits for another goroutine
// (a channel, a lock, a select), which only a goroutine that runs can
// end, rather than for the outside world or the runtime.
//
// "semacquire" is not such a wait: it is the runtime's own semaphores
// (the world's, the collector's) and the lock of a file. A goroutine that
// allocates may have to start a collection, and waits in "semacquire"
// while the trace that confirms a deadlock holds the world stopped; it
// runs on as soon as the trace is taken.
func (s stack) parkedOnSync() bool {
	switch {
	case strings.HasPrefix(s.state, "chan "), strings.HasPrefix(s.state, "select"),
		strings.HasPrefix(s.state, "sync."):
		return true
	}
	return false
}

// runsCode reports whether the goroutine runs the cells' code or the
// runtime's.
func (s stack) runsCode(frames []string) bool {
	return strings.Contains(s.text, "\ngoconc/kernel/cellrt.") || s.interpreted(frames)
}

// interpreted reports whether the goroutine runs interpreted code.
func (s stack) interpreted(frames []string) bool {
	for _, f := range frames {
		if strings.Contains(s.text, "\n"+f) {
			return true
		}
	}
	return false
}

// parked reports whether the runtime parked the goroutine for good.
func (s stack) parked() bool {
	return strings.Contains(s.text, "\ngoconc/kernel/cellrt.park(")
}
