package engine

import (
	"context"
	"strings"
	"sync"
	"testing"
)

// endRecorder is a program's Options.End for tests: it counts the calls
// and keeps what the program had printed by the first.
type endRecorder struct {
	mu       sync.Mutex
	out      *lockedBuffer
	calls    int
	printed  string // by the first call
	returned bool   // set once the cell's Execute has returned
	late     bool   // End was first called after that
}

func (e *endRecorder) end() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.calls++
	if e.calls == 1 {
		e.printed = e.out.String()
		e.late = e.returned
	}
}

// count returns how many times End was called.
func (e *endRecorder) count() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.calls
}

func (e *endRecorder) cellReturned() {
	e.mu.Lock()
	e.returned = true
	e.mu.Unlock()
}

// TestProgramEnd checks when a program run from a file ends, as
// Options.End reports it: as soon as main returns, after main's deferred
// calls and before the cell that called main returns; when a goroutine
// calls os.Exit or panics; when main panics. Goroutines still blocked
// hold none of that up (spinning ones are cmd/goconc's test: here they
// would spin on in the test process). Each program runs under GOMAXPROCS
// 1 and 2, twice.
func TestProgramEnd(t *testing.T) {
	tests := []struct {
		name    string
		program string // a file without its package clause
		printed string // what the program has printed when it ends
		exit    int    // os.Exit's status, -1 when the program does not exit
		failure string // the error the program ends with, "" for none
	}{
		{
			name: "main returns, its deferred calls run first",
			program: `
import "fmt"

func main() {
	blocked := make(chan int)
	go func() {
		defer fmt.Println("a goroutine's deferred call")
		<-blocked
	}()
	defer fmt.Println("main's deferred call")
	fmt.Println("main returns")
}`,
			printed: "main returns\nmain's deferred call\n",
			exit:    -1,
		},
		{
			name: "a goroutine calls os.Exit while main waits",
			program: `
import (
	"fmt"
	"os"
)

func main() {
	defer fmt.Println("main's deferred call")
	go func() {
		defer fmt.Println("the goroutine's deferred call")
		fmt.Println("exiting")
		os.Exit(3)
	}()
	select {}
}`,
			printed: "exiting\n",
			exit:    3,
		},
		{
			name: "a goroutine panics while main waits",
			program: `
import "fmt"

func main() {
	defer fmt.Println("main's deferred call")
	go func() {
		fmt.Println("panicking")
		panic("boom")
	}()
	select {}
}`,
			printed: "panicking\n",
			exit:    -1,
			failure: "boom",
		},
		{
			name: "main panics after its deferred calls",
			program: `
import "fmt"

func main() {
	defer fmt.Println("main's deferred call")
	panic("boom")
}`,
			printed: "main's deferred call\n",
			exit:    -1,
			failure: "boom",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			underProcs(t, func(t *testing.T) {
				for range 2 {
					out := &lockedBuffer{}
					rec := &endRecorder{out: out}
					s, err := NewSession(Options{Stdout: out, Stderr: out, Program: "prog.go", End: rec.end})
					if err != nil {
						t.Fatal(err)
					}
					defer s.Close()
					if r := s.Execute(context.Background(), tt.program); r.Err != nil {
						t.Fatalf("declaring the program: %+v", r.Err)
					}
					if rec.count() != 0 {
						t.Fatal("the program ended before main was called")
					}
					r := s.Execute(context.Background(), "main()")
					rec.cellReturned()
					switch {
					case tt.exit >= 0 && (!r.Exited || r.ExitCode != tt.exit):
						t.Errorf("result %+v, want os.Exit(%d)", r, tt.exit)
					case tt.exit < 0 && tt.failure == "" && (r.Err != nil || r.Exited):
						t.Errorf("result %+v, want main to return", r)
					case tt.failure != "" && (r.Err == nil || r.Err.Value != tt.failure):
						t.Errorf("result %+v, want the failure %q", r, tt.failure)
					}
					rec.mu.Lock()
					calls, printed, late := rec.calls, rec.printed, rec.late
					rec.mu.Unlock()
					if calls != 1 {
						t.Fatalf("End called %d times, want once", calls)
					}
					if late {
						t.Error("End was called after the cell that called main had returned")
					}
					if printed != tt.printed {
						t.Errorf("printed %q when the program ended, want %q", printed, tt.printed)
					}
				}
			})
		})
	}
}

// TestNotebookMainDoesNotEnd checks that a notebook, whose goroutines
// outlive their cell, has no end: a cell that calls main, calls os.Exit
// or panics does not call Options.End, which is for programs only.
func TestNotebookMainDoesNotEnd(t *testing.T) {
	out := &lockedBuffer{}
	rec := &endRecorder{out: out}
	s, err := NewSession(Options{Stdout: out, Stderr: out, End: rec.end})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, cell := range []string{
		"import \"fmt\"\nfunc main() { fmt.Println(\"main\") }",
		"main()",
		"go func() { panic(\"boom\") }()\nselect {}",
		"import \"os\"\nos.Exit(3)",
		"main()",
	} {
		s.Execute(context.Background(), cell)
	}
	if got := out.String(); strings.Count(got, "main\n") != 2 {
		t.Errorf("main ran %d times, want 2; printed %q", strings.Count(got, "main\n"), got)
	}
	if n := rec.count(); n != 0 {
		t.Errorf("End called %d times in a notebook, want never", n)
	}
}

// String returns what was written, leaving it.
func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
