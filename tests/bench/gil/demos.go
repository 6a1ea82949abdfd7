package main

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"goconc/lessons/gil"
)

// The simulator's sizes. A simulated bytecode lasts 1 µs.
const (
	cpuBytecodes = 150_000 // per thread: 0.15 s, as a 3M countdown in CPython
	ioThreads    = 5
	ioCalls      = 5
	ioEach       = 20 * time.Millisecond
	lostThreads  = 10
	lostPerSim   = 3_000  // n += 1 per thread in the loop demo
	lostPerPy    = 50_000 // the same in CPython, where a loop runs 100x faster
	runsOuter    = 40
	runsInnerPy3 = 500  // bytecodes per line: 0.5 ms, as 30,000 iterations in 3.11
	runsInnerPy2 = 4000 // per line: 2.7's lines hold many hand-offs; so do these
	runsInnerPy  = 30000
)

// one is the Python function one() of JD's n += one().
func one() int64 { return 1 }

func isPy2(p python) bool     { return p.py2() }
func isPy3(p python) bool     { return !p.py2() }
func simName(p python) string { return p.mode().String() }

// interval is the switch interval of p's mode in seconds.
func interval(p python) float64 {
	if m, ok := p.mode().(gil.Python3); ok && m.SwitchInterval > 0 {
		return m.SwitchInterval.Seconds()
	}
	return gil.DefaultSwitchInterval.Seconds()
}

func demos() []demo {
	return []demo{
		{
			name: "cpu",
			what: "CPU-bound: 2 threads counting down, time threaded / sequential",
			args: func(python) []string { return []string{"cpu", "3000000"} },
			value: func(out map[string]any) float64 {
				return num(out, "threaded") / num(out, "sequential")
			},
			sim:     simCPU,
			simWhat: func(p python) string { return fmt.Sprintf("%v, 2 x %d bytecodes", p.mode(), cpuBytecodes) },
			shape: func(_ python, v float64) string {
				switch {
				case v < 0.75:
					return "faster in threads"
				case v <= 1.4:
					return "no faster"
				default:
					return "slower in threads"
				}
			},
		},
		{
			name: "io",
			what: fmt.Sprintf("I/O-bound: %d threads x %d sleeps of %v, time threaded / sequential", ioThreads, ioCalls, ioEach),
			args: func(python) []string {
				return []string{"io", fmt.Sprint(ioThreads), fmt.Sprint(ioCalls), fmt.Sprint(ioEach.Seconds())}
			},
			value: func(out map[string]any) float64 {
				return num(out, "threaded") / num(out, "sequential")
			},
			sim:     simIO,
			simWhat: simName,
			shape: func(_ python, v float64) string {
				if v < 1.5/ioThreads {
					return fmt.Sprintf("waits overlap (1/%d)", ioThreads)
				}
				return "waits do not overlap"
			},
		},
		convoyDemo("convoy-sleep", "Convoy: time.sleep(1 ms) beside a CPU-bound thread, added time per call", "sleep"),
		convoyDemo("convoy-socket", "Convoy: a socket round trip (send, recv) to an echo that answers at once, beside a CPU-bound thread, added time per call", "socket"),
		convoyDemo("convoy-server", "Convoy: a socket round trip (send, recv) to an echo that answers after 1 ms, beside a CPU-bound thread, added time per call", "server"),
		{
			name: "lost1000",
			what: "JD's race: n += 1 once in each of 1,000 threads (2.7: check interval 1), updates lost",
			unit: "n",
			args: func(p python) []string {
				if p.py2() {
					return []string{"lost", "1000", "1", "inc", "1"}
				}
				return []string{"lost", "1000", "1", "inc", "0.005"}
			},
			value: lostCount,
			sim: func(p python) float64 {
				return simLost(lost1000Mode(p), 1000, 1, false)
			},
			simWhat: func(p python) string { return lost1000Mode(p).String() },
			shape:   lostShape,
			verdict: withinSpread,
		},
		lostLoopDemo("lost-inc", "n += 1 in a loop, 10 threads, share of updates lost", false),
		lostLoopDemo("lost-call", "n += one() in a loop, 10 threads, share of updates lost", true),
		{
			name: "switches",
			what: "Hand-offs per second between 2 CPU-bound threads (gaps over 1 ms)",
			unit: "n",
			only: isPy3,
			args: func(python) []string { return []string{"switches", "1"} },
			value: func(out map[string]any) float64 {
				return num(out, "per_second")
			},
			sim:     simSwitches,
			simWhat: simName,
			shape: func(p python, v float64) string {
				per := 1 / interval(p)
				if v > 0.6*per && v < 1.2*per {
					return "one per switch interval"
				}
				return "not one per interval"
			},
		},
		{
			name: "connect",
			what: "JD's connect demo (a 50 ms blocking call), runs with JD's order",
			unit: "%",
			args: func(python) []string { return []string{"connect"} },
			value: func(out map[string]any) float64 {
				if out["order"] == "connecting, connecting, connected, connected" {
					return 1
				}
				return 0
			},
			sim:     simConnect,
			simWhat: simName,
			shape: func(_ python, v float64) string {
				if v == 1 {
					return "connecting, connecting, connected, connected"
				}
				return "another order"
			},
		},
		{
			name: "runs",
			what: "JD's runs: 2 CPU-bound threads print 40 lines each, mean run of one thread's lines",
			args: func(python) []string {
				return []string{"runs", fmt.Sprint(runsOuter), fmt.Sprint(runsInnerPy)}
			},
			value: func(out map[string]any) float64 {
				s, _ := out["output"].(string)
				return meanRun(strings.Split(s, ""))
			},
			sim: simRuns,
			simWhat: func(p python) string {
				return fmt.Sprintf("%v, %d bytecodes per line", p.mode(), runsInner(p))
			},
			shape: func(_ python, v float64) string {
				switch {
				case v >= 4:
					return "long runs"
				case v > 1.05:
					return "short, irregular runs"
				default:
					return "strict alternation"
				}
			},
		},
	}
}

func convoyDemo(name, what, kind string) demo {
	return demo{
		name: name,
		what: what,
		unit: "ms",
		args: func(python) []string {
			switch kind {
			case "sleep", "server":
				return []string{"convoy", kind, "30"}
			}
			return []string{"convoy", kind, "100"}
		},
		value: func(out map[string]any) float64 {
			return num(out, "beside_cpu") - num(out, "alone")
		},
		sim:     func(p python) float64 { return simConvoy(p, kind) },
		simWhat: func(p python) string { return fmt.Sprintf("%v, %s", p.mode(), convoyCall(kind)) },
		shape: func(p python, v float64) string {
			if p.py2() {
				// 2.7's waits are a check interval or two: microseconds
				// in CPython, a few hundred in the simulator, whose
				// bytecodes are slower. A convoy is a wait of the order
				// of 3.x's switch interval.
				if v < 0.2*gil.DefaultSwitchInterval.Seconds() {
					return "under 1 ms: no convoy"
				}
				return "a convoy"
			}
			switch iv := interval(p); {
			case v >= 0.5*iv:
				return "about a switch interval or more"
			case v < 0.1*iv:
				return "no convoy"
			default:
				return "part of an interval"
			}
		},
	}
}

func convoyCall(kind string) string {
	switch kind {
	case "sleep":
		return "IO(1ms)"
	case "server":
		return "IO(2µs) + IO(1ms)"
	}
	return "IO(2µs) + IO(20µs)"
}

func lostLoopDemo(name, what string, call bool) demo {
	variant := "inc"
	if call {
		variant = "call"
	}
	return demo{
		name: name,
		what: what,
		unit: "%",
		args: func(p python) []string {
			iv := "0.000001" // 1 µs: as many switches as CPython can make
			if p.py2() {
				iv = "1"
			}
			return []string{"lost", fmt.Sprint(lostThreads), fmt.Sprint(lostPerPy), variant, iv}
		},
		value: func(out map[string]any) float64 {
			return lostCount(out) / num(out, "want")
		},
		sim: func(p python) float64 {
			return simLost(lostLoopMode(p), lostThreads, lostPerSim, call) / float64(lostThreads*lostPerSim)
		},
		simWhat: func(p python) string {
			return fmt.Sprintf("%v, %d x %d", lostLoopMode(p), lostThreads, lostPerSim)
		},
		shape: lostShape,
	}
}

// lost1000Mode is the mode of JD's race: 2.7 with a check interval of
// 1, as JD ran it; 3.x at its defaults.
func lost1000Mode(p python) gil.Mode {
	if p.py2() {
		return gil.Python2{CheckInterval: 1}
	}
	return p.mode()
}

// lostLoopMode is the mode of the loop race: 2.7 with a check interval
// of 1, 3.x with a switch interval of 1 ms, the shortest a Go timer
// keeps (CPython's side runs at 1 µs, and a CPython bytecode is about
// 100 times faster than a simulated one).
func lostLoopMode(p python) gil.Mode {
	switch m := p.mode().(type) {
	case gil.Python2:
		return gil.Python2{CheckInterval: 1}
	case gil.Python3:
		m.SwitchInterval = time.Millisecond
		return m
	}
	return p.mode()
}

func lostCount(out map[string]any) float64 { return num(out, "want") - num(out, "n") }

func lostShape(_ python, v float64) string {
	if v == 0 {
		return "none lost"
	}
	return "updates lost"
}

// withinSpread says whether the simulator's median of lost updates lies
// within CPython's range, and, where CPython never lost one, whether
// the simulator never did either.
func withinSpread(_ python, sim, py []float64) (bool, string) {
	lo, hi := minMax(py)
	slo, shi := minMax(sim)
	med := median(sim)
	if hi == 0 {
		return shi == 0, ""
	}
	ok := med >= lo && med <= hi
	return ok, fmt.Sprintf("median %.0f within CPython's %.0f-%.0f? simulator's range %.0f-%.0f", med, lo, hi, slo, shi)
}

func minMax(v []float64) (lo, hi float64) {
	lo, hi = v[0], v[0]
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	for i := range s { // insertion sort: a handful of values
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s[len(s)/2]
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func simCPU(p python) float64 {
	start := time.Now()
	seq := gil.New(p.mode())
	seq.Go("main", func(t *gil.Thread) { t.Compute(2 * cpuBytecodes) })
	must(seq.Wait())
	sequential := time.Since(start)

	start = time.Now()
	thr := gil.New(p.mode())
	for i := range 2 {
		thr.Go(fmt.Sprint(i), func(t *gil.Thread) { t.Compute(cpuBytecodes) })
	}
	must(thr.Wait())
	return time.Since(start).Seconds() / sequential.Seconds()
}

func simIO(p python) float64 {
	work := func(t *gil.Thread) {
		for range ioCalls {
			t.IO(ioEach)
		}
	}
	start := time.Now()
	seq := gil.New(p.mode())
	seq.Go("main", func(t *gil.Thread) {
		for range ioThreads {
			work(t)
		}
	})
	must(seq.Wait())
	sequential := time.Since(start)

	start = time.Now()
	thr := gil.New(p.mode())
	for i := range ioThreads {
		thr.Go(fmt.Sprint(i), work)
	}
	must(thr.Wait())
	return time.Since(start).Seconds() / sequential.Seconds()
}

// simConvoy returns the time a call gains beside a CPU-bound thread.
func simConvoy(p python, kind string) float64 {
	calls := 30
	call := func(t *gil.Thread) { t.IO(time.Millisecond) }
	switch kind {
	case "socket":
		calls = 100
		call = func(t *gil.Thread) {
			t.IO(2 * time.Microsecond)  // send: the kernel copies the byte
			t.IO(20 * time.Microsecond) // recv: the echo process answers
		}
	case "server":
		call = func(t *gil.Thread) {
			t.IO(2 * time.Microsecond) // send
			t.IO(time.Millisecond)     // recv: the echo answers after 1 ms
		}
	}
	timed := func(withCPU bool) float64 {
		in := gil.New(p.mode())
		var done atomic.Bool
		if withCPU {
			in.Go("cpu", func(t *gil.Thread) {
				for !done.Load() {
					t.Compute(100)
				}
			})
		}
		var per float64
		in.Go("io", func(t *gil.Thread) {
			defer done.Store(true)
			call(t)
			start := time.Now()
			for range calls {
				call(t)
			}
			per = time.Since(start).Seconds() / float64(calls)
		})
		must(in.Wait())
		return per
	}
	alone := timed(false)
	return timed(true) - alone
}

// simLost runs per increments of a global in each of threads threads
// (in a loop if per > 1) and returns how many were lost.
func simLost(mode gil.Mode, threads, per int, call bool) float64 {
	in := gil.New(mode)
	var n int64
	inc := func(t *gil.Thread) {
		if call {
			t.AddCall(&n, one)
		} else {
			t.Add(&n, 1)
		}
	}
	for i := range threads {
		in.Go(fmt.Sprint(i), func(t *gil.Thread) {
			if per == 1 {
				inc(t)
				return
			}
			t.Loop(per, func() { inc(t) })
		})
	}
	must(in.Wait())
	return float64(threads*per) - float64(n)
}

func simSwitches(p python) float64 {
	in := gil.New(p.mode())
	deadline := time.Now().Add(time.Second)
	for i := range 2 {
		in.Go(fmt.Sprint(i), func(t *gil.Thread) {
			for time.Now().Before(deadline) {
				t.Compute(100)
			}
		})
	}
	must(in.Wait())
	return float64(in.Stats().Switches) / in.Stats().Wall.Seconds()
}

func simConnect(p python) float64 {
	in := gil.New(p.mode())
	for i := range 2 {
		in.Go(fmt.Sprint(i), func(t *gil.Thread) {
			t.Print("connecting")
			t.IO(50 * time.Millisecond)
			t.Print("connected")
		})
	}
	must(in.Wait())
	if strings.Join(in.Output(), ", ") == "connecting, connecting, connected, connected" {
		return 1
	}
	return 0
}

func runsInner(p python) int {
	if p.py2() {
		return runsInnerPy2
	}
	return runsInnerPy3
}

func simRuns(p python) float64 {
	in := gil.New(p.mode())
	for i := range 2 {
		in.Go(fmt.Sprint(i), func(t *gil.Thread) {
			for range runsOuter {
				t.Compute(runsInner(p))
				t.Print(t.Name())
			}
		})
	}
	must(in.Wait())
	return meanRun(in.Output())
}

// meanRun is the mean length of the runs of equal lines in out.
func meanRun(out []string) float64 {
	if len(out) == 0 {
		return 0
	}
	runs := 1
	for i := 1; i < len(out); i++ {
		if out[i] != out[i-1] {
			runs++
		}
	}
	return float64(len(out)) / float64(runs)
}
