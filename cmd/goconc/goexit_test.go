package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunGoexitLikeGoRun runs programs whose main calls runtime.Goexit
// and checks what go run gives for each: the exit status and the first
// line of standard error, Go's fatal error or the report of what ended
// the program instead. Each runs with GOCONC_MAX_PROCS 1 and 2, three
// times.
func TestRunGoexitLikeGoRun(t *testing.T) {
	bin := goconcBinary(t)
	tests := []struct {
		name       string
		src        string
		wantStatus int
		wantStdout string
		wantFirst  string // standard error's first line
	}{
		{
			name: "main's deferred calls, then the goroutines, then the fatal error",
			src: `package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	defer fmt.Println("deferred")
	go func() {
		time.Sleep(20 * time.Millisecond)
		fmt.Println("goroutine")
	}()
	runtime.Goexit()
	fmt.Println("not reached")
}
`,
			wantStatus: 2,
			wantStdout: "deferred\ngoroutine\n",
			wantFirst:  "fatal error: no goroutines (main called runtime.Goexit) - deadlock!",
		},
		{
			name: "in a deferred call during a panic",
			src: `package main

import (
	"fmt"
	"runtime"
)

func main() {
	defer fmt.Println("deferred first")
	defer runtime.Goexit()
	panic("dropped")
}
`,
			wantStatus: 2,
			wantStdout: "deferred first\n",
			wantFirst:  "fatal error: no goroutines (main called runtime.Goexit) - deadlock!",
		},
		{
			name: "the goroutines left deadlock",
			src: `package main

import "runtime"

func main() {
	ch := make(chan int)
	go func() { <-ch }()
	runtime.Goexit()
}
`,
			wantStatus: 2,
			wantFirst:  "fatal error: all goroutines are asleep - deadlock!",
		},
		{
			name: "a goroutine left calls os.Exit",
			src: `package main

import (
	"os"
	"runtime"
)

func main() {
	go func() { os.Exit(3) }()
	runtime.Goexit()
}
`,
			wantStatus: 3,
		},
		{
			name: "a goroutine left panics",
			src: `package main

import "runtime"

func main() {
	go func() { panic("boom") }()
	runtime.Goexit()
}
`,
			wantStatus: 2,
			wantFirst:  "panic: boom",
		},
		{
			name: "os.Exit in main's deferred call",
			src: `package main

import (
	"os"
	"runtime"
)

func main() {
	defer os.Exit(4)
	runtime.Goexit()
}
`,
			wantStatus: 4,
		},
		{
			name: "in an init function",
			src: `package main

import (
	"fmt"
	"runtime"
)

func init() { runtime.Goexit() }

func main() { fmt.Println("not reached") }
`,
			wantStatus: 2,
			wantFirst:  "fatal error: no goroutines (main called runtime.Goexit) - deadlock!",
		},
		{
			name: "panic(nil)",
			src: `package main

func main() {
	panic(nil)
}
`,
			wantStatus: 2,
			wantFirst:  "panic: panic called with nil argument",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "prog.go"), []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, procs := range []string{"1", "2"} {
				for range 3 {
					cmd := exec.Command(bin, "run", "prog.go")
					cmd.Dir = dir
					cmd.Env = append(os.Environ(), "GOCONC_MAX_PROCS="+procs)
					var stdout, stderr bytes.Buffer
					cmd.Stdout, cmd.Stderr = &stdout, &stderr
					status := exitStatus(t, cmd.Run())
					first, _, _ := strings.Cut(stderr.String(), "\n")
					if status != tt.wantStatus || stdout.String() != tt.wantStdout || first != tt.wantFirst {
						t.Errorf("GOCONC_MAX_PROCS=%s: exit status %d, stdout %q, stderr's first line %q; want %d, %q, %q\nstderr:\n%s",
							procs, status, stdout.String(), first, tt.wantStatus, tt.wantStdout, tt.wantFirst, stderr.String())
					}
				}
			}
		})
	}
}

// TestRunNotebookGoexit runs a notebook whose cell calls runtime.Goexit:
// the cell's deferred call runs, it fails saying why, and the run stops
// there, as at any failing cell.
func TestRunNotebookGoexit(t *testing.T) {
	bin := goconcBinary(t)
	nb := writeNotebook(t,
		`import ("fmt"; "runtime")`,
		"defer fmt.Println(\"deferred\")\nruntime.Goexit()\nfmt.Println(\"not reached\")",
		`fmt.Println("next cell")`,
	)
	cmd := exec.Command(bin, "run", nb)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	status := exitStatus(t, cmd.Run())
	if status != 1 || stdout.String() != "deferred\n" || !strings.Contains(stderr.String(), "Goexit: runtime.Goexit ended the cell's goroutine") {
		t.Errorf("exit status %d, stdout %q, stderr %q; want 1, the deferred call's line, and the cell's failure", status, stdout.String(), stderr.String())
	}
}
