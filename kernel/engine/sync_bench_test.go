package engine

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkCellSync measures the sync operations as a cell calls them,
// through the rewrite and the interpreter: one op is one iteration of the
// cell's loop. Profile it (-cpuprofile) to see what each costs.
func BenchmarkCellSync(b *testing.B) {
	setup := `import "sync"
type account struct {
	mu      sync.Mutex
	balance int
}
func transfer(from, to *account, first, second *sync.Mutex, amount int) {
	first.Lock()
	second.Lock()
	from.balance -= amount
	to.balance += amount
	second.Unlock()
	first.Unlock()
}
func move(from, to *account, first, second *sync.Mutex, amount int) {
	from.balance -= amount
	to.balance += amount
}
var mu sync.Mutex
a, b := &account{balance: 1000}, &account{balance: 1000}
n := 0`
	loops := []loopCase{
		{"transfer", "transfer(a, b, &a.mu, &b.mu, 1)"},
		{"transfer-unlocked", "move(a, b, &a.mu, &b.mu, 1)"},
		{"lock-unlock", "mu.Lock(); n++; mu.Unlock()"},
		{"arithmetic", "n++"},
	}
	// Two goroutines share the op count, contending for the locks as the
	// transfers of syncbench do.
	shared := []struct{ name, body string }{
		{"transfer-2g", "transfer(a, b, &a.mu, &b.mu, 1)"},
	}
	s := benchSession(b, setup+"\nvar wg sync.WaitGroup")
	benchLoops(b, s, loops)
	for _, l := range shared {
		b.Run(l.name, func(b *testing.B) {
			half := strconv.Itoa(b.N/2 + 1)
			cell := "wg.Add(2)\nfor g := 0; g < 2; g++ {\n\tgo func() { defer wg.Done(); for i := 0; i < " + half + "; i++ { " + l.body + " } }()\n}\nwg.Wait()"
			b.ResetTimer()
			if r := s.Execute(context.Background(), cell); r.Err != nil {
				b.Fatal(r.Err)
			}
		})
	}
}

// benchSession returns a session, closed when b ends, that has run
// setup.
func benchSession(b *testing.B, setup string) *Session {
	b.Helper()
	out := &lockedBuffer{}
	s, err := NewSession(Options{Stdout: out, Stderr: out})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if r := s.Execute(context.Background(), setup); r.Err != nil {
		b.Fatal(r.Err)
	}
	return s
}

// loopCase is the body of a cell's loop to measure.
type loopCase struct{ name, body string }

// benchLoops runs each loop's body in a cell of s, as a benchmark of its
// own: one op is one iteration of the cell's loop.
func benchLoops(b *testing.B, s *Session, loops []loopCase) {
	for _, l := range loops {
		b.Run(l.name, func(b *testing.B) {
			cell := strings.ReplaceAll("for i := 0; i < N; i++ { BODY }", "BODY", l.body)
			cell = strings.ReplaceAll(cell, "N", strconv.Itoa(b.N))
			b.ResetTimer()
			if r := s.Execute(context.Background(), cell); r.Err != nil {
				b.Fatal(r.Err)
			}
		})
	}
}

// BenchmarkInterrupt measures how long an interrupt takes to stop a cell
// blocked on a receive while goroutines of earlier cells spin, block on a
// channel and sleep in a loop: one op is one interrupt, from the
// cancellation to Execute's return. The goal is under 1 s (reported as
// ns/op); the test of the same case only guards against a hang.
func BenchmarkInterrupt(b *testing.B) {
	s, err := NewSession(Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []string{`import ("sync"; "time")`, "n, m := 0, 0\nvar mu sync.Mutex\nvar _ = time.Now"} {
		if r := s.Execute(context.Background(), c); r.Err != nil {
			b.Fatalf("%q: %v", c, r.Err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for _, c := range []string{
			"go func() { for { n++ } }()",
			"ch := make(chan int)\ngo func() { for { <-ch; m++ } }()",
			"go func() { for { time.Sleep(time.Millisecond); mu.Lock(); m++; mu.Unlock() } }()",
		} {
			if r := s.Execute(context.Background(), c); r.Err != nil {
				b.Fatalf("%q: %v", c, r.Err)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan Result, 1)
		go func() { done <- s.Execute(ctx, "<-make(chan int)") }()
		time.Sleep(50 * time.Millisecond)
		b.StartTimer()
		cancel()
		r := <-done
		b.StopTimer()
		if r.Err == nil || r.Err.Name != "Interrupted" {
			b.Fatalf("err = %+v, want Interrupted", r.Err)
		}
		if r.Err.Unstoppable > 0 {
			b.Fatalf("%d goroutines could not be stopped", r.Err.Unstoppable)
		}
		b.StartTimer()
	}
}

// BenchmarkDeadlockReport measures how long a cell that deadlocks at once
// takes to end with its report, from Execute to its return ("deadlock"),
// beside the same cell with a buffered channel, which does not deadlock
// ("no deadlock"): the difference is the detection's latency (the goal is
// well under 2 s on a loaded machine).
func BenchmarkDeadlockReport(b *testing.B) {
	s, err := NewSession(Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	if r := s.Execute(context.Background(), `import ("sync"; "time")
var _ sync.Mutex
var _ = time.Now`); r.Err != nil {
		b.Fatal(r.Err)
	}
	for _, c := range []struct{ name, cell, want string }{
		{"deadlock", "ch := make(chan int)\nch <- 1", "Deadlock"},
		{"no deadlock", "ch := make(chan int, 1)\nch <- 1", ""},
		{"lock order deadlock", "var a, b sync.Mutex\nvar wg sync.WaitGroup\nwg.Add(2)\ngo func() { defer wg.Done(); a.Lock(); time.Sleep(time.Millisecond); b.Lock() }()\ngo func() { defer wg.Done(); b.Lock(); time.Sleep(time.Millisecond); a.Lock() }()\nwg.Wait()", "Deadlock"},
		{"lock order, no deadlock", "var a, b sync.Mutex\nvar wg sync.WaitGroup\nwg.Add(2)\ngo func() { defer wg.Done(); a.Lock(); time.Sleep(time.Millisecond); a.Unlock() }()\ngo func() { defer wg.Done(); b.Lock(); time.Sleep(time.Millisecond); b.Unlock() }()\nwg.Wait()", ""},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				r := s.Execute(context.Background(), c.cell)
				switch {
				case c.want == "" && r.Err != nil:
					b.Fatal(r.Err)
				case c.want != "" && (r.Err == nil || r.Err.Name != c.want):
					b.Fatalf("err = %+v, want %s", r.Err, c.want)
				}
			}
		})
	}
}

// BenchmarkGoStatement measures a go statement of a cell: one op is one
// goroutine started, run (a deferred wg.Done and an atomic add) and
// waited for, in a cell that starts 2,000 of them; "call" makes the same
// calls without the go statement, the interpreter's share. "kernel" runs
// them in a session whose output is attributed to cells, as the kernel's
// is. "named" starts a declared function, go add(i), instead of a literal;
// "promoted" a method promoted from an embedded pointer, "iface" a method
// of an interface.
func BenchmarkGoStatement(b *testing.B) {
	const perCell = 2000
	for _, c := range []struct {
		name, stmt string
		opts       Options
	}{
		{"go", "go", Options{Stdout: io.Discard, Stderr: io.Discard}},
		{"call", "", Options{Stdout: io.Discard, Stderr: io.Discard}},
		{"kernel", "go", Options{Stdout: io.Discard, Stderr: io.Discard, CellStdout: discardCells{}, CellStderr: discardCells{}}},
		{"named", "go", Options{Stdout: io.Discard, Stderr: io.Discard}},
		{"method", "go", Options{Stdout: io.Discard, Stderr: io.Discard}},
		{"funcvar", "go", Options{Stdout: io.Discard, Stderr: io.Discard}},
		{"promoted", "go", Options{Stdout: io.Discard, Stderr: io.Discard}},
		{"iface", "go", Options{Stdout: io.Discard, Stderr: io.Discard}},
	} {
		s, err := NewSession(c.opts)
		if err != nil {
			b.Fatal(err)
		}
		if r := s.Execute(context.Background(), "import (\"sync\"; \"sync/atomic\")\nvar wg sync.WaitGroup\nvar sum atomic.Int64\nfunc add(i int) { defer wg.Done(); sum.Add(int64(i)) }\ntype adder struct{ k int }\nfunc (a *adder) add(i int) { defer wg.Done(); sum.Add(int64(i * a.k)) }\ntype wrapped struct{ *adder }\ntype addIface interface{ add(int) }"); r.Err != nil {
			b.Fatal(r.Err)
		}
		cell := fmt.Sprintf("for i := 0; i < %d; i++ {\n\twg.Add(1)\n\t%s func() { defer wg.Done(); sum.Add(int64(i)) }()\n}\nwg.Wait()", perCell, c.stmt)
		if c.name == "named" {
			// A go statement of a declared function.
			cell = fmt.Sprintf("for i := 0; i < %d; i++ {\n\twg.Add(1)\n\tgo add(i)\n}\nwg.Wait()", perCell)
		}
		if c.name == "method" {
			// A go statement of a method value.
			cell = fmt.Sprintf("a := &adder{1}\nfor i := 0; i < %d; i++ {\n\twg.Add(1)\n\tgo a.add(i)\n}\nwg.Wait()", perCell)
		}
		if c.name == "funcvar" {
			// A go statement of a function variable.
			cell = fmt.Sprintf("f := add\nfor i := 0; i < %d; i++ {\n\twg.Add(1)\n\tgo f(i)\n}\nwg.Wait()", perCell)
		}
		if c.name == "promoted" {
			// A go statement of a method promoted from an embedded field.
			cell = fmt.Sprintf("w := wrapped{&adder{1}}\nfor i := 0; i < %d; i++ {\n\twg.Add(1)\n\tgo w.add(i)\n}\nwg.Wait()", perCell)
		}
		if c.name == "iface" {
			// A go statement of an interface's method.
			cell = fmt.Sprintf("var a addIface = &adder{1}\nfor i := 0; i < %d; i++ {\n\twg.Add(1)\n\tgo a.add(i)\n}\nwg.Wait()", perCell)
		}
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i += perCell {
				if r := s.ExecuteCell(context.Background(), 1, cell); r.Err != nil {
					b.Fatal(r.Err)
				}
			}
		})
	}
}
