package engine

import (
	"context"
	"strings"
	"testing"
)

// TestUnusedImports checks the two rules for an import nothing uses: a
// program run from a file fails to compile with the Go compiler's error;
// a notebook cell may import what only later cells use.
func TestUnusedImports(t *testing.T) {
	program := `import (
	"fmt"
	"os"
	str "strings"
	_ "sort"
)

func main() { fmt.Println("hi") }`
	t.Run("file", func(t *testing.T) {
		out := &lockedBuffer{}
		s, err := NewSession(Options{Stdout: out, Stderr: out, Program: "prog.go"})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		r := s.Execute(context.Background(), program)
		if r.Err == nil {
			t.Fatalf("no error; printed %q", out.take())
		}
		got := r.Err.Value + strings.Join(r.Err.Traceback, "\n")
		for _, want := range []string{`prog.go:3:2: "os" imported and not used`, `prog.go:4:2: "strings" imported as str and not used`} {
			if !strings.Contains(got, want) {
				t.Errorf("error %q does not hold %q", got, want)
			}
		}
		if strings.Contains(got, `"sort"`) || strings.Contains(got, `"fmt"`) {
			t.Errorf("error %q names an import that is used or blank", got)
		}
	})
	t.Run("cells", func(t *testing.T) {
		s, out := newTestSession(t, "")
		if r := s.Execute(context.Background(), "import (\n\t\"fmt\"\n\t\"strings\"\n)"); r.Err != nil {
			t.Fatalf("an import cell failed: %s", r.Err.Value)
		}
		if r := s.Execute(context.Background(), `fmt.Println(strings.ToUpper("later"))`); r.Err != nil {
			t.Fatalf("a later cell failed: %s", r.Err.Value)
		}
		if got := out.take(); got != "LATER\n" {
			t.Errorf("printed %q, want %q", got, "LATER\n")
		}
	})
}

// TestSyscallCalls checks that cells reach the calls of package syscall
// that do not act on other processes (Getpid, Getpagesize, the signal
// numbers), as well as those that do (Kill).
func TestSyscallCalls(t *testing.T) {
	s, out := newTestSession(t, "")
	cell := `import (
	"fmt"
	"syscall"
)

pid := syscall.Getpid()
fmt.Println(pid > 0, syscall.Getpagesize() > 0, syscall.Kill(pid, syscall.Signal(0)), syscall.SIGCHLD)`
	if r := s.Execute(context.Background(), cell); r.Err != nil {
		t.Fatalf("cell failed: %s %s", r.Err.Value, out.take())
	}
	if got, want := out.take(), "true true <nil> child exited\n"; got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
}

// TestUnsupportedStdImports checks that importing a standard package goconc
// cannot give cells says so and why, not that the package is missing.
func TestUnsupportedStdImports(t *testing.T) {
	cases := []struct{ path, want string }{
		{"embed", `import "embed": package embed is not supported: files are embedded (//go:embed) by the Go compiler only`},
		{"plugin", `import "plugin": package plugin is not supported: the interpreter cannot load plugins`},
		{"example.com/nothing", `import "example.com/nothing": package not found`},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			s, _ := newTestSession(t, "")
			r := s.Execute(context.Background(), "import _ \""+c.path+"\"")
			if r.Err == nil {
				t.Fatal("the import succeeded")
			}
			if got := r.Err.Value; !strings.Contains(got, c.want) {
				t.Errorf("error %q, want it to hold %q", got, c.want)
			}
		})
	}
}

// TestSyscallExecFails checks that syscall.Exec, which would put another
// program in the place of the one that runs cells, returns an error
// saying it is not supported, and the session goes on.
func TestSyscallExecFails(t *testing.T) {
	s, out := newTestSession(t, "")
	cell := `import (
	"fmt"
	"syscall"
)

err := syscall.Exec("/bin/true", []string{"true"}, nil)
fmt.Println(err)`
	if r := s.Execute(context.Background(), cell); r.Err != nil {
		t.Fatalf("cell failed: %s", r.Err.Value)
	}
	if got, want := out.take(), `syscall.Exec("/bin/true") is not supported`; !strings.Contains(got, want) {
		t.Errorf("printed %q, want it to hold %q", got, want)
	}
	if r := s.Execute(context.Background(), `fmt.Println("still here")`); r.Err != nil || out.take() != "still here\n" {
		t.Errorf("the session did not go on after syscall.Exec")
	}
}
