// Package sandbox runs a graded program contained: in its own process
// group, as an unprivileged user and with no network but loopback where the
// system allows, under time, memory and output limits, and with its results
// on a descriptor of their own, signed with a secret it learns only through
// the harness (see package harness).
package sandbox

import (
	"bufio"
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// The sources of package harness and package netns, which it imports, for
// the grader to copy into the programs it builds.
var (
	//go:embed harness/harness.go
	harnessSource string
	//go:embed netns/netns.go
	netnsSource string
)

// netnsPath is the import path by which the harness names package netns.
const netnsPath = "goconc/grader/sandbox/netns"

// HarnessFiles returns the files of package harness, and of package netns
// below it, for a program that imports the harness by the path importPath:
// by name, relative to the harness's directory.
func HarnessFiles(importPath string) map[string][]byte {
	harness := strings.Replace(harnessSource, strconv.Quote(netnsPath), strconv.Quote(importPath+"/netns"), 1)
	return map[string][]byte{
		"harness.go":     []byte(harness),
		"netns/netns.go": []byte(netnsSource),
	}
}

// Limits bound one run of a program.
type Limits struct {
	Time   time.Duration // wall-clock time for the whole process
	Memory int64         // resident bytes
	Output int64         // bytes on stdout and stderr together
	Procs  uint64        // processes and threads of the unprivileged user
}

// DefaultLimits are generous for exercises that finish in milliseconds.
var DefaultLimits = Limits{Time: 60 * time.Second, Memory: 1 << 30, Output: 16 << 20, Procs: 2048}

// Record is one verified result line, as package harness writes it.
type Record struct {
	Kind    string  `json:"kind"`           // "run", "speed" or "done"
	Test    string  `json:"test,omitempty"` // the run's test, where one process runs several
	Run     int     `json:"run,omitempty"`
	Outcome string  `json:"outcome,omitempty"` // "ok" or what went wrong
	Seconds float64 `json:"seconds,omitempty"`
	CPU     float64 `json:"cpu,omitempty"` // seconds of CPU time, all threads
}

// StderrKept is how much of a program's standard error a Result keeps.
const StderrKept = 1 << 20

// RunMarker starts the line the harness writes on standard error before
// each run (harness.RunMarker).
const RunMarker = "=== goconc run "

// Result is what a run produced.
type Result struct {
	Records  []Record // verified result lines, in order
	Forged   int      // lines on the results descriptor that failed verification
	Stdout   []byte   // the first 64 KiB
	Stderr   []byte   // the first StderrKept bytes
	ExitCode int      // -1 when killed by a signal
	Killed   string   // the limit that stopped it, if one did
	Elapsed  time.Duration
	CPU      time.Duration // the program's CPU time, with the children it waited for
}

// Done reports whether the harness said it finished.
func (r *Result) Done() bool {
	for _, rec := range r.Records {
		if rec.Kind == "done" {
			return true
		}
	}
	return false
}

// Isolation says how a Runner contains programs beyond process groups and
// limits.
type Isolation struct {
	// UserNS runs the program in new user and network namespaces: no
	// network but loopback, and, when the grader runs as root, as the
	// unprivileged user nobody, which cannot read files only root can.
	UserNS bool
	// Unprivileged is true when the program's files-system identity is
	// not the grader's own.
	Unprivileged bool
}

// Probe finds out which isolation this system allows.
func Probe() Isolation {
	iso := Isolation{UserNS: true, Unprivileged: os.Geteuid() == 0}
	cmd := exec.Command("/bin/true")
	cmd.SysProcAttr = iso.sysProcAttr()
	if err := cmd.Run(); err != nil {
		return Isolation{}
	}
	return iso
}

// nobody is the user and group programs run as when the grader is root.
const nobody = 65534

func (iso Isolation) sysProcAttr() *syscall.SysProcAttr {
	attr := &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if !iso.UserNS {
		return attr
	}
	// The program starts as root of its user namespace, which owns its
	// network namespace, so that the harness can bring up loopback; when
	// the grader is root, the harness then becomes nobody (mapped to the
	// host's nobody) before any submission code runs.
	attr.Cloneflags = syscall.CLONE_NEWUSER | syscall.CLONE_NEWNET
	attr.UidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Geteuid(), Size: 1}}
	attr.GidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getegid(), Size: 1}}
	if iso.Unprivileged {
		attr.UidMappings = append(attr.UidMappings, syscall.SysProcIDMap{ContainerID: nobody, HostID: nobody, Size: 1})
		attr.GidMappings = append(attr.GidMappings, syscall.SysProcIDMap{ContainerID: nobody, HostID: nobody, Size: 1})
		attr.GidMappingsEnableSetgroups = true
	}
	return attr
}

// Describe says in a sentence what the isolation gives.
func (iso Isolation) Describe() string {
	switch {
	case iso.UserNS && iso.Unprivileged:
		return "own process group, no network but loopback, unprivileged user"
	case iso.UserNS:
		return "own process group, no network but loopback; same user as the grader (not root), so the program could read the grader's files"
	}
	return "own process group only: this system allows no user namespaces, so the program has the network and the grader's user"
}

// Run runs the program binary with args in dir, the environment env added
// to a minimal one, under lim.
func Run(ctx context.Context, iso Isolation, binary string, args []string, dir string, env []string, lim Limits) (*Result, error) {
	return RunWatched(ctx, iso, binary, args, dir, env, lim, Watch{})
}

// Watch lets the caller of RunWatched follow a run as it goes and shorten
// it: the grader stops waiting on a test whose verdict is already a fail.
type Watch struct {
	// Record, when set, is called with each verified record as it
	// arrives, from one goroutine.
	Record func(Record)
	// Cut, once closed, lowers the time limit to CutTime from the start
	// of the run: a run already past it is stopped at once. The
	// Result's Killed then says that the limit was cut, and why (Why).
	Cut     <-chan struct{}
	CutTime time.Duration
	Why     string
	// EachRun applies the time limit (and CutTime) to each run of a
	// program that makes several: the clock restarts with every
	// verified record, which only the harness can write.
	EachRun bool
	// Stop, once closed, ends the program: the Result's Killed then
	// says "stopped " and StopWhy.
	Stop    <-chan struct{}
	StopWhy string
}

// RunWatched is Run, with w told of the records as they come and able to
// cut the time limit.
func RunWatched(ctx context.Context, iso Isolation, binary string, args []string, dir string, env []string, lim Limits, w Watch) (*Result, error) {
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("making a secret: %w", err)
	}
	resR, resW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("results pipe: %w", err)
	}
	defer resR.Close()
	secR, secW, err := os.Pipe()
	if err != nil {
		resW.Close()
		return nil, fmt.Errorf("secret pipe: %w", err)
	}
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{
		"PATH=/usr/local/bin:/usr/bin:/bin",
		"HOME=" + dir,
		"TMPDIR=" + dir,
		"GOTRACEBACK=all",
		fmt.Sprintf("GOMEMLIMIT=%d", lim.Memory*8/10),
		fmt.Sprintf("GOCONC_FSIZE=%d", lim.Output),
	}, env...)
	if iso.UserNS {
		cmd.Env = append(cmd.Env, "GOCONC_LOOPBACK=1")
	}
	if iso.Unprivileged {
		cmd.Env = append(cmd.Env, fmt.Sprintf("GOCONC_USER=%d", nobody))
		if lim.Procs > 0 {
			cmd.Env = append(cmd.Env, fmt.Sprintf("GOCONC_NPROC=%d", lim.Procs))
		}
	}
	cmd.ExtraFiles = []*os.File{resW, secR} // descriptors 3 and 4
	cmd.SysProcAttr = iso.sysProcAttr()
	out := &capped{limit: lim.Output, keep: 64 << 10}
	errOut := &capped{limit: lim.Output, keep: StderrKept, shared: out}
	out.shared = errOut
	cmd.Stdout, cmd.Stderr = out, errOut
	// A process the program left running may hold the output pipes open.
	cmd.WaitDelay = time.Second

	start := time.Now()
	err = cmd.Start()
	resW.Close()
	secR.Close()
	if err != nil {
		secW.Close()
		return nil, fmt.Errorf("starting %s: %w", binary, err)
	}
	secW.Write(secret)
	secW.Close()

	res := &Result{}
	var reading sync.WaitGroup
	reading.Add(1)
	// A record restarts the clock of a program whose limit is per run.
	progress := make(chan struct{}, 1)
	seen := w.Record
	if w.EachRun {
		seen = func(rec Record) {
			if w.Record != nil {
				w.Record(rec)
			}
			select {
			case progress <- struct{}{}:
			default:
			}
		}
	}
	go func() {
		defer reading.Done()
		res.Records, res.Forged = readResults(resR, secret, seen)
	}()

	killed := make(chan string, 1)
	kill := func(reason string, quit bool) {
		select {
		case killed <- reason:
		default:
		}
		if quit {
			// A Go program prints every goroutine's stack on SIGQUIT:
			// where a stuck program is stuck.
			syscall.Kill(cmd.Process.Pid, syscall.SIGQUIT)
			time.Sleep(time.Second)
		}
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	stopWatch := make(chan struct{})
	go watch(ctx, cmd.Process.Pid, lim, w, out, progress, stopWatch, kill)
	waitErr := cmd.Wait()
	close(stopWatch)
	// Whatever the program left behind in its group goes with it.
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	reading.Wait()
	res.Elapsed = time.Since(start)
	res.Stdout, res.Stderr = out.bytes(), errOut.bytes()
	select {
	case res.Killed = <-killed:
	default:
	}
	res.ExitCode = cmd.ProcessState.ExitCode()
	res.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	var exit *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exit) {
		return res, fmt.Errorf("running %s: %w", binary, waitErr)
	}
	return res, nil
}

// watch enforces the time and memory limits, and the output limit that
// capped noticed, until stop is closed.
func watch(ctx context.Context, pid int, lim Limits, w Watch, out *capped, progress <-chan struct{}, stop <-chan struct{}, kill func(reason string, quit bool)) {
	start := time.Now()
	deadline := time.NewTimer(lim.Time)
	defer deadline.Stop()
	limit := fmt.Sprintf("time limit (%v)", lim.Time)
	timeLimit := lim.Time
	cut := w.Cut
	if w.CutTime <= 0 || w.CutTime >= lim.Time {
		cut = nil
	}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-ctx.Done():
			kill("grading was cancelled", false)
			return
		case <-w.Stop:
			kill("stopped "+w.StopWhy, false)
			return
		case <-cut:
			cut = nil
			limit = fmt.Sprintf("time limit (%v, cut from %v %s)", w.CutTime, lim.Time, w.Why)
			timeLimit = w.CutTime
			deadline.Reset(max(0, timeLimit-time.Since(start)))
		case <-progress:
			// The next run starts its clock.
			start = time.Now()
			deadline.Reset(timeLimit)
		case <-deadline.C:
			kill(limit, true)
			return
		case <-tick.C:
			if out.over() {
				kill(fmt.Sprintf("output limit (%d MiB)", lim.Output>>20), false)
				return
			}
			if rss := residentBytes(pid); lim.Memory > 0 && rss > lim.Memory {
				kill(fmt.Sprintf("memory limit (%d MiB)", lim.Memory>>20), false)
				return
			}
		}
	}
}

// readResults reads signed lines until the pipe closes, keeping those
// whose signature holds.
func readResults(r io.Reader, secret []byte, seen func(Record)) (recs []Record, forged int) {
	sc := bufio.NewScanner(io.LimitReader(r, 64<<20))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		rec, ok := verify(sc.Text(), secret)
		if !ok {
			forged++
			continue
		}
		recs = append(recs, rec)
		if seen != nil {
			seen(rec)
		}
	}
	return recs, forged
}

func verify(line string, secret []byte) (Record, bool) {
	rest, ok := strings.CutPrefix(line, "goconc-result ")
	if !ok {
		return Record{}, false
	}
	sig, body, ok := strings.Cut(rest, " ")
	if !ok {
		return Record{}, false
	}
	want, err := hex.DecodeString(sig)
	if err != nil {
		return Record{}, false
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(body))
	if !hmac.Equal(want, mac.Sum(nil)) {
		return Record{}, false
	}
	var rec Record
	if err := json.Unmarshal([]byte(body), &rec); err != nil {
		return Record{}, false
	}
	return rec, true
}

// residentBytes is the resident memory of the process pid and its
// children, from /proc; 0 when it has gone.
func residentBytes(pid int) int64 {
	total := rss(pid)
	kids, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
	for _, f := range strings.Fields(string(kids)) {
		if k, err := strconv.Atoi(f); err == nil {
			total += rss(k)
		}
	}
	return total
}

func rss(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/statm", pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// capped keeps the first keep bytes written to it and counts the rest,
// together with the other stream it shares the output limit with.
type capped struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	keep   int
	n      int64
	limit  int64
	shared *capped
}

func (c *capped) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += int64(len(p))
	if room := c.keep - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (c *capped) count() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func (c *capped) over() bool {
	return c.limit > 0 && c.count()+c.shared.count() > c.limit
}

func (c *capped) bytes() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.buf.Bytes())
}
