package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
	buildOut  []byte
)

// goconcBinary builds goconc once per test run: goconc run starts its
// worker by running its own executable, which must be goconc, not the
// test binary.
func goconcBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "goconc-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "goconc")
		buildOut, buildErr = exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("go build: %v\n%s", buildErr, buildOut)
	}
	return builtBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// writeNotebook writes a goconc notebook of code cells; a source starting
// with "#raises\n" is tagged raises-exception (the marker line is removed).
func writeNotebook(t *testing.T, sources ...string) string {
	t.Helper()
	var cells []map[string]any
	for _, src := range sources {
		meta := map[string]any{}
		if rest, ok := strings.CutPrefix(src, "#raises\n"); ok {
			src = rest
			meta["tags"] = []string{"raises-exception"}
		}
		if rest, ok := strings.CutPrefix(src, "#interrupt\n"); ok {
			src = rest
			meta["tags"] = []string{"raises-exception"}
			meta["goconc"] = map[string]any{"interrupt_after": 0.5}
		}
		cells = append(cells, map[string]any{
			"cell_type": "code", "source": src, "metadata": meta,
			"outputs": []any{}, "execution_count": nil,
		})
	}
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5, "cells": cells,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "goconc", "language": "go", "display_name": "Go (goconc)"}},
	}
	b, err := json.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "nb.ipynb")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRunRaisesException checks that goconc run goes on past a failing
// cell tagged raises-exception, stops at any other failing cell, and fails
// a tagged cell that does not fail.
func TestRunRaisesException(t *testing.T) {
	bin := goconcBinary(t)
	tests := []struct {
		name    string
		cells   []string
		ok      bool
		ran     []string // markers every run must print
		notRan  []string // markers that must not be printed
		message string   // on stderr
	}{
		{
			name:  "tagged panic, then on",
			cells: []string{`println("one")`, "#raises\npanic(\"meant\")", `println("three")`},
			ok:    true, ran: []string{"one", "three"},
			message: "code cell 2 failed as its tag raises-exception says it should",
		},
		{
			name:  "tagged compile error and deadlock",
			cells: []string{"#raises\nx := undefinedName", "#raises\nch := make(chan int)\nch <- 1", `println("after")`},
			ok:    true, ran: []string{"after"},
		},
		{
			name:  "tagged fatal error loses the worker, the next cell gets a new one",
			cells: []string{"#raises\nm := map[int]int{}\nfor i := range 2 {\n\tgo func() {\n\t\tfor j := 0; ; j++ {\n\t\t\tm[j%64+i] = j\n\t\t}\n\t}()\n}\nselect {}", `println("alive")`},
			ok:    true, ran: []string{"alive"},
		},
		{
			// n is set in a cell of its own: on a loaded machine the
			// interrupt, half a second after a cell is sent, can come
			// before the cell's first statement. What is checked is that
			// the state stays through two interrupts.
			name:  "a loop interrupted as its metadata says, then on",
			cells: []string{"n := 1", "#interrupt\nfor {\n\tn++\n}", "#interrupt\nfor range 2 {\n\tgo func() {\n\t\tfor {\n\t\t}\n\t}()\n}\nselect {}", `println("after", n > 0)`},
			ok:    true, ran: []string{"interrupted", "after true"},
			message: "code cell 3 failed as its tag raises-exception says it should",
		},
		{
			name:  "untagged failure stops the run",
			cells: []string{`panic("not meant")`, `println("never")`},
			ok:    false, notRan: []string{"never"},
		},
		{
			name:  "tagged cell that does not fail is an error",
			cells: []string{"#raises\nprintln(\"fine\")", `println("never")`},
			ok:    false, ran: []string{"fine"}, notRan: []string{"never"},
			message: "code cell 1 is tagged raises-exception but did not fail",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := writeNotebook(t, tt.cells...)
			out := filepath.Join(t.TempDir(), "out.ipynb")
			cmd := exec.Command(bin, "run", "--out", out, nb)
			output, err := cmd.CombinedOutput()
			if ok := err == nil; ok != tt.ok {
				t.Fatalf("goconc run succeeded = %v, want %v (%v)\n%s", ok, tt.ok, err, output)
			}
			for _, m := range tt.ran {
				if !strings.Contains(string(output), m) {
					t.Errorf("output lacks %q:\n%s", m, output)
				}
			}
			for _, m := range tt.notRan {
				if strings.Contains(string(output), m) {
					t.Errorf("output has %q, from a cell that must not run:\n%s", m, output)
				}
			}
			if tt.message != "" && !strings.Contains(string(output), tt.message) {
				t.Errorf("output lacks %q:\n%s", tt.message, output)
			}
			if _, err := os.Stat(out); err != nil {
				t.Errorf("no executed notebook written: %v", err)
			}
		})
	}
}

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
		stdin      string
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
				// Go's traces give the file's absolute path.
				"/prog.go:4\n",
				"main.main()\n",
				"/prog.go:9\n",
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
			wantStderr: []string{"panic: worker gave up", "main.work(...)", "/prog.go:6\n"},
		},
		{
			name: "os.Stdin is an *os.File",
			src: `package main

import (
	"bufio"
	"fmt"
	"os"
)

func count(f *os.File) int {
	n := 0
	for s := bufio.NewScanner(f); s.Scan(); n++ {
	}
	return n
}

func main() {
	fmt.Println(count(os.Stdin), "lines")
}
`,
			stdin:      "a\nb\nc\n",
			wantStdout: "3 lines\n",
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
			name: "a recovered panic panicked again, and another after a recover",
			src: `package main

import "fmt"

func again() {
	defer func() {
		r := recover()
		fmt.Println("recovered", r)
		panic(r)
	}()
	panic("a")
}

func other() {
	defer func() {
		recover()
		panic("c")
	}()
	panic("b")
}

func main() {
	func() {
		defer func() { fmt.Println("outer", recover()) }()
		again()
	}()
	other()
}
`,
			wantStatus: 2,
			wantStdout: "recovered a\nouter a\n",
			wantStderr: []string{"panic: b [recovered]\n\tpanic: c\n\ngoroutine 1 [running]:"},
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
			cmd.Stdin = strings.NewReader(tt.stdin)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			status := exitStatus(t, cmd.Run())
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

// exitStatus is the exit status of a command whose Run returned err; an
// error other than an exit status fails the test.
func exitStatus(t *testing.T, err error) int {
	t.Helper()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return 0
}
