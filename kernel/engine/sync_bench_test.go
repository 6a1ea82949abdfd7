package engine

import (
	"context"
	"strconv"
	"strings"
	"testing"
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
	loops := []struct{ name, body string }{
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
	out := &lockedBuffer{}
	s, err := NewSession(Options{Stdout: out, Stderr: out})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if r := s.Execute(context.Background(), setup+"\nvar wg sync.WaitGroup"); r.Err != nil {
		b.Fatal(r.Err)
	}
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
