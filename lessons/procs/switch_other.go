//go:build !linux

package procs

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func onOneCPU(ctx context.Context, measure func(cpu int, roundTrip, pipeCalls func(n int) (time.Duration, error)) error) error {
	return fmt.Errorf("procs: confining processes to one CPU needs Linux: %w", errors.ErrUnsupported)
}
