package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"

	"goconc/kernel"
	"goconc/kernel/wire"
)

// runKernel serves the Jupyter kernel on the sockets named by a
// connection file until a client shuts it down. Diagnostics go to
// stderr, which Jupyter shows in its own log.
func runKernel(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: goconc kernel CONNECTION_FILE")
		return exitError(2)
	}
	info, err := wire.ReadConnectionFile(args[0])
	if err != nil {
		return err
	}
	logger := log.New(stderr, "goconc kernel: ", log.LstdFlags|log.Lmsgprefix)

	// Jupyter interrupts this kernel with interrupt_request messages, but
	// a terminal's Ctrl-C, or a client that signals anyway, sends SIGINT
	// to the whole process group. It must stop the running cell, not the
	// kernel. Listening before the interpreter starts closes the window
	// in which SIGINT would still kill the process.
	sigint := make(chan os.Signal, 1)
	signal.Notify(sigint, os.Interrupt)
	defer signal.Stop(sigint)

	interp, err := newInterpreter(ctx)
	if err != nil {
		return fmt.Errorf("starting the interpreter: %w", err)
	}
	srv, err := kernel.New(info, interp, kernel.Options{Log: logger})
	if err != nil {
		return errors.Join(err, interp.Close())
	}

	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-sigint:
				logger.Print("SIGINT: interrupting the running cell")
				srv.Interrupt()
			case <-done:
				return
			}
		}
	}()

	bound := srv.ConnectionInfo()
	logger.Printf("serving on %s (shell), pid %d", bound.Endpoint(bound.ShellPort), os.Getpid())
	if err := srv.Serve(ctx); err != nil {
		return err
	}
	logger.Print("shut down")
	return nil
}
