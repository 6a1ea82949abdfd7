package gil

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"goconc/lessons/chart"
)

// Stats describes how an Interp's threads shared the GIL.
type Stats struct {
	Mode Mode
	// Wall is the time from the first thread's start to the last one's
	// end, or to now while threads are running.
	Wall time.Duration
	// Switches counts the times the GIL passed from one thread to
	// another.
	Switches int
	// DropRequests counts the times, in Python 3 mode, a thread waited a
	// whole switch interval and asked the holder to drop the GIL.
	DropRequests int
	Threads      []ThreadStats // in the order the threads started
}

// ThreadStats describes one thread.
type ThreadStats struct {
	Name      string
	Bytecodes int64
	// Takes counts the times the thread took the GIL, including taking
	// it straight back after a release.
	Takes int
	// Waited is the time the thread spent wanting the GIL without
	// holding it: starting, after its turn was up, after I/O.
	Waited time.Duration
	IOs    int // blocking calls made with IO
	// IOWaited is the part of Waited spent getting the GIL back after
	// I/O. Next to a CPU-bound thread in Python 3 mode, it is about a
	// switch interval per call: the convoy effect.
	IOWaited time.Duration
	Running  bool // not finished yet
}

// MeanIOWait returns the average time the thread waited for the GIL
// after an I/O call, or zero if it made none.
func (s ThreadStats) MeanIOWait() time.Duration {
	if s.IOs == 0 {
		return 0
	}
	return s.IOWaited / time.Duration(s.IOs)
}

// Stats returns the interpreter's statistics so far.
func (in *Interp) Stats() Stats {
	in.mu.Lock()
	s := Stats{Mode: in.mode, Switches: in.switches, DropRequests: in.dropReqs}
	in.mu.Unlock()

	now := time.Now()
	in.rec.Lock()
	defer in.rec.Unlock()
	end := in.last
	for _, t := range in.threads {
		ts := ThreadStats{
			Name:      t.name,
			Bytecodes: t.bytecodes.Load(),
			Takes:     t.takes,
			Waited:    t.waited,
			IOs:       t.ios,
			IOWaited:  t.ioWaited,
			Running:   t.ended.IsZero(),
		}
		if ts.Running {
			end = now
		}
		s.Threads = append(s.Threads, ts)
	}
	if !in.zero.IsZero() {
		s.Wall = end.Sub(in.zero)
	}
	return s
}

// String lays the statistics out as a table.
func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v: %d threads, wall %v, %d switches", s.Mode, len(s.Threads), round(s.Wall), s.Switches)
	if _, ok := s.Mode.(Python3); ok {
		fmt.Fprintf(&b, ", %d drop requests", s.DropRequests)
	}
	b.WriteString("\n")
	w := tabwriter.NewWriter(&b, 0, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "thread\tbytecodes\tGIL takes\twaited\tI/O calls\twait per I/O\t")
	for _, t := range s.Threads {
		perIO := "-"
		if t.IOs > 0 {
			perIO = round(t.MeanIOWait()).String()
		}
		name := t.Name
		if t.Running {
			name += " (running)"
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%v\t%d\t%s\t\n", name, t.Bytecodes, t.Takes, round(t.Waited), t.IOs, perIO)
	}
	w.Flush()
	return b.String()
}

// round shortens a duration for reading: three significant digits.
func round(d time.Duration) time.Duration {
	for _, unit := range []time.Duration{time.Second, time.Millisecond, time.Microsecond} {
		if d >= unit {
			return d.Round(unit / 100)
		}
	}
	return d
}

// Timeline returns the picture of who held the GIL when: a row per
// thread, in the order they started, with spans for running Python,
// waiting for the GIL, I/O, waiting for a Lock and C code. Show it with
// its Show method.
func (in *Interp) Timeline() *chart.Timeline {
	tl := &chart.Timeline{
		Title: in.mode.String(),
		Kinds: []string{stateRunning, stateWaiting, stateIO, stateLock, stateNative},
		Colors: map[string]string{
			stateRunning: "#0072B2",
			stateWaiting: "#dddddd",
			stateIO:      "#56B4E9",
			stateLock:    "#E69F00",
			stateNative:  "#009E73",
		},
	}
	now := time.Now()
	in.rec.Lock()
	defer in.rec.Unlock()
	if in.truncated {
		tl.Title += fmt.Sprintf(" (first %d spans)", maxSpans)
	}
	seen := make(map[string]int)
	for _, t := range in.threads {
		row := t.name
		if seen[row]++; seen[row] > 1 {
			row = fmt.Sprintf("%s #%d", t.name, seen[t.name])
		}
		tl.Rows = append(tl.Rows, row)
		for _, sp := range t.spans {
			sp.Row = row
			tl.Spans = append(tl.Spans, sp)
		}
		if t.state != "" && now.After(t.since) { // still going
			tl.Spans = append(tl.Spans, chart.Span{Row: row, Kind: t.state, Start: t.since.Sub(in.zero), End: now.Sub(in.zero)})
		}
	}
	return tl
}
