package sandbox

import (
	"context"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestHarnessFiles checks that the copy of the harness in a program
// imports the copy of package netns beside it, and that the copied files
// import nothing a program's module lacks.
func TestHarnessFiles(t *testing.T) {
	const base = "goconc/files/graded-0123/internal/h0123"
	files := HarnessFiles(base)
	wantLocal := map[string]string{"harness.go": base + "/netns", "netns/netns.go": ""}
	for name, want := range wantLocal {
		src, ok := files[name]
		if !ok {
			t.Fatalf("HarnessFiles has no %s; has %v", name, keys(files))
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		var local []string
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") || first == "goconc" {
				local = append(local, p)
			}
		}
		switch {
		case want == "" && len(local) > 0:
			t.Errorf("%s imports %v; want the standard library only", name, local)
		case want != "" && (len(local) != 1 || local[0] != want):
			t.Errorf("%s imports %v; want only %s besides the standard library", name, local, want)
		}
	}
	if len(files) != len(wantLocal) {
		t.Errorf("HarnessFiles has %v; want %v", keys(files), wantLocal)
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestWatchCut checks that closing Watch.Cut lowers a run's time limit,
// and that the report says the limit was cut and why; a run whose limit
// is never cut is not stopped.
func TestWatchCut(t *testing.T) {
	tests := []struct {
		name string
		cut  bool
		args []string
		want string // in Killed
	}{
		{"cut", true, []string{"60"}, "time limit (200ms, cut from 1m0s once the test had failed)"},
		{"not cut", false, []string{"0.1"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cut := make(chan struct{})
			if tt.cut {
				close(cut)
			}
			w := Watch{Cut: cut, CutTime: 200 * time.Millisecond, Why: "once the test had failed"}
			lim := Limits{Time: time.Minute, Output: 1 << 20}
			r, err := RunWatched(context.Background(), Isolation{}, "/bin/sleep", tt.args, t.TempDir(), nil, lim, w)
			if err != nil {
				t.Fatal(err)
			}
			if r.Killed != tt.want {
				t.Errorf("Killed = %q, want %q", r.Killed, tt.want)
			}
		})
	}
}

// TestWatchStop checks that closing Watch.Stop ends a run at once, and
// that the report says it was stopped and why.
func TestWatchStop(t *testing.T) {
	stop := make(chan struct{})
	close(stop)
	w := Watch{Stop: stop, StopWhy: "once the test had runs enough", EachRun: true}
	lim := Limits{Time: time.Minute, Output: 1 << 20}
	start := time.Now()
	r, err := RunWatched(context.Background(), Isolation{}, "/bin/sleep", []string{"60"}, t.TempDir(), nil, lim, w)
	if err != nil {
		t.Fatal(err)
	}
	if want := "stopped once the test had runs enough"; r.Killed != want {
		t.Errorf("Killed = %q, want %q", r.Killed, want)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("stopped after %v", d)
	}
}
