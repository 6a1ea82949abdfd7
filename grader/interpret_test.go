package grader

import (
	"strings"
	"testing"

	"goconc/grader/sandbox"
)

// TestSplitRuns splits the results of processes that made several runs
// into each run's verdict: the exit status and the limit that stopped a
// process are its last run's, a race report its own run's, and a run the
// grader stopped is not made.
func TestSplitRuns(t *testing.T) {
	run := func(n int, outcome string) sandbox.Record {
		return sandbox.Record{Kind: "run", Run: n, Outcome: outcome}
	}
	done := sandbox.Record{Kind: "done"}
	marker := func(n int) string { return "\n" + runMarker(n) + "\n" }
	race := "==================\nWARNING: DATA RACE\nWrite at 0x00c000012345 by goroutine 8:\n  main.Count.func1()\n      /tmp/x/cell1.go:7 +0x44\n\nPrevious write at 0x00c000012345 by goroutine 7:\n  main.Count.func1()\n      /tmp/x/cell1.go:7 +0x44\n==================\n"
	tests := []struct {
		name string
		r    sandbox.Result
		runs []int
		want []string // each run's outcome, or "spared", in order
	}{
		{
			name: "all made",
			r:    sandbox.Result{Records: []sandbox.Record{run(0, "ok"), run(3, "ok"), run(6, "ok"), done}, Stderr: []byte(marker(0) + marker(3) + marker(6))},
			runs: []int{0, 3, 6},
			want: []string{"ok", "ok", "ok"},
		},
		{
			name: "wrong result, then on",
			r:    sandbox.Result{Records: []sandbox.Record{run(1, "ok"), run(4, "Count(2, 3) = 5, want 6"), run(7, "ok"), done}, Stderr: []byte(marker(1) + marker(4) + marker(7))},
			runs: []int{1, 4, 7},
			want: []string{"ok", "Count(2, 3) = 5, want 6", "ok"},
		},
		{
			name: "halted at a race",
			r:    sandbox.Result{Records: []sandbox.Record{run(0, "ok")}, Stderr: []byte(marker(0) + marker(3) + race), ExitCode: raceExitCode},
			runs: []int{0, 3, 6},
			want: []string{"ok", "data race: write at cell 1, line 7 vs previous write at cell 1, line 7"},
		},
		{
			name: "past its time limit",
			r:    sandbox.Result{Records: []sandbox.Record{run(2, "ok")}, Stderr: []byte(marker(2) + marker(5)), ExitCode: -1, Killed: "time limit (10s)"},
			runs: []int{2, 5},
			want: []string{"ok", "did not finish within the time limit (10s): a deadlock, or a loop that never ends"},
		},
		{
			name: "os.Exit after its test passed",
			r:    sandbox.Result{Records: []sandbox.Record{run(0, "ok"), run(3, "ok")}, Stderr: []byte(marker(0) + marker(3))},
			runs: []int{0, 3, 6},
			want: []string{"ok", "the test passed, then the program ended before the test finished (exit status 0): does the code call os.Exit?"},
		},
		{
			name: "stopped by the grader",
			r:    sandbox.Result{Records: []sandbox.Record{run(0, "Count(1, 1) = 0, want 1"), run(3, "ok")}, Stderr: []byte(marker(0) + marker(3) + marker(6)), ExitCode: -1, Killed: "stopped once the test had failed"},
			runs: []int{0, 3, 6, 9},
			want: []string{"Count(1, 1) = 0, want 1", "ok", "spared"},
		},
		{
			name: "died before its first run",
			r:    sandbox.Result{Stderr: []byte("goconc harness: no secret from the grader\n"), ExitCode: 3},
			runs: []int{0, 3},
			want: []string{"the program ended before the test finished (exit status 3): does the code call os.Exit?"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, v := range splitRuns(&tt.r, tt.runs) {
				if v.spared {
					got = append(got, "spared")
					continue
				}
				got = append(got, v.outcome)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("outcomes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
