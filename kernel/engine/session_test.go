package engine

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer collects what cells print, from any goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) take() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.b.String()
	l.b.Reset()
	return s
}

func newTestSession(t *testing.T, stdin string) (*Session, *lockedBuffer) {
	t.Helper()
	out := &lockedBuffer{}
	s, err := NewSession(Options{Stdout: out, Stderr: out, Stdin: strings.NewReader(stdin)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s, out
}

// runSetup runs a cell the tests of a session build on, and drops what
// it printed.
func runSetup(t *testing.T, s *Session, out *lockedBuffer, setup string) {
	t.Helper()
	if r := s.Execute(context.Background(), setup); r.Err != nil {
		t.Fatalf("setup: %+v", r.Err)
	}
	out.take()
}

// cellCase is a cell and what it must print.
type cellCase struct {
	cell string
	want string
}

// checkCells runs each cell in turn in s, checking that it succeeds and
// prints what it must.
func checkCells(t *testing.T, s *Session, out *lockedBuffer, cases []cellCase) {
	t.Helper()
	for _, tt := range cases {
		r := s.Execute(context.Background(), tt.cell)
		got := out.take()
		if r.Err != nil {
			t.Errorf("cell %q: %+v", tt.cell, r.Err)
			continue
		}
		if got != tt.want {
			t.Errorf("cell %q printed %q, want %q", tt.cell, got, tt.want)
		}
	}
}

// tracebackCase is a cell that panics and the traceback it must give.
type tracebackCase struct {
	name string
	cell string
	want string // the whole traceback, or its frames (tracebackPart)
}

// tracebackPart is the part of a traceback checkTracebacks compares.
type tracebackPart int

const (
	wholeTraceback tracebackPart = iota
	// tracebackFrames are the lines after the goroutine's, up to the
	// note that ends a goroutine's report.
	tracebackFrames
)

// checkTracebacks runs each cell in turn in s, as a subtest, checking
// that it fails with the traceback, or the part of it, that it must.
func checkTracebacks(t *testing.T, s *Session, out *lockedBuffer, part tracebackPart, cases []tracebackCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			tb := strings.Join(failedCell(t, s, out, tt.cell).Traceback, "\n")
			got, ok := tb, true
			if part == tracebackFrames {
				_, got, ok = strings.Cut(tb, "[running]:\n")
				got, _, _ = strings.Cut(got, "\n\n")
			}
			if !ok || got != tt.want {
				t.Errorf("traceback:\n%s\nwant:\n%s", tb, tt.want)
			}
		})
	}
}

func TestExecuteSequence(t *testing.T) {
	s, out := newTestSession(t, "Ada\n")
	steps := []struct {
		cell    string
		out     string // exact printed output
		value   string // text/plain of the result, "" for none
		errName string
		errHas  string
	}{
		{cell: "import \"fmt\"\nx := 41\nfunc inc(v int) int { return v + 1 }\nfmt.Println(\"start\")\ninc(x)", out: "start\n", value: "42"},
		{cell: "import \"fmt\"\nfmt.Println(x)", out: "41\n"},
		{cell: "x = inc(x)\nx", value: "42"},
		{cell: "\"text\"", value: `"text"`},
		{cell: "import \"sync\"\nvar wg sync.WaitGroup\nvar mu sync.Mutex\nn := 0\nfor i := 0; i < 50; i++ {\n\twg.Add(1)\n\tgo func() { defer wg.Done(); mu.Lock(); n++; mu.Unlock() }()\n}\nwg.Wait()\nn", value: "50"},
		{cell: "func main() { fmt.Println(\"main ran\") }", out: ""},
		{cell: "main()", out: "main ran\n"},
		{cell: "panic(\"boom\")", errName: "panic", errHas: "boom"},
		{cell: "import \"os\"\nos.Exit(3)", errName: "Exit", errHas: "exit status 3"},
		{cell: "x", value: "42"},
		{cell: "var name string\nfmt.Scan(&name)\nname", value: `"Ada"`},
		{cell: "y := \"unterminated", errName: "SyntaxError", errHas: "not terminated"},
		{cell: "import \"nosuch/pkg\"", errName: "CompileError", errHas: "package not found"},
	}
	for _, st := range steps {
		r := s.Execute(context.Background(), st.cell)
		got := out.take()
		if st.errName != "" {
			if r.Err == nil || r.Err.Name != st.errName || !strings.Contains(r.Err.Value, st.errHas) {
				t.Errorf("cell %q: err = %+v, want %s containing %q", st.cell, r.Err, st.errName, st.errHas)
			}
			continue
		}
		if r.Err != nil {
			t.Errorf("cell %q: unexpected error %+v", st.cell, r.Err)
			continue
		}
		if !strings.HasPrefix(got, st.out) || (st.out == "" && got != "") {
			t.Errorf("cell %q printed %q, want %q", st.cell, got, st.out)
		}
		value, _ := r.Value["text/plain"].(string)
		if value != st.value {
			t.Errorf("cell %q value = %q, want %q", st.cell, value, st.value)
		}
	}
}

func TestExecuteInterrupt(t *testing.T) {
	s, _ := newTestSession(t, "")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	r := s.Execute(ctx, "n := 0\nfor { n++ }")
	if r.Err == nil || r.Err.Name != "Interrupted" {
		t.Fatalf("err = %+v, want Interrupted", r.Err)
	}
	if r := s.Execute(context.Background(), "1 + 1"); r.Err != nil || r.Value["text/plain"] != "2" {
		t.Fatalf("after interrupt: %+v", r)
	}
}

func TestExecuteRichValue(t *testing.T) {
	s, _ := newTestSession(t, "")
	r := s.Execute(context.Background(), "type Chart struct{}\nfunc (Chart) SVG() string { return \"<svg/>\" }\nfunc (Chart) String() string { return \"chart\" }\nChart{}")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if r.Value["image/svg+xml"] != "<svg/>" {
		t.Errorf("bundle = %v", r.Value)
	}
}

func TestErrorPosition(t *testing.T) {
	s, _ := newTestSession(t, "")
	r := s.Execute(context.Background(), "a := 1\n\nb := a +\n\t\"x\"")
	if r.Err == nil {
		t.Fatal("no error")
	}
	if !strings.Contains(strings.Join(r.Err.Traceback, "\n"), "cell line 3") {
		t.Errorf("traceback does not name line 3: %q", r.Err.Traceback)
	}
}

// TestVarInitializers checks package-level var declarations whose
// values use variables that earlier cells, or the cell's statements,
// defined.
func TestVarInitializers(t *testing.T) {
	tests := []struct {
		cells []string
		want  string
	}{
		{[]string{"import \"fmt\"\nx := 3\nvar w float32 = float32(x)\nfmt.Println(w)"}, "3\n"},
		{[]string{"import \"fmt\"\ntype W struct{}\nfunc (W) Write(p []byte) (int, error) { return len(p), nil }\ntype Writer interface{ Write(p []byte) (int, error) }\nl := W{}\nvar w Writer = l\nfmt.Println(w != nil)"}, "true\n"},
		{[]string{"import \"fmt\"\nvar x = 3", "var y = x + 1\nfmt.Println(y)", "var a, b = y, 2\nvar c = a + b\nfmt.Println(c)"}, "4\n6\n"},
		{[]string{"import \"fmt\"\nvar x = 1", "var a = 1\nvar b = x\nvar c = a + b\nfmt.Println(c)"}, "2\n"},
		{[]string{"import \"fmt\"\nvar total = sum(1, 2)\nfunc sum(a, b int) int { return a + b }\nfmt.Println(total)"}, "3\n"},
		{[]string{"import \"fmt\"\nvar n = 2", "var mu = map[int]int{n: n}\nfunc get() int { return mu[n] }\nfmt.Println(get())"}, "2\n"},
	}
	for _, tt := range tests {
		s, out := newTestSession(t, "")
		var got strings.Builder
		for _, c := range tt.cells {
			if r := s.Execute(context.Background(), c); r.Err != nil {
				t.Errorf("cell %q: %+v", c, r.Err)
			}
			got.WriteString(out.take())
		}
		if got.String() != tt.want {
			t.Errorf("cells %q printed %q, want %q", tt.cells, got.String(), tt.want)
		}
	}
}
