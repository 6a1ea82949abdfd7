// Package harness is the part of a graded program that runs its tests and
// reports their outcomes to the grader. The grader copies this source into
// every program it builds, under an import path made up for that build, so
// that a submission cannot name it.
//
// The grader passes a secret on file descriptor 4 and reads results on
// file descriptor 3. The secret is read and its descriptor closed while
// this package initialises, before any of the submission's code runs; each
// result line carries an HMAC of its content under that secret, so a line
// the submission writes on descriptor 3, or "PASS" on its output, counts
// for nothing.
package harness

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"goconc/grader/sandbox/netns"
)

// RunMarker starts a line the harness writes on standard error before each
// run, so that the grader can tell which run a race report belongs to.
const RunMarker = "=== goconc run "

// Record is one result line's content.
type Record struct {
	Kind    string  `json:"kind"` // "run", "speed" or "done"
	Run     int     `json:"run,omitempty"`
	Outcome string  `json:"outcome,omitempty"` // "ok" or what went wrong
	Seconds float64 `json:"seconds,omitempty"`
	CPU     float64 `json:"cpu,omitempty"` // seconds of CPU time, all threads
}

var (
	key     []byte
	results *os.File
	sendMu  sync.Mutex
)

func init() {
	secret := os.NewFile(4, "secret")
	b, err := io.ReadAll(io.LimitReader(secret, 256))
	secret.Close()
	if err != nil || len(b) < 16 {
		fmt.Fprintln(os.Stderr, "goconc harness: no secret from the grader; this program runs only under goconc grade")
		os.Exit(3)
	}
	key = b
	results = os.NewFile(3, "results")
	syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{})
	if n, err := strconv.ParseUint(os.Getenv("GOCONC_NPROC"), 10, 64); err == nil && n > 0 {
		syscall.Setrlimit(rlimitNproc, &syscall.Rlimit{Cur: n, Max: n})
	}
	if n, err := strconv.ParseUint(os.Getenv("GOCONC_FSIZE"), 10, 64); err == nil && n > 0 {
		syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n})
	}
	if os.Getenv("GOCONC_LOOPBACK") == "1" {
		// If it fails, the tests that serve on loopback fail.
		netns.LoopbackUp()
	}
	if id, err := strconv.Atoi(os.Getenv("GOCONC_USER")); err == nil {
		// Give up root of the namespace: from here on, the host's
		// unprivileged user.
		if syscall.Setgroups(nil) != nil || syscall.Setgid(id) != nil || syscall.Setuid(id) != nil {
			fmt.Fprintln(os.Stderr, "goconc harness: cannot become an unprivileged user")
			os.Exit(3)
		}
	}
	os.Unsetenv("GOCONC_NPROC")
	os.Unsetenv("GOCONC_FSIZE")
	os.Unsetenv("GOCONC_LOOPBACK")
	os.Unsetenv("GOCONC_USER")
}

// send writes one signed result line.
func send(r Record) {
	body, _ := json.Marshal(r)
	mac := hmac.New(sha256.New, key)
	mac.Write(body)
	line := "goconc-result " + hex.EncodeToString(mac.Sum(nil)) + " " + string(body) + "\n"
	sendMu.Lock()
	defer sendMu.Unlock()
	results.WriteString(line)
}

// Main runs what the command line asks: runs of one correctness test or
// one timing of a speed test.
func Main(tests map[string]func(*rand.Rand) string, speeds map[string]func(int)) {
	fs := flag.NewFlagSet("graded", flag.ExitOnError)
	test := fs.String("test", "", "correctness test to run")
	runs := fs.Int("runs", 1, "runs of the test")
	first := fs.Int("first", 0, "number of the first run")
	step := fs.Int("step", 1, "difference between the numbers of consecutive runs")
	seed := fs.Uint64("seed", 1, "seed of the random inputs")
	speed := fs.String("speed", "", "speed test to time")
	workers := fs.Int("workers", 1, "workers for the speed test")
	fs.Parse(os.Args[1:])
	switch {
	case *test != "":
		fn, ok := tests[*test]
		if !ok {
			fmt.Fprintf(os.Stderr, "no test %q\n", *test)
			os.Exit(3)
		}
		for n := 0; n < *runs; n++ {
			i := *first + n*max(1, *step)
			fmt.Fprintf(os.Stderr, "\n%s%d\n", RunMarker, i)
			rng := rand.New(rand.NewPCG(*seed, uint64(i)))
			resetNoise(mix(*seed ^ mix(uint64(i)+1)))
			send(Record{Kind: "run", Run: i, Outcome: runOnce(fn, rng, i)})
		}
	case *speed != "":
		fn, ok := speeds[*speed]
		if !ok {
			fmt.Fprintf(os.Stderr, "no speed test %q\n", *speed)
			os.Exit(3)
		}
		cpu0 := cpuTime()
		start := time.Now()
		fn(*workers)
		wall := time.Since(start)
		send(Record{Kind: "speed", Seconds: wall.Seconds(), CPU: cpuTime() - cpu0})
	}
	send(Record{Kind: "done"})
	os.Exit(0)
}

// runOnce runs one test and returns its outcome. A deadlock ends the
// process: see watchDeadlock.
func runOnce(fn func(*rand.Rand) string, rng *rand.Rand, run int) string {
	done := make(chan string, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- fmt.Sprintf("panic: %v%s", v, where())
			}
		}()
		done <- fn(rng)
	}()
	stop := make(chan struct{})
	defer close(stop)
	go watchDeadlock(stop, run)
	outcome := <-done
	if outcome == "" {
		outcome = "ok"
	}
	return outcome
}

// watchDeadlock does what the Go runtime's "all goroutines are asleep"
// check does, which programs built with the race detector lack: when every
// goroutine but the harness's own has been blocked on a mutex, a
// WaitGroup, a Cond or a channel (outside select) for deadlockAfter, with
// the same goroutines in the same states all along, it prints their
// stacks on standard error, reports the run as a deadlock and ends the
// process. A goroutine asleep, in a select, in I/O or running keeps it
// quiet, so that a timer or the network can still wake the others.
func watchDeadlock(stop <-chan struct{}, run int) {
	const sample = 250 * time.Millisecond
	var last string
	var since time.Time
	buf := make([]byte, 8<<20)
	for {
		select {
		case <-stop:
			return
		case <-time.After(sample):
		}
		n := runtime.Stack(buf, true)
		state, blocked := blockedState(string(buf[:n]))
		if !blocked || state != last {
			last, since = state, time.Now()
			continue
		}
		if time.Since(since) >= deadlockAfter {
			os.Stderr.Write(buf[:n])
			send(Record{Kind: "run", Run: run, Outcome: "deadlock: every goroutine was blocked for good"})
			os.Exit(0)
		}
	}
}

// deadlockAfter is how long every goroutine must stay blocked, unchanged,
// to count as a deadlock.
const deadlockAfter = 2 * time.Second

var (
	goroutineHeader = regexp.MustCompile(`^goroutine (\d+) .*?\[([^\],]+)`)
)

// blockedState returns the goroutines' ids and states, and whether all
// but the harness's are blocked for good and one of them runs cell code.
func blockedState(trace string) (string, bool) {
	var b strings.Builder
	allBlocked, anyCell := true, false
	for _, g := range strings.Split(trace, "\n\n") {
		m := goroutineHeader.FindStringSubmatch(g)
		if m == nil || ownGoroutine(g) {
			continue
		}
		if cellFile.MatchString(firstCellFile(g)) {
			anyCell = true
		}
		if !blockedForGood(m[2]) {
			allBlocked = false
		}
		b.WriteString(m[1] + ":" + m[2] + ";")
	}
	return b.String(), allBlocked && anyCell
}

// ownGoroutine reports whether a goroutine's stack is the harness's own:
// its first function outside the runtime and the standard library's
// synchronisation is in this package.
func ownGoroutine(g string) bool {
	for _, l := range strings.Split(g, "\n")[1:] {
		if l == "" || strings.HasPrefix(l, "\t") {
			continue
		}
		l = strings.TrimPrefix(l, "created by ")
		switch {
		case strings.HasPrefix(l, "runtime."), strings.HasPrefix(l, "sync."), strings.HasPrefix(l, "internal/"), strings.HasPrefix(l, "time."):
			continue
		}
		if strings.Contains(l, "goconc/files/graded-") && strings.Contains(l, ".Noise(") {
			continue // the program's own goroutine, made to nap
		}
		return strings.Contains(l, "goconc/files/graded-")
	}
	return false
}

func firstCellFile(g string) string {
	for _, l := range strings.Split(g, "\n") {
		l = strings.TrimSpace(l)
		if i := strings.LastIndex(l, ".go:"); i > 0 {
			if cellFile.MatchString(l[:i+3]) {
				return l[:i+3]
			}
		}
	}
	return ""
}

// blockedForGood reports whether a goroutine in this state can only be
// woken by another goroutine.
func blockedForGood(state string) bool {
	for _, s := range []string{"sync.Mutex.Lock", "sync.RWMutex.Lock", "sync.RWMutex.RLock", "sync.WaitGroup.Wait",
		"sync.Cond.Wait", "chan send", "chan receive", "select (no cases)", "semacquire"} {
		if strings.HasPrefix(state, s) {
			return true
		}
	}
	return false
}

// where names the first cell line on the panicking goroutine's stack.
func where() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if m := cellFile.FindStringSubmatch(f.File); m != nil {
			return fmt.Sprintf(" (at cell %s, line %d)", m[1], f.Line)
		}
		if !more {
			return ""
		}
	}
}

var cellFile = regexp.MustCompile(`(?:^|/)cell(\d+)\.go$`)

// rlimitNproc is Linux's RLIMIT_NPROC, which package syscall does not name.
const rlimitNproc = 6

// cpuTime is the CPU time this process has used, in seconds.
func cpuTime() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// Scheduling noise. A program built for correctness runs calls Noise just
// before each synchronisation point of its code (see package
// goconc/grader/noise), with a number for the point. Each run draws, from
// its seed and number, a profile for every point: yield often, nap now and
// then, spin now and then, or yield rarely; each call then draws whether
// to act from the seed, the point and how many times the point was
// reached. Under GOMAXPROCS 1, a run replayed with the same seed meets the
// same noise as long as its goroutines reach the points in the same order.
//
// Noise is built without the race detector's instrumentation and keeps its
// counts without synchronisation (a lost count only changes a draw), so
// that it adds no happens-before edge that would hide a race.

var (
	noiseKey   uint64
	noiseCalls [256]uint64
	napped     time.Duration
)

// napBudget bounds the time one run spends in naps, summed over
// goroutines, so that a correct program stays well within its time limit.
const napBudget = 100 * time.Millisecond

// Noise may yield, nap or spin before a synchronisation point.
//
//go:norace
func Noise(site int) {
	slot := uint64(site) % uint64(len(noiseCalls))
	noiseCalls[slot]++
	x := mix(noiseKey ^ slot<<40 ^ noiseCalls[slot])
	r := x % 64
	switch mix(noiseKey^slot) % 4 {
	case 0: // yield often
		if r < 32 {
			runtime.Gosched()
		}
	case 1: // nap now and then
		switch {
		case r < 6:
			nap(time.Duration(1+(x>>32)%200) * time.Microsecond)
		case r < 24:
			runtime.Gosched()
		}
	case 2: // spin now and then, holding what is held
		if r < 16 {
			spin(time.Duration(1+(x>>32)%30) * time.Microsecond)
		}
	default: // yield rarely
		if r < 4 {
			runtime.Gosched()
		}
	}
}

// resetNoise starts a run's noise afresh under key, as if the run were
// the process's first: a run's noise depends on its seed and number only.
//
//go:norace
func resetNoise(key uint64) {
	noiseKey = key
	noiseCalls = [len(noiseCalls)]uint64{}
	napped = 0
}

//go:norace
func nap(d time.Duration) {
	if napped > napBudget {
		runtime.Gosched()
		return
	}
	napped += d
	time.Sleep(d)
}

//go:norace
func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

// mix is SplitMix64's finaliser.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
