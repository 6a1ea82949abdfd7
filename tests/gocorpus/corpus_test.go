package gocorpus

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestSubset runs the programs of testdata/subset.txt through goconc.
// Those in testdata/expected_failures.txt must still fail, so that a fix
// shows; every other one must match.
func TestSubset(t *testing.T) {
	ctx := t.Context()
	testDir, err := Dir(ctx)
	if err != nil {
		t.Fatalf("the corpus needs the Go distribution's test directory: %v", err)
	}
	subset, err := readList("testdata/subset.txt", false)
	if err != nil {
		t.Fatal(err)
	}
	expected, err := readList("testdata/expected_failures.txt", true)
	if err != nil {
		t.Fatal(err)
	}
	eligible, err := Eligible(testDir, []string{".", "chan", "ken"})
	if err != nil {
		t.Fatal(err)
	}
	for name := range subset {
		if !slices.Contains(eligible, name) {
			t.Errorf("%s: not an eligible run test of %s", name, testDir)
		}
	}
	for name := range expected {
		if _, ok := subset[name]; !ok {
			t.Errorf("expected_failures.txt lists %s, which is not in subset.txt", name)
		}
	}
	bin := filepath.Join(t.TempDir(), "goconc")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "goconc/cmd/goconc")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	r := &Runner{TestDir: testDir, Goconc: bin, Timeout: 30 * time.Second}

	names := slices.Sorted(func(yield func(string) bool) {
		for n := range subset {
			if !yield(n) {
				return
			}
		}
	})
	// Two at a time, as CI has two cores and the timing-sensitive programs
	// (select, timers) slow down when they compete for them.
	slots := make(chan struct{}, 2)
	var (
		mu      sync.Mutex
		matched int
	)
	t.Run("programs", func(t *testing.T) {
		for _, name := range names {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				slots <- struct{}{}
				defer func() { <-slots }()
				res := r.Run(context.Background(), name)
				reason, known := expected[name]
				switch {
				case known && res.Outcome == Matched:
					t.Errorf("matches now: take it out of testdata/expected_failures.txt (%s)", reason)
				case known:
					t.Logf("expected failure (%s): %s: %s", reason, res.Outcome, res.Reason)
				case res.Outcome != Matched:
					t.Errorf("%s: %s", res.Outcome, res.Reason)
				default:
					mu.Lock()
					matched++
					mu.Unlock()
				}
			})
		}
	})
	t.Logf("%d of %d programs match; %d expected failures", matched, len(names), len(expected))
}

// readList reads a list of program names, one a line, with "#" comments;
// with reasons set, each name is followed by ": reason".
func readList(path string, reasons bool) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	list := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason := line, ""
		if reasons {
			var ok bool
			name, reason, ok = strings.Cut(line, ":")
			if !ok || strings.TrimSpace(reason) == "" {
				return nil, fmt.Errorf("%s:%d: want \"name: reason\", got %q", path, n, line)
			}
		}
		list[strings.TrimSpace(name)] = strings.TrimSpace(reason)
	}
	return list, sc.Err()
}
