package magic

import (
	"context"
	"strings"
	"testing"

	"goconc/kernel/engine"
)

func TestParseHeader(t *testing.T) {
	tests := []struct {
		code                string
		timed, native, race bool
		count               int
		body                string
		err                 string
	}{
		{code: "x := 1", count: 1, body: "x := 1"},
		{code: "%%race\nx := 1", native: true, race: true, count: 1, body: "      \nx := 1"},
		{code: "%%native -count 5\nf()", native: true, count: 5, body: strings.Repeat(" ", 17) + "\nf()"},
		{code: "%%race -count=20\nf()", native: true, race: true, count: 20, body: strings.Repeat(" ", 16) + "\nf()"},
		{code: "%%time\n%%native\nf()", timed: true, native: true, count: 1, body: "      \n        \nf()"},
		{code: "\n%%time\nf()", timed: true, count: 1, body: "\n      \nf()"},
		{code: "%%time\n\n%%native\nf()", timed: true, count: 1, body: "      \n\n%%native\nf()"},
		{code: "%%native\n%%time\nf()", err: "comes first"},
		{code: "%%race\n%%native\nf()", err: "one of"},
		{code: "%%race -count 0\nf()", err: "-count wants"},
		{code: "%%race -n 3\nf()", err: "unknown arguments"},
		{code: "%%timeit\nf()", err: "unknown cell magic %%timeit"},
	}
	for _, tt := range tests {
		h, err := parseHeader(tt.code)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want %q", tt.code, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.code, err)
			continue
		}
		if h.timed != tt.timed || h.native != tt.native || h.race != tt.race || h.count != tt.count || h.body != tt.body {
			t.Errorf("%q: got %+v, want timed %v native %v race %v count %d body %q", tt.code, h, tt.timed, tt.native, tt.race, tt.count, tt.body)
		}
	}
}

// recording is an interpreter that records the cells it runs.
type recording struct {
	cells []string
	fail  bool
}

func (r *recording) Execute(ctx context.Context, code string, out engine.Output) engine.Result {
	r.cells = append(r.cells, code)
	if r.fail {
		return engine.Result{Err: &engine.CellError{Name: "WorkerDied", StateLost: true}}
	}
	return engine.Result{}
}
func (r *recording) Complete(code string, cursor int) engine.Completion {
	return engine.Completion{Matches: []string{"inner"}}
}
func (r *recording) Inspect(code string, cursor, detail int) engine.Doc { return engine.Doc{} }
func (r *recording) IsComplete(code string) (string, string)            { return "complete", "" }
func (r *recording) Close() error                                       { return nil }

type discard struct{}

func (discard) Stream(name, text string) {}
func (discard) Display(d engine.Display) {}
func (discard) Input(ctx context.Context, prompt string, password bool) (string, error) {
	return "", nil
}

func TestHistory(t *testing.T) {
	inner := &recording{}
	m := New(inner, nil)
	ctx := engine.WithExecutionCount(context.Background(), 7)
	m.Execute(ctx, "%%time\nx := 1", discard{})
	if len(m.history) != 1 || m.history[0].Count != 7 || m.history[0].Source != "      \nx := 1" || inner.cells[0] != "      \nx := 1" {
		t.Fatalf("history %+v, ran %q", m.history, inner.cells)
	}
	inner.fail = true
	m.Execute(ctx, "y := 2", discard{})
	if len(m.history) != 0 {
		t.Errorf("history kept after the interpreter lost its state: %+v", m.history)
	}
}

func TestComplete(t *testing.T) {
	m := New(&recording{}, nil)
	tests := []struct {
		code   string
		cursor int
		want   []string
		start  int
	}{
		{"%%", 2, []string{"%%race", "%%native", "%%time"}, 0},
		{"%%ti", 4, []string{"%%time"}, 0},
		{"%%time\n%%n", 10, []string{"%%native"}, 7},
		{"x := 1\n%%", 9, []string{"inner"}, 0},
	}
	for _, tt := range tests {
		c := m.Complete(tt.code, tt.cursor)
		if strings.Join(c.Matches, " ") != strings.Join(tt.want, " ") || c.CursorStart != tt.start {
			t.Errorf("%q: %+v", tt.code, c)
		}
	}
	if d := m.Inspect("%%native -count 3", 4, 0); !d.Found || !strings.Contains(d.Text, "compiled speed") {
		t.Errorf("inspect: %+v", d)
	}
}

func TestIsComplete(t *testing.T) {
	m := New(&recording{}, nil)
	for code, want := range map[string]string{"%%race": "incomplete", "%%time\n%%native\n": "incomplete", "%%race\nx := 1": "complete", "%%nope\nx": "invalid", "x := 1": "complete"} {
		if got, _ := m.IsComplete(code); got != want {
			t.Errorf("%q: %s, want %s", code, got, want)
		}
	}
}
