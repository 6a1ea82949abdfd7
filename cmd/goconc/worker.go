package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"goconc/kernel/worker"
)

// runWorker is the interpreter process a kernel or goconc run starts: it
// takes requests on file descriptor 3 and answers on 4.
func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	program := fs.String("program", "", "run the cells as the program in `FILE`, with the arguments after --")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *program == "" && fs.NArg() != 0 {
		return errors.New("worker takes no arguments but -program FILE -- ARGS; it is started by goconc itself")
	}
	// A runaway recursion ends in "stack overflow" well before it could
	// reach the memory limit, which names the cause less precisely.
	debug.SetMaxStack(256 << 20)
	requests := os.NewFile(3, "requests")
	events := os.NewFile(4, "events")
	if requests == nil || events == nil {
		return errors.New("worker needs its request and event pipes on file descriptors 3 and 4")
	}
	prog := worker.Program{File: *program, Args: fs.Args()}
	if err := worker.ServeProgram(ctx, requests, events, os.Stdout, os.Stderr, prog); err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	return nil
}
