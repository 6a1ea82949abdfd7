package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"goconc/kernel/gocache"
)

// runGocache serves the go command's build cache as its GOCACHEPROG: the
// user's own layer, read and written, over a shared layer an administrator
// filled, only read (see kernel/gocache). goconc install --system sets it
// in the kernelspec's env, so that native cells of every user build from
// the warmed cache.
func runGocache(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gocache", flag.ContinueOnError)
	fs.SetOutput(stderr)
	shared := fs.String("shared", "", "read also from the shared layer in `DIR`, never writing to it")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: goconc gocache [--shared DIR] [DIR]")
		fmt.Fprintln(stderr, "\nServes the go command's build cache (GOCACHEPROG=\"goconc gocache ...\"), written")
		fmt.Fprintln(stderr, "to DIR (default: goconc/build in the user's cache directory).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return exitError(2)
	}
	own := fs.Arg(0)
	if own == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return fmt.Errorf("finding the user's cache directory: %w", err)
		}
		own = filepath.Join(dir, "goconc", "build")
	}
	c := &gocache.Cache{Own: own, Shared: *shared}
	if err := c.Serve(ctx, os.Stdin, stdout); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
