package procs

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestMeasureSwitch(t *testing.T) {
	cost, err := MeasureSwitch(testContext(t, 30*time.Second), 2000)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(cost)
	if cost.Process <= 0 || cost.Syscalls <= 0 || cost.Goroutine <= 0 {
		t.Fatalf("cost %v: want all positive", cost)
	}
	if cost.CPU < 0 || cost.Rounds != 2000 {
		t.Errorf("cost %+v: want CPU >= 0 and 2000 rounds", cost)
	}
}

func TestMeasureSwitchErrors(t *testing.T) {
	if _, err := MeasureSwitch(context.Background(), switchBatches-1); err == nil {
		t.Error("no error for fewer rounds than batches")
	}
	// A deadline far shorter than the rounds take ends the measurement:
	// the child is killed, and the round trips with it.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := MeasureSwitch(ctx, 1_000_000_000)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want the context's deadline", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("returned %v after the deadline", d)
	}
}
