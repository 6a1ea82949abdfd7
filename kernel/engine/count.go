package engine

import "context"

type executionCountKey struct{}

// WithExecutionCount returns a context that carries the execution count
// a front end gave the cell it runs under it, for Interpreters that name
// cells by their count (cell[N]:LINE).
func WithExecutionCount(ctx context.Context, n int) context.Context {
	return context.WithValue(ctx, executionCountKey{}, n)
}

// ExecutionCount returns the count WithExecutionCount put in ctx.
func ExecutionCount(ctx context.Context) (int, bool) {
	n, ok := ctx.Value(executionCountKey{}).(int)
	return n, ok
}
