package cellrt

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// underProcs runs f under GOMAXPROCS 1 and 2.
func underProcs(t *testing.T, f func(t *testing.T)) {
	for _, procs := range []int{1, 2} {
		t.Run(fmt.Sprintf("GOMAXPROCS=%d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			f(t)
		})
	}
}

func TestGoid(t *testing.T) {
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, want := Goid(), stackGoid(); got != want {
				t.Errorf("Goid() = %d, the stack trace says %d", got, want)
			}
		}()
	}
	wg.Wait()
	if runtime.GOARCH == "amd64" && idOffset() < 0 {
		t.Error("no offset of the id found in the goroutine descriptor")
	}
}

// cell runs body as a cell's function under r, as the engine does, and
// returns the cause the cell's context ended with (nil if it finished).
func cell(r *Runtime, ctx context.Context, body func()) error {
	ctx, end := r.BeginCell(ctx)
	defer end()
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Enter("")
		defer r.Exit()
		body()
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// spawn starts f as a goroutine the cells started at where.
func spawn(r *Runtime, where string, f func()) {
	go func() {
		r.Enter(where)
		defer r.Exit()
		f()
	}()
}

func TestDeadlocks(t *testing.T) {
	tests := []struct {
		name string
		body func(r *Runtime)
		want []string
	}{
		{"receive", func(r *Runtime) { r.Recv(make(chan int), "line 1") }, []string{"[chan receive]:", "line 1 (the cell itself)"}},
		{"send", func(r *Runtime) { r.Send(make(chan int), 1, "line 2") }, []string{"[chan send]:", "line 2"}},
		{"nil channel", func(r *Runtime) { r.Recv((chan int)(nil), "line 3") }, []string{"[chan receive (nil chan)]:"}},
		{"empty select", func(r *Runtime) { r.Select(nil, false, "line 4") }, []string{"[select (no cases)]:"}},
		{"double lock", func(r *Runtime) {
			var mu sync.Mutex
			r.Lock(&mu, "line 5")
			r.Lock(&mu, "line 6")
		}, []string{"[sync.Mutex.Lock]:", "line 6", "held by goroutine", "took it at line 5"}},
		{"lock order", func(r *Runtime) {
			var a, b sync.Mutex
			var wg sync.WaitGroup
			wg.Add(2)
			spawn(r, "line 7", func() { defer wg.Done(); r.Lock(&a, "a1"); r.Sleep(20 * time.Millisecond); r.Lock(&b, "b1") })
			spawn(r, "line 8", func() { defer wg.Done(); r.Lock(&b, "b2"); r.Sleep(20 * time.Millisecond); r.Lock(&a, "a2") })
			r.WaitGroupWait(&wg, "line 9")
		}, []string{"[sync.WaitGroup.Wait]:", "started at line 7", "started at line 8", "took it at a1", "took it at b2"}},
		{"cond", func(r *Runtime) {
			var mu sync.Mutex
			c := sync.NewCond(&mu)
			r.Lock(&mu, "line 10")
			r.CondWait(c, "line 11")
		}, []string{"[sync.Cond.Wait]:", "line 11"}},
		{"read lock", func(r *Runtime) {
			var rw sync.RWMutex
			r.Lock(&rw, "line 12")
			r.RLock(&rw, "line 13")
		}, []string{"[sync.RWMutex.RLock]:", "line 13"}},
		{"mutex lock order", func(r *Runtime) {
			var a, b sync.Mutex
			var wg sync.WaitGroup
			wg.Add(2)
			spawn(r, "line 14", func() { defer wg.Done(); r.LockMutex(&a, "a1"); r.Sleep(20 * time.Millisecond); r.LockMutex(&b, "b1") })
			spawn(r, "line 15", func() { defer wg.Done(); r.LockMutex(&b, "b2"); r.Sleep(20 * time.Millisecond); r.LockMutex(&a, "a2") })
			r.WaitGroupWait(&wg, "line 16")
		}, []string{"[sync.Mutex.Lock]:", "started at line 14", "took it at a1", "took it at b2"}},
		{"RWMutex read then write", func(r *Runtime) {
			var rw sync.RWMutex
			r.RLock(&rw, "line 26")
			r.RLock(&rw, "line 27")
			r.RUnlock(&rw)
			r.LockRW(&rw, "line 28")
		}, []string{"[sync.RWMutex.Lock]:", "line 28", "held for reading by goroutine", "took it at line 26"}},
		{"RWMutex write lock twice", func(r *Runtime) {
			var rw sync.RWMutex
			r.LockRW(&rw, "line 17")
			r.LockRW(&rw, "line 18")
		}, []string{"[sync.RWMutex.Lock]:", "line 18", "took it at line 17"}},
		{"unlocked, then locked twice", func(r *Runtime) {
			var mu sync.Mutex
			r.LockMutex(&mu, "line 19")
			r.UnlockMutex(&mu)
			r.LockMutex(&mu, "line 20")
			r.LockMutex(&mu, "line 21")
		}, []string{"[sync.Mutex.Lock]:", "line 21", "took it at line 20"}},
		{"RLocker read then write", func(r *Runtime) {
			var rw sync.RWMutex
			l := r.RLocker(&rw, "line 29")
			r.Lock(l, "line 30")
			r.LockRW(&rw, "line 31")
		}, []string{"[sync.RWMutex.Lock]:", "line 31", "held for reading by goroutine", "took it at line 30"}},
		{"RLocker after a writer", func(r *Runtime) {
			var rw sync.RWMutex
			l := r.RLocker(&rw, "line 32")
			r.LockRW(&rw, "line 33")
			r.Lock(l, "line 34")
		}, []string{"[sync.RWMutex.RLock]:", "line 34", "held by goroutine", "took it at line 33"}},
		{"RLocker's own Lock", func(r *Runtime) {
			var rw sync.RWMutex
			l := r.RLocker(&rw, "line 35")
			r.LockRW(&rw, "line 36")
			l.Lock()
		}, []string{"[sync.RWMutex.RLock]:", "line 35", "took it at line 36"}},
		{"TryLock after an Unlock", func(r *Runtime) {
			var mu sync.Mutex
			r.LockMutex(&mu, "line 37")
			r.UnlockMutex(&mu)
			if !r.TryLockMutex(&mu, "line 38") {
				panic("TryLock failed")
			}
			r.LockMutex(&mu, "line 39")
		}, []string{"[sync.Mutex.Lock]:", "line 39", "took it at line 38"}},
		{"locked by another goroutine after an Unlock", func(r *Runtime) {
			var mu sync.Mutex
			var wg sync.WaitGroup
			r.LockMutex(&mu, "line 40")
			r.UnlockMutex(&mu)
			wg.Add(1)
			spawn(r, "line 41", func() { r.LockMutex(&mu, "line 42"); wg.Done(); r.Recv(make(chan int), "line 43") })
			r.WaitGroupWait(&wg, "line 44")
			r.LockMutex(&mu, "line 45")
		}, []string{"[sync.Mutex.Lock]:", "line 45", "took it at line 42", "[chan receive]:", "line 43"}},
		{"receive of an interface", func(r *Runtime) {
			q := make(chan any, 2)
			var v any = 1
			r.SendPtr(q, &v, "line 22")
			r.RecvPtr(q, "line 23")
			r.RecvPtr1(q, "line 24")
		}, []string{"[chan receive]:", "line 24"}},
		{"send of an interface", func(r *Runtime) {
			var err error
			r.SendPtr(make(chan error), &err, "line 25")
		}, []string{"[chan send]:", "line 25"}},
	}
	underProcs(t, func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := New(Options{Settle: 20 * time.Millisecond})
				// The deadline only ends a deadlock that goes unreported;
				// how soon one is reported is a benchmark's
				// (kernel/engine's BenchmarkDeadlockReport).
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				err := cell(r, ctx, func() { tt.body(r) })
				var dl Deadlock
				if !errors.As(err, &dl) {
					t.Fatalf("cell ended with %v, want a deadlock", err)
				}
				report := strings.Join(dl.Report, "\n")
				for _, w := range append(tt.want, "all goroutines are asleep - deadlock!") {
					if !strings.Contains(report, w) {
						t.Errorf("report lacks %q:\n%s", w, report)
					}
				}
				if n := r.Settle(time.Second); n != 0 {
					t.Errorf("%d goroutines still run after the deadlock", n)
				}
			})
		}
	})
}

// TestNoFalseDeadlock runs correct programs whose goroutines block all
// the time, with a settle period short enough that the watcher suspects
// a deadlock often; the check against the goroutines' trace must clear
// every suspicion.
func TestNoFalseDeadlock(t *testing.T) {
	programs := []struct {
		name string
		body func(r *Runtime) error
	}{
		{"ping-pong", func(r *Runtime) error {
			ping, pong := make(chan int), make(chan int)
			spawn(r, "pong", func() {
				for {
					v, ok := r.Recv(ping, "pong recv")
					if !ok {
						return
					}
					r.Send(pong, v.(int)+1, "pong send")
				}
			})
			sum := 0
			for i := range 5000 {
				r.Send(ping, i, "ping send")
				v, _ := r.Recv(pong, "ping recv")
				sum += v.(int)
			}
			close(ping)
			if sum != 5000*5001/2 {
				return fmt.Errorf("sum %d", sum)
			}
			return nil
		}},
		{"select fan-in", func(r *Runtime) error {
			chans := []chan int{make(chan int), make(chan int), make(chan int)}
			for _, ch := range chans {
				spawn(r, "producer", func() {
					for range 1000 {
						r.Send(ch, 1, "produce")
					}
					close(ch)
				})
			}
			n, open := 0, 3
			cases := []SelectCase{{Dir: 1, Chan: chans[0]}, {Dir: 1, Chan: chans[1]}, {Dir: 1, Chan: chans[2]}}
			for open > 0 {
				i, v, ok := r.Select(cases, false, "select")
				if !ok {
					cases[i].Chan = (chan int)(nil)
					open--
					continue
				}
				n += v.(int)
			}
			if n != 3000 {
				return fmt.Errorf("n %d", n)
			}
			return nil
		}},
		{"cond queue", func(r *Runtime) error {
			var mu sync.Mutex
			c := sync.NewCond(&mu)
			var q []int
			done := false
			var total atomic.Int64
			var wg sync.WaitGroup
			for range 5 {
				wg.Add(1)
				spawn(r, "consumer", func() {
					defer wg.Done()
					for {
						r.Lock(&mu, "consume")
						for len(q) == 0 && !done {
							r.CondWait(c, "wait")
						}
						if len(q) == 0 {
							r.Unlock(&mu)
							return
						}
						total.Add(int64(q[0]))
						q = q[1:]
						r.Unlock(&mu)
					}
				})
			}
			for i := 1; i <= 3000; i++ {
				r.Lock(&mu, "produce")
				q = append(q, i)
				r.Unlock(&mu)
				c.Signal()
			}
			r.Lock(&mu, "finish")
			done = true
			r.Unlock(&mu)
			c.Broadcast()
			r.WaitGroupWait(&wg, "wait all")
			if total.Load() != 3000*3001/2 {
				return fmt.Errorf("total %d", total.Load())
			}
			return nil
		}},
		{"contended mutexes in order", func(r *Runtime) error {
			var a, b sync.Mutex
			var wg sync.WaitGroup
			x, y := 0, 0
			for range 2 {
				wg.Add(1)
				spawn(r, "transfers", func() {
					defer wg.Done()
					for range 5000 {
						r.LockMutex(&a, "a")
						r.LockMutex(&b, "b")
						x--
						y++
						r.UnlockMutex(&b)
						r.UnlockMutex(&a)
					}
				})
			}
			r.WaitGroupWait(&wg, "wait")
			if x != -10000 || y != 10000 {
				return fmt.Errorf("x %d, y %d", x, y)
			}
			return nil
		}},
		{"interface messages", func(r *Runtime) error {
			q := make(chan error)
			spawn(r, "sender", func() {
				for i := range 2000 {
					var err error
					if i%2 == 0 {
						err = fmt.Errorf("e%d", i)
					}
					r.SendPtr(q, &err, "send")
				}
				close(q)
			})
			n := 0
			for {
				p, ok := r.RecvPtr(q, "recv")
				if !ok {
					if *p.(*error) != nil {
						return fmt.Errorf("closed channel gave %v", *p.(*error))
					}
					break
				}
				if *p.(*error) != nil {
					n++
				}
			}
			if n != 1000 {
				return fmt.Errorf("n %d", n)
			}
			return nil
		}},
		{"contended mutex", func(r *Runtime) error {
			var mu sync.Mutex
			var wg sync.WaitGroup
			n := 0
			for range 4 {
				wg.Add(1)
				spawn(r, "adder", func() {
					defer wg.Done()
					for range 5000 {
						r.Lock(&mu, "add")
						n++
						r.Unlock(&mu)
					}
				})
			}
			r.WaitGroupWait(&wg, "wait")
			if n != 20000 {
				return fmt.Errorf("n %d", n)
			}
			return nil
		}},
		{"RLocker readers, a writer and a Cond", func(r *Runtime) error {
			var rw sync.RWMutex
			rl := r.RLocker(&rw, "rlocker")
			c := sync.NewCond(rl)
			var wg sync.WaitGroup
			n, ready := 0, false
			var seen atomic.Int64
			for range 3 {
				wg.Add(1)
				spawn(r, "reader", func() {
					defer wg.Done()
					r.Lock(rl, "wait lock")
					for !ready {
						r.CondWait(c, "wait")
					}
					r.Unlock(rl)
					for range 2000 {
						r.Lock(rl, "read")
						seen.Add(int64(n - n + 1))
						r.Unlock(rl)
					}
				})
			}
			for range 2000 {
				r.LockRW(&rw, "write")
				n++
				r.UnlockRW(&rw)
			}
			r.LockRW(&rw, "ready")
			ready = true
			r.UnlockRW(&rw)
			c.Broadcast()
			r.WaitGroupWait(&wg, "wait")
			if n != 2000 || seen.Load() != 6000 {
				return fmt.Errorf("n %d, seen %d", n, seen.Load())
			}
			if rs := r.holders.readers(lockKey(&rw)); len(rs) != 0 {
				return fmt.Errorf("read locks still recorded: %v", rs)
			}
			return nil
		}},
	}
	underProcs(t, func(t *testing.T) {
		for _, p := range programs {
			t.Run(p.name, func(t *testing.T) {
				for run := range 3 {
					r := New(Options{Settle: time.Millisecond})
					var failed error
					if err := cell(r, context.Background(), func() { failed = p.body(r) }); err != nil {
						t.Fatalf("run %d ended with %v", run, err)
					}
					if failed != nil {
						t.Fatalf("run %d: %v", run, failed)
					}
				}
			})
		}
	})
}

// TestStopParks checks that goroutines waiting in the runtime when the
// cell stops never return from the wait, that those reaching the
// runtime later park too, and that a new cell runs normally.
func TestStopParks(t *testing.T) {
	underProcs(t, func(t *testing.T) {
		r := New(Options{})
		var after atomic.Int32
		ctx, cancel := context.WithCancel(context.Background())
		ch, full := make(chan int), make(chan int)
		var mu sync.Mutex
		mu.Lock()
		var wg sync.WaitGroup
		wg.Add(1)
		waits := []func(){
			func() { r.Recv(ch, "recv") },
			func() { r.Send(full, 1, "send") },
			func() { r.Lock(&mu, "lock") },
			func() { r.WaitGroupWait(&wg, "wait") },
			func() { r.Sleep(time.Hour) },
			func() { r.Select([]SelectCase{{Dir: 1, Chan: ch}}, false, "select") },
		}
		err := cell(r, ctx, func() {
			for _, w := range waits {
				spawn(r, "waiter", func() { w(); after.Add(1) })
			}
			time.Sleep(50 * time.Millisecond)
			cancel()
			r.Recv(ch, "cell")
			after.Add(1)
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cell ended with %v, want cancelled", err)
		}
		if n := r.Settle(time.Second); n != 0 {
			t.Errorf("%d goroutines still run after the stop", n)
		}
		// Wake every wait as the program would have.
		mu.Unlock()
		wg.Done()
		close(ch)
		go func() { <-full }()
		time.Sleep(50 * time.Millisecond)
		if n := after.Load(); n != 0 {
			t.Errorf("%d goroutines returned from a wait after the stop", n)
		}
		if err := cell(r, context.Background(), func() {
			c := make(chan int, 1)
			r.Send(c, 1, "send")
			r.Recv(c, "recv")
		}); err != nil {
			t.Errorf("the next cell ended with %v", err)
		}
	})
}

// TestFailStopsFirst checks that Fail stops the cell before returning,
// so that a goroutine it then wakes parks.
func TestFailStopsFirst(t *testing.T) {
	underProcs(t, func(t *testing.T) {
		for range 20 {
			r := New(Options{})
			var after atomic.Int32
			err := cell(r, context.Background(), func() {
				var wg sync.WaitGroup
				wg.Add(1)
				spawn(r, "failing", func() {
					time.Sleep(time.Millisecond)
					r.Fail(errors.New("boom"))
					wg.Done()
				})
				r.WaitGroupWait(&wg, "wait")
				after.Add(1)
			})
			if err == nil || err.Error() != "boom" {
				t.Fatalf("cell ended with %v", err)
			}
			time.Sleep(5 * time.Millisecond)
			if after.Load() != 0 {
				t.Fatal("the waiter ran on after the failure")
			}
		}
	})
}

func TestParseStacks(t *testing.T) {
	trace := "goroutine 1 [chan receive, 2 minutes]:\nmain.main()\n\t/x.go:3 +0x1\n\n" +
		"goroutine 7 [runnable, locked to thread]:\nmain.f()\n\n" +
		"goroutine 9 [select (no cases)]:\ngoconc/kernel/cellrt.park()\n"
	got := parseStacks([]byte(trace))
	want := []struct {
		id     int64
		state  string
		asleep bool
	}{{1, "chan receive", true}, {7, "runnable", false}, {9, "select (no cases)", true}}
	if len(got) != len(want) {
		t.Fatalf("got %d goroutines, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].id != w.id || got[i].state != w.state || got[i].asleep() != w.asleep {
			t.Errorf("goroutine %d: %+v asleep=%v, want %+v", i, got[i], got[i].asleep(), w)
		}
	}
	if !got[2].runsCode(nil) || got[0].runsCode([]string{"other."}) || !got[0].runsCode([]string{"main."}) {
		t.Error("runsCode")
	}
}

// TestMayProgress checks the verdict a trace of all goroutines gives on a
// suspected deadlock, goroutine by goroutine. The traces are written as
// runtime.Stack writes them: the runtime's own frames are not shown.
func TestMayProgress(t *testing.T) {
	const (
		self = "goroutine 3 [running]:\ngoconc/kernel/cellrt.(*Runtime).confirm(0x1)\n"
		// A cell's goroutine parked in a receive, through await.
		parked = "goroutine 9 [select]:\nreflect.rselect({0xc0, 0x2, 0x2})\n\t/go/src/runtime/select.go:620 +0x2d\n" +
			"reflect.Select({0xc0, 0x2, 0x2})\ngoconc/kernel/cellrt.(*Runtime).await(0x1)\n"
		cellFunc = "goroutine 10 [sync.Mutex.Lock]:\nsync.(*Mutex).Lock(0xc0)\ngoconc/kernel/cellrt.(*Runtime).blockOn.func1()\n"
	)
	tests := []struct {
		name  string
		trace string
		want  bool
	}{
		{"all parked on the cells' sync", self + "\n" + parked + "\n" + cellFunc, false},
		{"one runnable", self + "\n" + parked + "\n" + "goroutine 11 [runnable]:\nmain.f()\n", true},
		{"one preempted", self + "\n" + parked + "\n" + "goroutine 11 [preempted]:\nmain.f()\n", true},
		{"one in a GC assist", self + "\n" + parked + "\n" + "goroutine 11 [GC assist wait]:\nmain.f()\n", true},
		{"one asleep on a timer", self + "\n" + parked + "\n" + "goroutine 11 [sleep]:\ntime.Sleep(0x1)\n", true},
		// A goroutine of the cells that counted itself waiting and then,
		// allocating in reflect.Select, had to start a collection while
		// the trace held the world stopped.
		{"a cell's goroutine starting a collection", self + "\n" + parked + "\n" +
			"goroutine 12 [semacquire]:\nreflect.Select({0xc0, 0x2, 0x2})\ngoconc/kernel/cellrt.(*Runtime).await(0x1)\n", true},
		{"a cell's goroutine reading input", self + "\n" + parked + "\n" +
			"goroutine 13 [IO wait]:\ninternal/poll.(*FD).Read(0xc0)\ngoconc/kernel/cellrt.(*Runtime).Recv(0x1)\n", true},
		// Goroutines that run no cell code wait for what they wait for:
		// only the cells' goroutines decide.
		{"a host goroutine reading input", self + "\n" + parked + "\n" +
			"goroutine 14 [IO wait]:\ninternal/poll.(*FD).Read(0xc0)\nnet.(*conn).Read(0xc0)\n", false},
		// Goroutines that compiled code the cells called started: Go
		// reports no deadlock while one waits for the outside world.
		{"a child process's reaper, started by a cell's goroutine", self + "\n" + parked + "\n" +
			"goroutine 15 [syscall]:\nos.(*Process).Wait(0xc0)\ngoconc/lessons/procs.(*Process).wait(0xc0)\n" +
			"created by goconc/lessons/procs.start in goroutine 9\n\t/src/procs/process.go:130 +0x1\n", true},
		{"a system call of a goroutine the reaper started", self + "\n" + parked + "\n" +
			"goroutine 15 [select]:\ngoconc/lessons/procs.(*Process).wait(0xc0)\n" +
			"created by goconc/lessons/procs.start in goroutine 9\n\t/src/procs/process.go:130 +0x1\n\n" +
			"goroutine 16 [syscall]:\nsyscall.Syscall6(0xf7)\nos.(*Process).Wait(0xc0)\n" +
			"created by goconc/lessons/procs.(*Process).wait in goroutine 15\n\t/src/procs/process.go:150 +0x1\n", true},
		{"a system call whose cell goroutine has ended", self + "\n" + parked + "\n" +
			"goroutine 17 [syscall]:\nos.(*Process).Wait(0xc0)\n" +
			"created by os/exec.(*Cmd).Start in goroutine 40\n\t/go/src/os/exec/exec.go:700 +0x1\n", true},
		// An HTTP client's idle connection waits for a server that will
		// not wake the cells: its wait hides no deadlock.
		{"an idle connection the cells' request left", self + "\n" + parked + "\n" +
			"goroutine 21 [IO wait]:\ninternal/poll.(*FD).Read(0xc0)\nnet/http.(*persistConn).Read(0xc0)\n" +
			"created by net/http.(*Transport).dialConn in goroutine 9\n\t/go/src/net/http/transport.go:1900 +0x1\n", false},
		{"a host goroutine started by the host", self + "\n" + parked + "\n" +
			"goroutine 1 [select]:\nmain.main()\n\n" +
			"goroutine 18 [IO wait]:\ninternal/poll.(*FD).Read(0xc0)\n" +
			"created by goconc/kernel/worker.serve in goroutine 1\n\t/src/worker/worker.go:50 +0x1\n", false},
		{"a host goroutine whose creator has ended", self + "\n" + parked + "\n" +
			"goroutine 19 [IO wait]:\ninternal/poll.(*FD).Read(0xc0)\n" +
			"created by github.com/go-zeromq/zmq4.(*socket).Listen in goroutine 77\n\t/zmq4/socket.go:50 +0x1\n", false},
		{"the cells' compiled goroutine waiting on a channel", self + "\n" + parked + "\n" +
			"goroutine 20 [chan receive]:\ngoconc/lessons/executor.(*Pool).worker(0xc0)\n" +
			"created by goconc/lessons/executor.New in goroutine 9\n\t/src/executor/pool.go:50 +0x1\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mayProgress(parseStacks([]byte(tt.trace)), 3, nil); got != tt.want {
				t.Errorf("mayProgress = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPanickingHoldsWakers checks that a goroutine woken by the deferred
// calls of a panicking one does not run on before the cell stops, and
// that a recovered panic holds nobody up.
func TestPanickingHoldsWakers(t *testing.T) {
	underProcs(t, func(t *testing.T) {
		for range 20 {
			r := New(Options{})
			var after atomic.Int32
			err := cell(r, context.Background(), func() {
				var wg sync.WaitGroup
				wg.Add(1)
				spawn(r, "panicking", func() {
					r.Panicking()
					wg.Done() // as a deferred call would, before the recover
					time.Sleep(time.Millisecond)
					r.Fail(errors.New("boom"))
				})
				r.WaitGroupWait(&wg, "wait")
				after.Add(1)
			})
			if err == nil || err.Error() != "boom" {
				t.Fatalf("cell ended with %v", err)
			}
			time.Sleep(5 * time.Millisecond)
			if after.Load() != 0 {
				t.Fatal("the waiter ran on while a goroutine panicked")
			}
		}
		// The engine's guard of a go statement exits, then recovers the
		// panic it ends the cell with: that recover is not the program's.
		for range 20 {
			r := New(Options{})
			var after atomic.Int32
			err := cell(r, context.Background(), func() {
				var wg sync.WaitGroup
				wg.Add(1)
				go func() {
					r.Enter("guarded")
					r.Panicking()
					r.WaitGroupDone(&wg) // a deferred call of the goroutine's
					r.Exit()
					r.Recovered()
					time.Sleep(time.Millisecond)
					r.Fail(errors.New("boom"))
				}()
				r.WaitGroupWait(&wg, "wait")
				after.Add(1)
			})
			if err == nil || err.Error() != "boom" {
				t.Fatalf("cell ended with %v", err)
			}
			time.Sleep(5 * time.Millisecond)
			if after.Load() != 0 {
				t.Fatal("the waiter ran on after the guard's recover")
			}
		}
		r := New(Options{})
		err := cell(r, context.Background(), func() {
			ch := make(chan int, 1)
			done := make(chan struct{})
			spawn(r, "recovering", func() {
				r.Panicking()
				r.Recovered()
				close(done)
			})
			r.Recv(done, "done")
			for range 100 {
				r.Send(ch, 1, "send")
				r.Recv(ch, "recv")
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := r.heldWakes.Load(); n != 0 {
			t.Errorf("a recovered panic held up %d wakes", n)
		}
	})
}

// TestRecoveredPanicsInARow checks that goroutines which panic and
// recover, many in a row, each waking the cell's goroutine from its
// deferred calls after the recover, hold it up not at all: no wake waits
// for a panic.
func TestRecoveredPanicsInARow(t *testing.T) {
	const panics = 200
	underProcs(t, func(t *testing.T) {
		for run := 0; run < 2; run++ {
			r := New(Options{})
			err := cell(r, context.Background(), func() {
				var wg sync.WaitGroup
				for range panics {
					wg.Add(1)
					spawn(r, "recovering", func() {
						r.Panicking()
						r.Recovered()
						r.WaitGroupDone(&wg)
					})
					r.WaitGroupWait(&wg, "wait")
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if n := r.heldWakes.Load(); n != 0 {
				t.Errorf("run %d: %d recovered panics held up %d wakes", run, panics, n)
			}
		}
	})
}

// TestUnseenRecoverHoldsOnce checks that a panic which compiled code
// recovered, and which the runtime therefore never sees end, holds the
// goroutines that wake after it up for staleGrace in all, not panicGrace
// at each wake. Each held wake lasts panicGrace, or until staleGrace has
// passed since the panic, however busy the machine: so each of the two
// goroutines is held at most staleGrace/panicGrace+1 times.
func TestUnseenRecoverHoldsOnce(t *testing.T) {
	const wakes = 100
	underProcs(t, func(t *testing.T) {
		r := New(Options{})
		err := cell(r, context.Background(), func() {
			r.Panicking() // and never Recovered
			ch := make(chan int)
			done := make(chan struct{})
			spawn(r, "receiver", func() {
				for range wakes {
					r.Recv(ch, "recv")
				}
				close(done)
			})
			for i := range wakes {
				r.Send(ch, i, "send")
			}
			r.Recv(done, "done")
		})
		if err != nil {
			t.Fatal(err)
		}
		if n, most := r.heldWakes.Load(), int64(2*(staleGrace/panicGrace+1)); n > most {
			t.Errorf("%d wakes after an unseen recover were held, want at most %d", n, most)
		}
	})
}

// TestAfterDone checks that AfterDone follows exactly the Dones that
// leave a WaitGroup's counter at zero, which needs waitGroupCounter to
// read the counter where this Go release keeps it.
func TestAfterDone(t *testing.T) {
	if !waitGroupLayout() {
		t.Fatal("sync.WaitGroup's counter is not where waitGroupCounter reads it: AfterDone would follow every Done")
	}
	var calls atomic.Int64
	r := New(Options{AfterDone: func() { calls.Add(1) }})
	var wg sync.WaitGroup
	for _, n := range []int{1, 3, 2} {
		calls.Store(0)
		wg.Add(n)
		for i := 0; i < n; i++ {
			if got := calls.Load(); got != 0 {
				t.Fatalf("AfterDone called %d times with %d of %d Dones made", got, i, n)
			}
			r.WaitGroupDone(&wg)
		}
		if got := calls.Load(); got != 1 {
			t.Errorf("AfterDone called %d times after the last of %d Dones, want 1", got, n)
		}
	}
}

// TestBlockingPanicIsCallers checks that a panic of the operation a
// blocking call waits for in a helper goroutine, as sync.WaitGroup.Wait
// panics on a WaitGroup reused before it returned, reaches the caller,
// as in Go, instead of ending the process.
func TestBlockingPanicIsCallers(t *testing.T) {
	underProcs(t, func(t *testing.T) {
		for _, tt := range []struct {
			name    string
			acquire func()
			want    any
		}{
			{"panics", func() { panic("reused") }, "reused"},
			{"returns", func() {}, nil},
		} {
			r := New(Options{})
			var got any
			err := cell(r, context.Background(), func() {
				defer func() { got = recover() }()
				r.blockOn(new(sync.WaitGroup), "wait", "sync.WaitGroup.Wait", tt.acquire, func() {})
			})
			if err != nil {
				t.Fatalf("%s: cell ended with %v", tt.name, err)
			}
			if got != tt.want {
				t.Errorf("%s: the caller recovered %v, want %v", tt.name, got, tt.want)
			}
		}
	})
}

// TestBrokenWaitGroupWaitsForThePanic checks that a Wait which a Done
// below zero broke ("WaitGroup is reused before previous Wait has
// returned") does not panic before the panic of that Done has ended the
// cell, however long the panicking goroutine's deferred calls take.
func TestBrokenWaitGroupWaitsForThePanic(t *testing.T) {
	underProcs(t, func(t *testing.T) {
		for range 3 {
			r := New(Options{})
			var waiterPanicked atomic.Bool
			errDone := errors.New("the negative Done's panic")
			err := cell(r, context.Background(), func() {
				var wg sync.WaitGroup
				wg.Add(1)
				spawn(r, "done twice", func() {
					defer func() {
						if recover() != nil {
							// Slow deferred calls, longer than any grace.
							time.Sleep(3 * panicGrace)
							r.Fail(errDone)
						}
					}()
					r.WaitGroupDone(&wg)
					r.WaitGroupDone(&wg)
				})
				defer func() {
					if recover() != nil {
						waiterPanicked.Store(true)
					}
				}()
				r.WaitGroupWait(&wg, "wait")
				// Wait may also have returned before the second Done:
				// then this goroutine waits here for the panic.
				r.Recv(make(chan int), "after")
			})
			if !errors.Is(err, errDone) {
				t.Fatalf("cell ended with %v, want the negative Done's panic", err)
			}
			if waiterPanicked.Load() {
				t.Fatal("the waiter panicked before the negative Done's panic ended the cell")
			}
		}
	})
}

// TestWaitWokenBeforeTheNegativeDone covers the schedule that
// TestBrokenWaitGroupWaitsForThePanic leaves to chance: a panicking
// goroutine's deferred Done lets Wait out, and Wait returns before that
// goroutine's next Done takes the counter below zero. In Go that
// goroutine runs straight on to its second Done, and the woken Wait
// finds the counter changed; the waiter must not run on, and the panic
// of the negative Done, however long its deferred calls take, is the one
// that ends the cell.
func TestWaitWokenBeforeTheNegativeDone(t *testing.T) {
	underProcs(t, func(t *testing.T) {
		for range 3 {
			r := New(Options{})
			var ranOn, waiterPanicked atomic.Bool
			errDone := errors.New("the negative Done's panic")
			err := cell(r, context.Background(), func() {
				var wg sync.WaitGroup
				wg.Add(1)
				spawn(r, "done twice while panicking", func() {
					defer func() {
						if recover() != nil {
							time.Sleep(3 * panicGrace)
							r.Fail(errDone)
						}
					}()
					r.Panicking()
					r.WaitGroupDone(&wg)
					// The waiter's Wait has returned once its wake
					// is held for this goroutine's panic.
					for r.HeldWakes() == 0 {
						time.Sleep(time.Millisecond)
					}
					r.WaitGroupDone(&wg)
				})
				defer func() {
					if recover() != nil {
						waiterPanicked.Store(true)
					}
				}()
				r.WaitGroupWait(&wg, "wait")
				ranOn.Store(true)
			})
			if !errors.Is(err, errDone) {
				t.Fatalf("cell ended with %v, want the negative Done's panic", err)
			}
			if ranOn.Load() || waiterPanicked.Load() {
				t.Fatalf("the waiter ran on (%v) or panicked (%v) before the negative Done's panic ended the cell", ranOn.Load(), waiterPanicked.Load())
			}
		}
	})
}

// TestAfterDoneFollowsTheWaiters checks that AfterDone is called once
// the goroutines waiting in Wait have been let out, not merely woken:
// the head start it gives them counts from when they run.
func TestAfterDoneFollowsTheWaiters(t *testing.T) {
	if !waitGroupLayout() {
		t.Fatal("sync.WaitGroup's counter is not where waitGroupCounter reads it: AfterDone would follow every Done")
	}
	underProcs(t, func(t *testing.T) {
		for range 20 {
			var r *Runtime
			var wg sync.WaitGroup
			var stillWaiting atomic.Bool
			r = New(Options{AfterDone: func() { stillWaiting.Store(r.waitsOn(&wg)) }})
			err := cell(r, context.Background(), func() {
				wg.Add(1)
				spawn(r, "done", func() { r.WaitGroupDone(&wg) })
				r.WaitGroupWait(&wg, "wait")
			})
			if err != nil {
				t.Fatalf("cell ended with %v", err)
			}
			if stillWaiting.Load() {
				t.Fatal("AfterDone was called while the waiter was still blocked in Wait")
			}
		}
	})
}
