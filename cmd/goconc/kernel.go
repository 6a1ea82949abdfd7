package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"time"

	"goconc/kernel"
	"goconc/kernel/wire"
)

// runKernel serves the Jupyter kernel on the sockets named by a
// connection file until a client shuts it down or the process that
// started it exits. Diagnostics go to stderr, which Jupyter clients show
// to the user (jupyter console prints it among the cells), so only with
// --debug.
func runKernel(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("kernel", flag.ContinueOnError)
	flags.SetOutput(stderr)
	debug := flags.Bool("debug", false, "log the kernel's diagnostics on stderr")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: goconc kernel [--debug] CONNECTION_FILE")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return exitError(2)
	}
	if flags.NArg() != 1 {
		flags.Usage()
		return exitError(2)
	}
	info, err := wire.ReadConnectionFile(flags.Arg(0))
	if err != nil {
		return err
	}
	logOut := io.Discard
	if *debug {
		logOut = stderr
	}
	logger := log.New(logOut, "goconc kernel: ", log.LstdFlags|log.Lmsgprefix)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go watchParent(ctx, os.Getppid(), time.Second, func() {
		logger.Print("the process that started the kernel exited: shutting down")
		cancel()
	})

	// Jupyter interrupts this kernel with interrupt_request messages, but
	// a terminal's Ctrl-C, or a client that signals anyway, sends SIGINT
	// to the whole process group. It must stop the running cell, not the
	// kernel. Listening before the interpreter starts closes the window
	// in which SIGINT would still kill the process.
	sigint := make(chan os.Signal, 1)
	signal.Notify(sigint, os.Interrupt)
	defer signal.Stop(sigint)

	interp, err := newInterpreter(ctx, logOut)
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

// watchParent calls gone once the process's parent is no longer parent,
// that is, once it exited and the process was handed to init or a
// subreaper, as ipykernel's parent poller does: a kernel whose client
// was killed must not run on, and keep its worker, for nobody.
func watchParent(ctx context.Context, parent int, every time.Duration, gone func()) {
	if parent <= 1 {
		return // started by init: there is no parent to lose
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if os.Getppid() != parent {
				gone()
				return
			}
		}
	}
}
