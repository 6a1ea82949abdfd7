package main

import (
	"context"

	"goconc/kernel/engine"
	"goconc/kernel/worker"
)

// newInterpreter starts the engine every command runs cells with: a
// worker process, so that no cell can take the caller down.
func newInterpreter(ctx context.Context) (engine.Interpreter, error) {
	return worker.Start(worker.Options{})
}
