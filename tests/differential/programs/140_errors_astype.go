//go:build ignore

// errors.AsType, the generic errors.As of Go 1.26: a worker pool whose
// jobs fail with errors of the program's own types, wrapped and joined,
// picked out by type after every worker is done.
package main

import (
	"errors"
	"fmt"
	"sort"
	"sync"
)

type TimeoutError struct {
	Job     int
	Seconds float64
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("job %d timed out after %.1fs", e.Job, e.Seconds)
}

type QuotaError struct{ Used, Limit int }

func (e QuotaError) Error() string { return fmt.Sprintf("quota %d/%d", e.Used, e.Limit) }

func run(job int) error {
	switch job % 4 {
	case 1:
		return fmt.Errorf("run %d: %w", job, &TimeoutError{job, float64(job) / 2})
	case 2:
		return fmt.Errorf("run %d: %w", job, errors.Join(errors.New("disk"), QuotaError{job * 10, 100}))
	case 3:
		return fmt.Errorf("job %d: %w", job, errors.New("retry"))
	}
	return nil
}

func main() {
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	jobs := make(chan int)
	for w := 0; w < 3; w++ {
		wg.Go(func() {
			for j := range jobs {
				if err := run(j); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	for j := 0; j < 12; j++ {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	sort.Slice(errs, func(i, k int) bool { return errs[i].Error() < errs[k].Error() })
	for _, err := range errs {
		if t, ok := errors.AsType[*TimeoutError](err); ok {
			fmt.Printf("timeout: job %d, %.1fs (%v)\n", t.Job, t.Seconds, err)
			continue
		}
		if q, ok := errors.AsType[QuotaError](err); ok {
			fmt.Printf("quota: %d of %d (%v)\n", q.Used, q.Limit, err)
			continue
		}
		fmt.Println("other:", err)
	}
	_, ok := errors.AsType[QuotaError](nil)
	fmt.Println("nil holds a quota error:", ok)
}
