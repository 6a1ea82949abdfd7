package interpreted

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"goconc/kernel/engine"
)

// TestTestOutput checks that what the cells print reaches a test's
// bounded writer, which passes on its first kept bytes, says where it cut,
// starts afresh for the next test, and stops a run that prints more than
// the limit.
func TestTestOutput(t *testing.T) {
	var stdout, stderr bytes.Buffer // what the cells print through fmt
	out := &testOutput{kept: 100, limit: 1000}
	s, err := engine.NewSession(engine.Options{Stdout: out.to(&stdout), Stderr: out.to(&stderr)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, stop := context.WithCancelCause(context.Background())
	defer stop(nil)
	out.start()
	out.run(stop)
	res := s.Execute(ctx, `import "fmt"

for i := 0; i < 6; i++ {
	fmt.Println("0123456789012345678")
}`)
	if res.Err != nil {
		t.Fatalf("%s: %s", res.Err.Name, res.Err.Value)
	}
	if got := strings.Count(stdout.String(), "0123456789012345678\n"); got != 5 || !strings.Contains(stdout.String(), "output is cut here") {
		t.Errorf("%d lines of 6 passed on, want the 5 within the first 100 bytes, then a note of the cut:\n%s", got, stdout.String())
	}
	if context.Cause(ctx) != nil {
		t.Fatalf("a run stopped under its output limit: %v", context.Cause(ctx))
	}
	out.start()
	stdout.Reset()
	s.Execute(ctx, `fmt.Println("next test")`)
	if stdout.String() != "next test\n" {
		t.Errorf("the next test's output: %q", stdout.String())
	}
	s.Execute(ctx, `for { fmt.Println("again and again") }`)
	if !errors.Is(context.Cause(ctx), errOutputLimit) {
		t.Errorf("a run printing for ever was not stopped at its output limit: %v", context.Cause(ctx))
	}
}
