package grader

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"goconc/grader/sandbox"
)

// verdict is what one run amounted to.
type verdict struct {
	outcome  string // "ok" or what went wrong, in words, in one line
	detail   string // a race report or where goroutines were stuck
	timedOut bool
}

const raceWarning = "WARNING: DATA RACE"

// raceExitCode is the exit status GORACE gives a program that raced.
const raceExitCode = 66

// interpret reads a run's verified results, exit status and standard
// error. Only the harness's signed lines can say a run passed; a race
// report or the race detector's exit status fails it whatever they say.
func interpret(r *sandbox.Result) verdict {
	var rec *sandbox.Record
	for i := range r.Records {
		if r.Records[i].Kind == "run" {
			rec = &r.Records[i]
		}
	}
	stderr := string(r.Stderr)
	raced := r.ExitCode == raceExitCode || strings.Contains(stderr, raceWarning)
	var v verdict
	switch {
	case rec != nil:
		v.outcome = rec.Outcome
		if strings.HasPrefix(rec.Outcome, "deadlock") {
			// Like a run past its time limit, a deadlock leaves nothing
			// to learn from more runs.
			v.timedOut = true
			v.detail = stuckGoroutines(stderr)
			if v.detail != "" {
				v.outcome = "deadlock: " + uncounted(firstLine(v.detail))
			}
		}
		if !r.Done() && rec.Outcome == "ok" {
			// The test returned, then something the code left running
			// ended the process.
			v.outcome = "the test passed, then " + crashWords(r, stderr)
		}
	case r.Killed == "" && r.ExitCode == raceExitCode && strings.Contains(stderr, raceWarning):
		// The race detector stopped the program at its report (see
		// runProcess): the race is the outcome.
	case r.Killed != "" && strings.HasPrefix(r.Killed, "time limit"):
		v.timedOut = true
		v.outcome = "did not finish within the " + r.Killed + ": a deadlock, or a loop that never ends"
		if strings.Contains(r.Killed, "cut from") {
			// A run cut short after its test failed elsewhere may only
			// have been slow.
			v.outcome = "not finished within the " + r.Killed
		}
		v.detail = stuckGoroutines(stderr)
		if v.detail != "" {
			v.outcome += "; " + uncounted(firstLine(v.detail))
		}
	default:
		v.outcome = crashWords(r, stderr)
		if strings.Contains(stderr, "all goroutines are asleep") {
			v.detail = stuckGoroutines(stderr)
			if v.detail != "" {
				v.outcome += "; " + firstLine(v.detail)
			}
		}
	}
	if raced {
		report := firstRaceReport(stderr)
		summary := raceSummary(report)
		o := "data race"
		if summary != "" {
			o += ": " + summary
		}
		switch {
		case v.outcome == "":
		case v.outcome == "ok":
			o += " (the result happened to be right)"
		default:
			o += "; and " + v.outcome
		}
		v.outcome = o
		if report != "" {
			v.detail = report
		}
	}
	return v
}

var goroutineCount = regexp.MustCompile(`\b\d+ x `)

// uncounted drops the goroutine counts from a summary, so that runs stuck
// in the same places make one line of the histogram.
func uncounted(summary string) string {
	head, list, ok := strings.Cut(goroutineCount.ReplaceAllString(summary, ""), ": ")
	if !ok {
		return summary
	}
	parts := strings.Split(list, "; ")
	sort.Strings(parts)
	return head + ": " + strings.Join(parts, "; ")
}

// crashWords says why a process ended without reporting its run.
func crashWords(r *sandbox.Result, stderr string) string {
	if r.Killed != "" {
		return "stopped at the " + r.Killed
	}
	if strings.Contains(stderr, "all goroutines are asleep - deadlock!") {
		return "deadlock: all goroutines are asleep"
	}
	if line, ok := prefixedLine(stderr, "panic: "); ok {
		return strings.TrimSuffix(line, " [recovered]") + panicPlace(stderr)
	}
	if line, ok := prefixedLine(stderr, "fatal error: "); ok {
		return line + panicPlace(stderr)
	}
	if r.ExitCode >= 0 {
		return fmt.Sprintf("the program ended before the test finished (exit status %d): does the code call os.Exit?", r.ExitCode)
	}
	return "the program was killed before the test finished"
}

func prefixedLine(text, prefix string) (string, bool) {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l, true
		}
	}
	return "", false
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

var (
	cellLine        = regexp.MustCompile(`\bcell (\d+), line (\d+)`)
	cellFilePos     = regexp.MustCompile(`(?:\S*/)?cell(\d+)\.go:(\d+)(?::\d+)?(?: \+0x[0-9a-f]+)?`)
	goroutineHeader = regexp.MustCompile(`^goroutine \d+ .*?\[([^\],]+)`)
	frameFile       = regexp.MustCompile(`^\s+(\S+):(\d+)`)
)

// panicPlace names the first cell line in the traceback after a panic.
func panicPlace(stderr string) string {
	if m := cellFilePos.FindStringSubmatch(stderr); m != nil {
		return fmt.Sprintf(" (at cell %s, line %s)", m[1], m[2])
	}
	return ""
}

// stuckGoroutines summarises a traceback of all goroutines: what each
// goroutine running cell code waits for, and at which cell line, grouped.
// Its first line is the summary; the rest lists each goroutine's cell
// frames.
func stuckGoroutines(trace string) string {
	type g struct{ state, at, fn string }
	var gs []g
	var cur *g
	var lastFunc string
	for _, line := range strings.Split(trace, "\n") {
		if m := goroutineHeader.FindStringSubmatch(line); m != nil {
			gs = append(gs, g{state: m[1]})
			cur = &gs[len(gs)-1]
			continue
		}
		if cur == nil {
			continue
		}
		if m := frameFile.FindStringSubmatch(line); m != nil {
			if cm := cellFilePos.FindStringSubmatch(m[1] + ":" + m[2]); cm != nil && cur.at == "" {
				cur.at = fmt.Sprintf("cell %s, line %s", cm[1], cm[2])
				cur.fn = funcName(lastFunc)
			}
			continue
		}
		lastFunc = line
	}
	counts := map[string]int{}
	for _, x := range gs {
		if x.at == "" || strings.Contains(x.fn, "goconc/files/graded-") {
			continue
		}
		counts[waitWords(x.state)+" at "+x.at+" (in "+x.fn+")"]++
	}
	if len(counts) == 0 {
		return ""
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var parts []string
	for i, k := range keys {
		if i == 4 {
			parts = append(parts, fmt.Sprintf("and %d more", len(keys)-4))
			break
		}
		parts = append(parts, fmt.Sprintf("%d x %s", counts[k], k))
	}
	return "goroutines stuck: " + strings.Join(parts, "; ")
}

// waitWords says what a goroutine's state in a traceback means.
func waitWords(state string) string {
	switch {
	case strings.HasPrefix(state, "sync.Mutex.Lock"):
		return "waiting for a mutex"
	case strings.HasPrefix(state, "sync.RWMutex"):
		return "waiting for an RWMutex"
	case strings.HasPrefix(state, "sync.WaitGroup.Wait"):
		return "waiting for a WaitGroup"
	case strings.HasPrefix(state, "sync.Cond.Wait"):
		return "waiting on a Cond"
	case strings.HasPrefix(state, "chan receive"):
		return "receiving from a channel"
	case strings.HasPrefix(state, "chan send"):
		return "sending on a channel"
	case strings.HasPrefix(state, "select"):
		return "waiting in a select"
	case state == "running", state == "runnable":
		return "running"
	case state == "sleep":
		return "sleeping"
	}
	return state
}

// funcName keeps a traceback frame's function: Transfer of
// "main.Transfer(0xc000010000, ...)".
func funcName(line string) string {
	line = strings.TrimSpace(line)
	if i := strings.LastIndex(line, "("); i > 0 {
		line = line[:i]
	}
	line = strings.TrimPrefix(line, "created by ")
	line = strings.TrimPrefix(line, "main.")
	if line == "" {
		return "?"
	}
	return line
}

// firstRaceReport returns the first race report, with its cell frames
// only, or "".
func firstRaceReport(stderr string) string {
	start := strings.Index(stderr, raceWarning)
	if start < 0 {
		return ""
	}
	text := stderr[start:]
	if end := strings.Index(text, "=================="); end > 0 {
		text = text[:end]
	}
	var out []string
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
		case strings.HasSuffix(t, ":") && !strings.HasPrefix(l, " "):
			// "Write at 0x00c0000a4010 by goroutine 8:"
			out = append(out, hexAddr.ReplaceAllString(t, ""))
		case cellFilePos.MatchString(t) && i > 0:
			out = append(out, "  "+funcName(lines[i-1])+" at "+cellFilePos.ReplaceAllString(t, "cell $1, line $2"))
		}
	}
	if len(out) > 20 {
		out = append(out[:20], "...")
	}
	return strings.Join(out, "\n")
}

var hexAddr = regexp.MustCompile(` at 0x[0-9a-f]+`)

// raceSummary says in a line which two accesses raced: the first cell
// frame under each of the report's first two access headings.
func raceSummary(report string) string {
	var parts []string
	var heading string
	for _, l := range strings.Split(report, "\n") {
		if !strings.HasPrefix(l, " ") {
			heading = strings.TrimSuffix(l, ":")
			continue
		}
		if heading == "" || strings.HasPrefix(heading, "Goroutine") || strings.HasPrefix(heading, "WARNING") {
			continue
		}
		access, _, _ := strings.Cut(heading, " by ")
		parts = append(parts, strings.ToLower(access)+" "+strings.TrimSpace(l[strings.Index(l, " at "):]))
		heading = ""
		if len(parts) == 2 {
			break
		}
	}
	return strings.Join(parts, " vs ")
}

// runVerdict is the verdict of one run of a process that made several.
type runVerdict struct {
	verdict
	// spared is true for a run the grader stopped, not made: its
	// process was stopped once its test had runs enough.
	spared bool
}

// splitRuns splits the result of a process asked to make runs (their
// numbers, in order) into the verdicts of the runs it made: each run's
// record with its part of standard error, and, for the run the process
// ended in, what ended it. The exit status and the limit that stopped the
// process belong to its last run.
func splitRuns(r *sandbox.Result, runs []int) []runVerdict {
	recs := map[int]sandbox.Record{}
	for _, rec := range r.Records {
		if rec.Kind == "run" {
			if _, seen := recs[rec.Run]; !seen {
				recs[rec.Run] = rec
			}
		}
	}
	stderr := string(r.Stderr)
	section := func(run int) string {
		marker := "\n" + runMarker(run) + "\n"
		i := strings.Index(stderr, marker)
		if i < 0 {
			if run == runs[0] {
				return stderr // what the process said before its first run
			}
			return ""
		}
		rest := stderr[i+len(marker):]
		if j := strings.Index(rest, "\n"+sandbox.RunMarker); j >= 0 {
			rest = rest[:j]
		}
		return rest
	}
	// A process the grader stopped made the runs it recorded.
	stopped := strings.HasPrefix(r.Killed, "stopped ")
	var out []runVerdict
	for k, run := range runs {
		rec, ok := recs[run]
		last := !ok || k == len(runs)-1
		if ok && !last {
			_, next := recs[runs[k+1]]
			last = !next && !strings.Contains(stderr, "\n"+runMarker(runs[k+1])+"\n")
		}
		if !ok && stopped {
			return append(out, runVerdict{spared: true})
		}
		one := &sandbox.Result{Stderr: []byte(section(run))}
		if ok {
			one.Records = []sandbox.Record{rec}
			if !last || r.Done() || stopped {
				one.Records = append(one.Records, sandbox.Record{Kind: "done"})
			}
		}
		if last && !stopped {
			one.ExitCode, one.Killed = r.ExitCode, r.Killed
		}
		out = append(out, runVerdict{verdict: interpret(one)})
		if last {
			break
		}
	}
	return out
}

// runMarker is the line the harness writes on standard error before run
// number run.
func runMarker(run int) string { return sandbox.RunMarker + strconv.Itoa(run) }
