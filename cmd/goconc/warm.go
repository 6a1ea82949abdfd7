package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"goconc/kernel/native"
)

// runWarm builds the packages native cells use, with and without the
// race detector, into the Go build cache, so that the first %%race or
// %%native cell of a course is not the slow one. install.sh runs it.
func runWarm(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) != 0 {
		fmt.Fprintln(stderr, "usage: goconc warm")
		return exitError(2)
	}
	start := time.Now()
	if err := native.NewBuilder(native.BuilderOptions{}).Warm(ctx); err != nil {
		return fmt.Errorf("warming the build cache for native cells: %w", err)
	}
	fmt.Fprintf(stdout, "goconc warm: the build cache is ready for %%%%native and %%%%race cells (%.1f s)\n", time.Since(start).Seconds())
	return nil
}
