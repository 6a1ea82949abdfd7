package engine

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// cellText is text printed on one stream for one cell.
type cellText struct {
	stream string
	cell   uint64
	text   string
}

func (c cellText) String() string { return fmt.Sprintf("%s/%d:%q", c.stream, c.cell, c.text) }

// cellCapture records, in order, what each cell printed on each stream;
// consecutive writes of one cell to one stream are joined.
type cellCapture struct {
	mu     sync.Mutex
	writes []cellText
}

func (c *cellCapture) add(stream string, cell uint64, p []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.writes); n > 0 && c.writes[n-1].stream == stream && c.writes[n-1].cell == cell {
		c.writes[n-1].text += string(p)
		return
	}
	c.writes = append(c.writes, cellText{stream, cell, string(p)})
}

// take returns and forgets what was printed, once want writes have
// arrived or the wait is over.
func (c *cellCapture) take(want int) []cellText {
	deadline := time.Now().Add(5 * time.Second)
	for {
		c.mu.Lock()
		n := len(c.writes)
		if n >= want || time.Now().After(deadline) {
			got := c.writes
			c.writes = nil
			c.mu.Unlock()
			return got
		}
		c.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
}

type captureStream struct {
	c    *cellCapture
	name string
}

func (s captureStream) WriteCell(cell uint64, p []byte) (int, error) {
	s.c.add(s.name, cell, p)
	return len(p), nil
}

func (s captureStream) Write(p []byte) (int, error) { return s.WriteCell(0, p) }

// Text a goroutine prints belongs to the cell that started it, directly
// or through its other goroutines, whichever cell runs when it prints,
// and when none does.
func TestOutputAttribution(t *testing.T) {
	c := &cellCapture{}
	out, errs := captureStream{c, "stdout"}, captureStream{c, "stderr"}
	s, err := NewSession(Options{Stdout: out, Stderr: errs, CellStdout: out, CellStderr: errs})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	steps := []struct {
		cell uint64
		code string
		want []cellText
	}{
		{1, "import (\n\t\"fmt\"\n\t\"log\"\n\t\"sync\"\n\t\"time\"\n\n\t\"golang.org/x/sync/errgroup\"\n)\nlog.SetFlags(0)\nfmt.Println(\"one\")",
			[]cellText{{"stdout", 1, "one\n"}}},
		// Goroutines wait for later cells to release them.
		{2, "release := make(chan bool)\ndone := make(chan bool)\ngo func() {\n\t<-release\n\tfmt.Println(\"late\")\n\tdone <- true\n}()\nfmt.Println(\"two\")",
			[]cellText{{"stdout", 2, "two\n"}}},
		{3, "fmt.Println(\"three\")\nrelease <- true\n<-done\nfmt.Println(\"three again\")",
			[]cellText{{"stdout", 3, "three\n"}, {"stdout", 2, "late\n"}, {"stdout", 3, "three again\n"}}},
		// A goroutine started after its cell returned, by a goroutine of
		// that cell, still belongs to it; so does one compiled code starts.
		{4, "var g errgroup.Group\ngo func() {\n\t<-release\n\tgo func() {\n\t\tlog.Println(\"grandchild\")\n\t\tdone <- true\n\t}()\n\tg.Go(func() error { fmt.Println(\"errgroup\"); return nil })\n\tg.Wait()\n\tdone <- true\n}()",
			nil},
		{5, "release <- true\n<-done\n<-done\nfmt.Println(\"five\")",
			[]cellText{{"stderr", 4, "grandchild\n"}, {"stdout", 4, "errgroup\n"}, {"stdout", 5, "five\n"}}},
		// Printed between cells.
		{6, "go func() {\n\ttime.Sleep(20 * time.Millisecond)\n\tfmt.Println(\"idle\")\n}()",
			[]cellText{{"stdout", 6, "idle\n"}}},
		// Many goroutines, some of which outlive their cell.
		{7, "var wg sync.WaitGroup\nfor i := 0; i < 20; i++ {\n\twg.Add(1)\n\tgo func() { defer wg.Done(); if i%2 == 0 { <-release; fmt.Println(\"even\") } }()\n}",
			nil},
		{8, "for i := 0; i < 10; i++ { release <- true }\nwg.Wait()\nfmt.Println(\"eight\")",
			[]cellText{{"stdout", 7, strings.Repeat("even\n", 10)}, {"stdout", 8, "eight\n"}}},
		// A goroutine that never ends, asleep or awake, does not take
		// later cells' output.
		{9, "leaked := make(chan bool)\ngo func() { <-leaked }()\nticking := true\nvar mu sync.Mutex\ngo func() {\n\tfor {\n\t\tmu.Lock()\n\t\tt := ticking\n\t\tmu.Unlock()\n\t\tif !t {\n\t\t\treturn\n\t\t}\n\t\ttime.Sleep(time.Millisecond)\n\t}\n}()",
			nil},
		{10, "fmt.Println(\"ten\")\ngo func() { log.Println(\"ten's\"); done <- true }()\n<-done",
			[]cellText{{"stdout", 10, "ten\n"}, {"stderr", 10, "ten's\n"}}},
		{11, "mu.Lock()\nticking = false\nmu.Unlock()\nfmt.Println(\"eleven\")",
			[]cellText{{"stdout", 11, "eleven\n"}}},
	}
	for _, st := range steps {
		r := s.ExecuteCell(context.Background(), st.cell, st.code)
		if r.Err != nil {
			t.Fatalf("cell %d: %v", st.cell, r.Err)
		}
		got := c.take(len(st.want))
		// The order between cells is up to the scheduler where
		// goroutines race; the order within a cell is not.
		if fmt.Sprint(sortedByCell(got)) != fmt.Sprint(sortedByCell(st.want)) {
			t.Errorf("cell %d printed %v, want %v", st.cell, got, st.want)
		}
	}
}

// sortedByCell joins what each cell printed on each stream.
func sortedByCell(ws []cellText) map[string]string {
	m := map[string]string{}
	for _, w := range ws {
		m[fmt.Sprintf("%s/%d", w.stream, w.cell)] += w.text
	}
	return m
}

// Goroutines of a cell run without a number belong to no cell: what they
// print goes with the cell running at the time.
func TestOutputUnattributed(t *testing.T) {
	c := &cellCapture{}
	out := captureStream{c, "stdout"}
	s, err := NewSession(Options{Stdout: out, Stderr: out, CellStdout: out, CellStderr: out})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	r := s.Execute(context.Background(), "import \"fmt\"\nch := make(chan int)\ngo func() { fmt.Println(<-ch); ch <- 2 }()\nfmt.Println(\"a\")")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	r = s.ExecuteCell(context.Background(), 9, "ch <- 1\n<-ch\nfmt.Println(\"b\")")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	got := sortedByCell(c.take(2))
	want := map[string]string{"stdout/0": "a\n", "stdout/9": "1\nb\n"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("printed %v, want %v", got, want)
	}
}

func TestCreatorID(t *testing.T) {
	tests := []struct {
		trace     string
		truncated bool
		want      int64
	}{
		{"goroutine 7 [running]:\nmain.f()\n\t/x.go:3 +0x1\ncreated by main.main in goroutine 1\n\t/x.go:9 +0x2\n", false, 1},
		{"goroutine 7 [running]:\nmain.f()\n\t/x.go:3 +0x1\ncreated by main.main in goroutine 1\n\t/x.go:9 +0x2\n", true, 0},
		{"goroutine 1 [running]:\nmain.main()\n\t/x.go:3 +0x1\n", false, 0},
		{"goroutine 9 [running]:\ncreated by a.(*T).f.func2 in goroutine 12345\n", false, 12345},
		{"", false, 0},
	}
	for _, tt := range tests {
		if got := creatorID([]byte(tt.trace), tt.truncated); got != tt.want {
			t.Errorf("creatorID(%q) = %d, want %d", tt.trace, got, tt.want)
		}
	}
	var o owners
	id, parent := o.goroutine(true)
	if id <= 0 || parent <= 0 || id == parent {
		t.Errorf("goroutine() = %d, %d; want two different ids", id, parent)
	}
}

// BenchmarkPrint measures printing from a cell: alone, with a goroutine
// of an earlier cell waiting on a channel, and with one that keeps
// waking up (which makes each write read the printer's stack).
func BenchmarkPrint(b *testing.B) {
	for _, bc := range []struct{ name, late string }{
		{"alone", ""},
		{"late asleep", "go func() { <-stop }()"},
		{"late awake", "go func() { for { select { case <-stop: return; default: time.Sleep(time.Millisecond) } } }()"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s, err := NewSession(Options{Stdout: io.Discard, Stderr: io.Discard, CellStdout: discardCells{}, CellStderr: discardCells{}})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			s.ExecuteCell(context.Background(), 1, "import (\n\t\"fmt\"\n\t\"time\"\n)\nstop := make(chan bool)\n"+bc.late)
			b.ResetTimer()
			r := s.ExecuteCell(context.Background(), 2, fmt.Sprintf("for i := 0; i < %d; i++ { fmt.Println(i) }", b.N))
			b.StopTimer()
			if r.Err != nil {
				b.Fatal(r.Err)
			}
			s.ExecuteCell(context.Background(), 3, "close(stop)")
		})
	}
}

// BenchmarkGoroutineStart measures starting goroutines in a cell, with
// and without attribution.
func BenchmarkGoroutineStart(b *testing.B) {
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("attributed=%v", on), func(b *testing.B) {
			opts := Options{Stdout: io.Discard, Stderr: io.Discard}
			if on {
				opts.CellStdout, opts.CellStderr = discardCells{}, discardCells{}
			}
			s, err := NewSession(opts)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			s.ExecuteCell(context.Background(), 1, "import \"sync\"")
			b.ResetTimer()
			r := s.ExecuteCell(context.Background(), 2, fmt.Sprintf("var wg sync.WaitGroup\nfor i := 0; i < %d; i++ { wg.Add(1); go func() { wg.Done() }() }\nwg.Wait()", b.N))
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		})
	}
}

type discardCells struct{}

func (discardCells) WriteCell(cell uint64, p []byte) (int, error) { return len(p), nil }
