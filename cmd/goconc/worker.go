package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"goconc/kernel/worker"
)

// runWorker is the interpreter process a kernel or goconc run starts: it
// takes requests on file descriptor 3 and answers on 4.
func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) != 0 {
		return errors.New("worker takes no arguments; it is started by goconc itself")
	}
	// A runaway recursion ends in "stack overflow" well before it could
	// reach the memory limit, which names the cause less precisely.
	debug.SetMaxStack(256 << 20)
	requests := os.NewFile(3, "requests")
	events := os.NewFile(4, "events")
	if requests == nil || events == nil {
		return errors.New("worker needs its request and event pipes on file descriptors 3 and 4")
	}
	if err := worker.Serve(ctx, requests, events, os.Stdout, os.Stderr); err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	return nil
}
