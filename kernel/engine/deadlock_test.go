package engine

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestDeadlockReport(t *testing.T) {
	tests := []struct {
		name string
		cell string
		want []string // lines the report must contain
	}{
		{"receive with no sender", "ch := make(chan int)\n<-ch", []string{"all goroutines are asleep - deadlock!", "[chan receive]", "cell 2, line 2 (the cell itself)"}},
		{"send with no receiver", "ch := make(chan int)\nch <- 1", []string{"[chan send]", "line 2"}},
		{"lock order", `var a, b sync.Mutex
var wg sync.WaitGroup
wg.Add(2)
go func() { defer wg.Done(); a.Lock(); time.Sleep(50 * time.Millisecond); b.Lock() }()
go func() { defer wg.Done(); b.Lock(); time.Sleep(50 * time.Millisecond); a.Lock() }()
wg.Wait()`, []string{"[sync.WaitGroup.Wait]", "[sync.Mutex.Lock]", "started at cell 2, line 4", "started at cell 2, line 5", "the lock is held by goroutine"}},
		{"select with no ready case", "c1, c2 := make(chan int), make(chan string)\nselect {\ncase <-c1:\ncase s := <-c2:\n\t_ = s\n}", []string{"[select]", "line 2"}},
		{"range over a channel never closed", "ch := make(chan int, 1)\nch <- 1\nfor v := range ch { _ = v }", []string{"[chan receive]", "line 3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestSession(t, "")
			if r := s.Execute(context.Background(), "import (\"sync\"; \"time\")\nvar _ sync.Mutex\nvar _ = time.Second"); r.Err != nil {
				t.Fatal(r.Err)
			}
			start := time.Now()
			r := s.Execute(context.Background(), tt.cell)
			took := time.Since(start)
			if r.Err == nil || r.Err.Name != "Deadlock" {
				t.Fatalf("err = %+v, want a deadlock report", r.Err)
			}
			report := strings.Join(r.Err.Traceback, "\n")
			for _, w := range tt.want {
				if !strings.Contains(report, w) {
					t.Errorf("report lacks %q:\n%s", w, report)
				}
			}
			if took > 5*time.Second {
				t.Errorf("deadlock took %v to report", took)
			}
			if r := s.Execute(context.Background(), "1 + 1"); r.Err != nil {
				t.Errorf("after the deadlock: %v", r.Err)
			}
		})
	}
}

func TestNoFalseDeadlock(t *testing.T) {
	cells := []string{
		"ch := make(chan int)\ngo func() { time.Sleep(400 * time.Millisecond); ch <- 1 }()\n<-ch",
		"select {\ncase <-time.After(400 * time.Millisecond):\n}",
		"ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)\ndefer cancel()\n<-ctx.Done()",
		"var mu sync.Mutex\nmu.Lock()\ngo func() { time.Sleep(400 * time.Millisecond); mu.Unlock() }()\nmu.Lock()\nmu.Unlock()",
		"var wg sync.WaitGroup\nwg.Add(1)\ngo func() { defer wg.Done(); time.Sleep(400 * time.Millisecond) }()\nwg.Wait()",
		"var mu sync.Mutex\nc := sync.NewCond(&mu)\nready := false\ngo func() { time.Sleep(300 * time.Millisecond); mu.Lock(); ready = true; mu.Unlock(); c.Broadcast() }()\nmu.Lock()\nfor !ready { c.Wait() }\nmu.Unlock()",
	}
	s, _ := newTestSession(t, "")
	if r := s.Execute(context.Background(), "import (\"context\"; \"sync\"; \"time\")\nvar _ sync.Mutex\nvar _ = time.Second\nvar _ = context.Background"); r.Err != nil {
		t.Fatal(r.Err)
	}
	for _, c := range cells {
		if r := s.Execute(context.Background(), c); r.Err != nil {
			t.Errorf("cell %q: %v\n%s", c, r.Err, strings.Join(r.Err.Traceback, "\n"))
		}
	}
}
