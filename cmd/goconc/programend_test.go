package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunEndsWhenMainReturns checks that a program run from a file ends
// as a compiled one does: when main returns (after its deferred calls),
// or when a goroutine calls os.Exit or panics, nothing its other
// goroutines print comes out afterwards, and goroutines still running,
// even spinning, do not keep it from ending. Each program runs several
// times with the worker's GOMAXPROCS at 1 and at 2, with standard output
// and error on one pipe, so that their order is the order written.
func TestRunEndsWhenMainReturns(t *testing.T) {
	bin := goconcBinary(t)
	tests := []struct {
		name string
		src  string
		runs int // per GOMAXPROCS value
		// check says what is wrong with a run's exit status and output.
		check func(status int, out string) error
	}{
		{
			name: "a goroutine printing all the time",
			src: `package main

import (
	"fmt"
	"time"
)

func main() {
	go func() {
		for i := 0; ; i++ {
			fmt.Println("tick", i)
			time.Sleep(time.Millisecond)
		}
	}()
	time.Sleep(5 * time.Millisecond)
	fmt.Println("main returns")
}
`,
			runs:  8,
			check: endsWith(0, "main returns"),
		},
		{
			name: "spinning goroutines; main's deferred calls run, others' do not",
			src: `package main

import (
	"fmt"
	"os"
	"time"
)

var n int

func main() {
	for range 2 {
		go func() {
			for {
				n++
			}
		}()
	}
	blocked, released := make(chan int), make(chan int)
	go func() {
		defer fmt.Println("a goroutine's deferred call: must not run")
		<-blocked
	}()
	go func() {
		defer fmt.Fprintln(os.Stderr, "a goroutine's deferred call: must not run")
		<-released
		time.Sleep(time.Millisecond)
	}()
	// main's last deferred call lets the goroutine go on: it would end
	// a millisecond after main has.
	defer close(released)
	defer fmt.Println("main's deferred call")
	fmt.Println("main returns")
}
`,
			runs:  3,
			check: exactly(0, "main returns\nmain's deferred call\n"),
		},
		{
			name: "os.Exit in a goroutine while main waits",
			src: `package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	defer fmt.Println("main's deferred call: must not run")
	go func() {
		for i := 0; ; i++ {
			fmt.Println("tick", i)
			time.Sleep(time.Millisecond)
		}
	}()
	go func() {
		defer fmt.Println("the exiting goroutine's deferred call: must not run")
		time.Sleep(3 * time.Millisecond)
		fmt.Println("exiting")
		os.Exit(3)
	}()
	select {}
}
`,
			runs:  3,
			check: endsWith(3, "exiting"),
		},
		{
			// Go leaves the outcome to the scheduler: a panic report and
			// status 2, or status 0 after main's last line; never both,
			// and nothing printed after the end either way.
			name: "a goroutine's panic racing main's return",
			src: `package main

import (
	"fmt"
	"time"
)

func main() {
	go func() {
		for i := 0; ; i++ {
			fmt.Println("tick", i)
			time.Sleep(100 * time.Microsecond)
		}
	}()
	go func() {
		time.Sleep(5 * time.Millisecond)
		panic("boom")
	}()
	time.Sleep(5 * time.Millisecond)
	fmt.Println("main returns")
}
`,
			runs: 4,
			check: func(status int, out string) error {
				if status == 0 {
					return endsWith(0, "main returns")(status, out)
				}
				_, report, found := strings.Cut(out, "panic: boom\n")
				switch {
				case status != 2 || !found:
					return fmt.Errorf("exit status %d, want 0 after main's last line or 2 after a panic report", status)
				case strings.Contains(report, "tick") || strings.Contains(report, "main returns"):
					return errors.New("the program printed after its panic report")
				}
				return nil
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "prog.go"), []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			runs := tt.runs
			if testing.Short() {
				runs = 1
			}
			for _, procs := range []string{"1", "2"} {
				for i := range runs {
					cmd := exec.Command(bin, "run", "prog.go")
					cmd.Dir = dir
					cmd.Env = append(os.Environ(), maxProcsEnv+"="+procs)
					var out lockedBuffer
					cmd.Stdout, cmd.Stderr = &out, &out // one pipe
					status := exitStatus(t, cmd.Run())
					if err := tt.check(status, out.String()); err != nil {
						t.Fatalf("GOMAXPROCS %s, run %d: %v\noutput (end):\n%s", procs, i+1, err, lastLines(out.String(), 8))
					}
				}
			}
		})
	}
}

// endsWith checks a run's status and that its output ends with the line
// last.
func endsWith(status int, last string) func(int, string) error {
	return func(got int, out string) error {
		if got != status {
			return fmt.Errorf("exit status %d, want %d", got, status)
		}
		if !strings.HasSuffix("\n"+out, "\n"+last+"\n") {
			return fmt.Errorf("the output does not end with %q", last)
		}
		return nil
	}
}

// exactly checks a run's status and its whole output.
func exactly(status int, want string) func(int, string) error {
	return func(got int, out string) error {
		if got != status {
			return fmt.Errorf("exit status %d, want %d", got, status)
		}
		if out != want {
			return fmt.Errorf("output %q, want %q", out, want)
		}
		return nil
	}
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	return strings.Join(lines[max(0, len(lines)-n-1):], "")
}
