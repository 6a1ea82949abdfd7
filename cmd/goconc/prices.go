package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"goconc/lessons/prices"
)

// runPrices serves the course's price data until ctx is cancelled or the
// user presses Ctrl-C. The first line on stdout is the base URL, so that a
// script can start the server on port 0 and read where it went.
func runPrices(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("goconc prices", flag.ContinueOnError)
	fs.SetOutput(stderr)
	// Port 5000 is where the Flask server of the original tutorial ran;
	// --addr 127.0.0.1:0 picks any free port.
	addr := fs.String("addr", "127.0.0.1:5000", "listen on `HOST:PORT`; port 0 picks a free port")
	var opts prices.Options
	fs.DurationVar(&opts.Delay, "delay", 0, "wait this long before answering each /price request (such as 200ms)")
	fs.DurationVar(&opts.Jitter, "jitter", 0, "wait up to this much longer, at random, on each /price request")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: goconc prices [--addr HOST:PORT] [--delay D] [--jitter D]")
		fmt.Fprintln(stderr, "\nServes daily prices of btc, eth and ltc on 11 exchanges for March 2020:")
		fmt.Fprintln(stderr, "  GET /exchanges, GET /symbols, GET /price/EXCHANGE/SYMBOL/YYYY-MM-DD")
		fmt.Fprintln(stderr, "The first line printed is the base URL. Stop with Ctrl-C or SIGTERM.")
		fmt.Fprintln(stderr)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return exitError(2) // the flag package has printed the problem
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "goconc prices: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitError(2)
	}
	if opts.Delay < 0 || opts.Jitter < 0 {
		return fmt.Errorf("--delay and --jitter must not be negative")
	}

	// main stops on SIGTERM; a server run by hand also stops on Ctrl-C.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listening: %w", err)
	}
	srv := &http.Server{Handler: prices.NewHandler(opts), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	fmt.Fprintf(stdout, "http://%s\n", ln.Addr())
	fmt.Fprintf(stderr, "goconc prices: serving on http://%s (delay %v, jitter %v)\n", ln.Addr(), opts.Delay, opts.Jitter)

	select {
	case err := <-served:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	// Let requests in flight, which may be sleeping out their delay,
	// finish; then cut off whatever is left.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close()
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}
