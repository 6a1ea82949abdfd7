package engine

import (
	"runtime"
	"strings"
	"testing"
)

// TestReadStackPendingWrapper checks how runtime.Stack(buf, true) lists
// a goroutine that a go statement of a named function's call started and
// that has not run yet: Go shows the wrapper it runs the call through
// (cell[N].gowrap1 here, main.main.gowrap1 in a program), at the go
// statement, and the runtime's goexit under it. The go statement runs
// under GOMAXPROCS 1 and the cell reads the trace at once, so the new
// goroutine has not run when it does.
func TestReadStackPendingWrapper(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import ("fmt"; "runtime")
func work(n int) { fmt.Print("") }
func quiet() {}`)
	wantWrap := "goroutine 7 [runnable]:\ncell[2].gowrap1()\n\tcell[2]:2\nruntime.goexit({})\n\t" + goexitPlace() + "\ncreated by cell[2] in goroutine 1\n\tcell[2]:2\n"
	wantLit := "goroutine 8 [runnable]:\ncell[2].func1(...)\n\tcell[2]:3\ncreated by cell[2] in goroutine 1\n\tcell[2]:3\n"
	cell := "buf := make([]byte, 1<<16)\ngo work(1)\ngo func() { quiet() }()\nbuf = buf[:runtime.Stack(buf, true)]\nfmt.Print(string(buf))"
	tr := s.Execute(t.Context(), cell)
	got := out.take()
	if tr.Err != nil {
		t.Fatalf("%+v", tr.Err)
	}
	for _, want := range []string{wantWrap, wantLit} {
		if !strings.Contains(got, want) {
			t.Errorf("trace:\n%s\nwant it to hold:\n%s", got, want)
		}
	}
}
