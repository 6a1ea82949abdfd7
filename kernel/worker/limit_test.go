package worker

import (
	"context"
	"strings"
	"testing"
)

// TestLimits checks the per-kernel limits an administrator sets: the
// worker's cores and the text one cell may print.
func TestLimits(t *testing.T) {
	c := startClient(t, Options{MaxProcs: 1, OutputLimit: 1000})
	var out capture
	res := c.Execute(context.Background(), "import \"runtime\"\nruntime.GOMAXPROCS(0)", &out)
	if res.Err != nil || res.Value["text/plain"] != "1" {
		t.Errorf("GOMAXPROCS(0) with MaxProcs 1 = %+v, want 1", res)
	}

	out = capture{}
	res = c.Execute(context.Background(), "import \"fmt\"\nfor i := 0; i < 500; i++ { fmt.Println(\"line ɣ\", i) }\n\"done\"", &out)
	if res.Err != nil {
		t.Fatalf("printing cell: %v", res.Err)
	}
	stdout, stderr := out.stream("stdout"), out.stream("stderr")
	if len(stdout) > 1000 || len(stdout) < 900 {
		t.Errorf("the cell printed %d bytes with a limit of 1000", len(stdout))
	}
	if !strings.HasPrefix(stdout, "line ɣ 0\n") {
		t.Errorf("stdout starts %q", stdout[:min(len(stdout), 20)])
	}
	if strings.ToValidUTF8(stdout, "?") != stdout {
		t.Errorf("the cut split a character: %q", stdout[len(stdout)-8:])
	}
	if n := strings.Count(stderr, "GOCONC_OUTPUT_LIMIT"); n != 1 {
		t.Errorf("stderr told of the limit %d times, want once:\n%s", n, stderr)
	}

	// The limit is per cell.
	out = capture{}
	c.Execute(context.Background(), "fmt.Println(\"again\")", &out)
	if got := out.stream("stdout"); got != "again\n" {
		t.Errorf("the next cell printed %q, want %q", got, "again\n")
	}
}
