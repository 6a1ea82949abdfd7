package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"goconc/kernel/engine"
	"goconc/kernel/worker"
)

// memoryLimitEnv sets the worker's memory limit: bytes, or a number with
// a KiB, MiB or GiB suffix.
const memoryLimitEnv = "GOCONC_MEMORY_LIMIT"

// newInterpreter starts the engine every command runs cells with: a
// worker process, so that no cell can take the caller down.
func newInterpreter(ctx context.Context) (engine.Interpreter, error) {
	return startWorker(worker.Options{})
}

// newProgram starts the engine for a program run from a file, with the
// program's arguments.
func newProgram(ctx context.Context, file string, args []string) (engine.Interpreter, error) {
	return startWorker(worker.Options{Program: worker.Program{File: file, Args: args}})
}

func startWorker(opts worker.Options) (engine.Interpreter, error) {
	if v := os.Getenv(memoryLimitEnv); v != "" {
		limit, err := parseBytes(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", memoryLimitEnv, err)
		}
		opts.MemoryLimit = limit
	}
	return worker.Start(opts)
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
