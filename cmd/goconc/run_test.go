package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunProgramLikeGoRun runs Go files with goconc run and checks what a
// user of go run expects: the exit status, the program's arguments, and
// failures reported on stderr in Go's words, naming the file.
func TestRunProgramLikeGoRun(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "goconc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	tests := []struct {
		name       string
		src        string
		args       []string
		wantStatus int
		wantStdout string
		wantStderr []string // lines stderr must hold, in order
	}{
		{
			name: "index panic names the function and the file's line",
			src: `package main

func lookup(xs []int) int {
	return xs[7]
}

func main() {
	println("starting")
	lookup(nil)
}
`,
			wantStatus: 2,
			wantStderr: []string{
				"panic: runtime error: index out of range [7] with length 0",
				"goroutine 1 [running]:",
				"main.lookup(...)",
				"\tprog.go:4",
				"main.main(...)",
			},
		},
		{
			name: "explicit panic in a goroutine",
			src: `package main

import "time"

func work() {
	panic("worker gave up")
}

func main() {
	go work()
	time.Sleep(time.Minute)
}
`,
			wantStatus: 2,
			wantStderr: []string{"panic: worker gave up", "main.work(...)", "\tprog.go:6"},
		},
		{
			name: "os.Exit skips deferred calls and sets the status",
			src: `package main

import (
	"fmt"
	"os"
)

func main() {
	defer fmt.Println("deferred")
	fmt.Println("leaving")
	os.Exit(3)
}
`,
			wantStatus: 3,
			wantStdout: "leaving\n",
		},
		{
			name: "os.Exit(0) is success",
			src: `package main

import "os"

func main() {
	defer println("deferred")
	os.Exit(0)
}
`,
			wantStatus: 0,
		},
		{
			name: "flag and os.Args see the program's arguments",
			src: `package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	n := flag.Int("n", 1, "how many")
	flag.Parse()
	fmt.Println(len(os.Args), os.Args[1:], *n, flag.Args())
}
`,
			args:       []string{"--", "-n", "4", "rest"},
			wantStdout: "4 [-n 4 rest] 4 [rest]\n",
		},
		{
			name: "a bad flag ends the program with status 2",
			src: `package main

import "flag"

func main() {
	flag.Bool("v", false, "verbose")
	flag.Parse()
	println("not reached")
}
`,
			args:       []string{"--", "-nosuch"},
			wantStatus: 2,
			wantStderr: []string{"flag provided but not defined: -nosuch", "Usage of prog:"},
		},
		{
			name: "deadlock is fatal, names the file",
			src: `package main

func main() {
	ch := make(chan int)
	<-ch
}
`,
			wantStatus: 2,
			wantStderr: []string{"fatal error: all goroutines are asleep - deadlock!", "prog.go:5"},
		},
		{
			name: "compile errors name the file, status 1",
			src: `package main

func main() {
	x := 1
}
`,
			wantStatus: 1,
			wantStderr: []string{"prog.go:4:2: declared and not used: x"},
		},
	}
	t.Run("stdout and stderr keep their order", func(t *testing.T) {
		dir := t.TempDir()
		src := `package main

import (
	"fmt"
	"log"
	"os"
)

func main() {
	log.SetFlags(0)
	for i := range 3 {
		fmt.Println("out", i)
		println("println", i)
		log.Println("log", i)
		fmt.Fprintln(os.Stderr, "err", i)
		os.Stdout.WriteString("direct\n")
	}
}
`
		if err := os.WriteFile(filepath.Join(dir, "prog.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "run", "prog.go")
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		var want strings.Builder
		for i := range 3 {
			for _, w := range []string{"out", "println", "log", "err"} {
				fmt.Fprintln(&want, w, i)
			}
			want.WriteString("direct\n")
		}
		if string(out) != want.String() {
			t.Errorf("output\n%s\nwant\n%s", out, want.String())
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "prog.go"), []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, append([]string{"run", "prog.go"}, tt.args...)...)
			cmd.Dir = dir
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			status := 0
			var exit *exec.ExitError
			switch {
			case errors.As(err, &exit):
				status = exit.ExitCode()
			case err != nil:
				t.Fatal(err)
			}
			if status != tt.wantStatus {
				t.Errorf("exit status %d, want %d\nstderr:\n%s", status, tt.wantStatus, stderr.String())
			}
			if got := stdout.String(); got != tt.wantStdout {
				t.Errorf("stdout %q, want %q", got, tt.wantStdout)
			}
			rest := stderr.String()
			for _, line := range tt.wantStderr {
				i := strings.Index(rest, line)
				if i < 0 {
					t.Errorf("stderr lacks %q (in order)\nstderr:\n%s", line, stderr.String())
					break
				}
				rest = rest[i+len(line):]
			}
			if strings.Contains(stderr.String(), "cell") {
				t.Errorf("a file run speaks of cells:\n%s", stderr.String())
			}
		})
	}
}
