package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"goconc/kernel/engine"
	"goconc/kernel/magic"
	"goconc/kernel/native"
	"goconc/kernel/worker"
)

// The limits of one kernel's interpreter, which an administrator sets
// once in the kernelspec's env (goconc install --env KEY=VALUE).
const (
	// memoryLimitEnv sets the worker's memory limit: bytes, or a number
	// with a KiB, MiB or GiB suffix.
	memoryLimitEnv = "GOCONC_MEMORY_LIMIT"
	// maxProcsEnv sets how many cores the worker's goroutines run on at
	// once (its GOMAXPROCS): a student's share of a shared machine.
	maxProcsEnv = "GOCONC_MAX_PROCS"
	// outputLimitEnv sets how much text one cell may print, as a size.
	outputLimitEnv = "GOCONC_OUTPUT_LIMIT"
)

// newInterpreter starts the engine every command runs cells with: a
// worker process, so that no cell can take the caller down, behind the
// cell magics (%%race, %%native, %%time), which build cells natively.
// The worker client's own diagnostics go to logOut.
func newInterpreter(ctx context.Context, logOut io.Writer) (engine.Interpreter, error) {
	return startWorker(worker.Options{Log: logOut})
}

// newProgram starts the engine for a program run from a file, with the
// program's arguments.
func newProgram(ctx context.Context, file string, args []string) (engine.Interpreter, error) {
	return startWorker(worker.Options{Program: worker.Program{File: file, Args: args}})
}

// startWorker starts a worker with opts and the limits the environment
// sets (see limitsFromEnv).
func startWorker(opts worker.Options) (engine.Interpreter, error) {
	limits, err := limitsFromEnv(os.Getenv)
	if err != nil {
		return nil, err
	}
	opts.MemoryLimit, opts.MaxProcs, opts.OutputLimit = limits.MemoryLimit, limits.MaxProcs, limits.OutputLimit
	w, err := worker.Start(opts)
	if err != nil {
		return nil, err
	}
	return magic.New(w, native.NewBuilder(native.BuilderOptions{})), nil
}

// limitsFromEnv reads the worker's limits from the environment.
func limitsFromEnv(getenv func(string) string) (worker.Options, error) {
	var opts worker.Options
	for _, key := range []string{memoryLimitEnv, maxProcsEnv, outputLimitEnv} {
		v := getenv(key)
		if v == "" {
			continue
		}
		if err := checkLimit(key, v); err != nil {
			return opts, fmt.Errorf("%s: %w", key, err)
		}
		switch key {
		case memoryLimitEnv:
			opts.MemoryLimit, _ = parseBytes(v)
		case outputLimitEnv:
			opts.OutputLimit, _ = parseBytes(v)
		case maxProcsEnv:
			opts.MaxProcs, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	return opts, nil
}

// checkLimit reports whether v is a valid value for the limit key; other
// keys are not goconc's and pass.
func checkLimit(key, v string) error {
	switch key {
	case memoryLimitEnv, outputLimitEnv:
		_, err := parseBytes(v)
		return err
	case maxProcsEnv:
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err != nil || n <= 0 {
			return fmt.Errorf("want a positive number of cores, not %q", v)
		}
	}
	return nil
}

func parseBytes(s string) (int64, error) {
	units := []struct {
		suffix string
		scale  int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}
	s = strings.TrimSpace(s)
	scale := int64(1)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, scale = strings.TrimSpace(rest), u.scale
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("want a positive size such as 2GiB, not %q", s)
	}
	return n * scale, nil
}
