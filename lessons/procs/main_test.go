package procs

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// orphanParentEnv makes the test binary act as a parent process that starts a
// child and dies without stopping it, for TestParentDeathKillsChild.
const orphanParentEnv = "PROCS_TEST_ORPHAN_PARENT"

func TestMain(m *testing.M) {
	if os.Getenv(orphanParentEnv) != "" {
		orphanParent()
		return
	}
	os.Exit(runTests(m))
}

// runTests builds the goconc binary for the tests and examples that run
// the real interpreter, and makes it the default for Start.
func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "procs-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "goconc")
	build := exec.Command("go", "build", "-o", bin, "goconc/cmd/goconc")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building goconc: %v\n%s", err, out)
		return 1
	}
	os.Setenv(GoconcEnv, bin)
	return m.Run()
}

// orphanParent starts a long child, prints its pid, and exits at once,
// leaving the child to the parent-death signal.
func orphanParent() {
	p, err := Start(context.Background(), "", WithCommand("sleep", "30"))
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println(p.PID())
	os.Exit(0)
}

// alive reports whether pid is a live process: not gone, and not a zombie
// waiting for a parent to reap it.
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// The state follows the command name, which is in parentheses.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 || i+2 >= len(b) {
		return false
	}
	state := b[i+2]
	return state != 'Z' && state != 'X'
}

// waitDead waits up to d for pid to die and reports whether it did.
func waitDead(pid int, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for alive(pid) {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

// readPID reads a line holding a process id.
func readPID(t *testing.T, line string) int {
	t.Helper()
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatalf("want a pid, got %q", line)
	}
	return pid
}

// testContext returns a context that ends with the test, or after d.
func testContext(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
