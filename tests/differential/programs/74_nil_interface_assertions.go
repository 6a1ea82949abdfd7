//go:build ignore

// Comma-ok assertions from one interface type to another: a nil value
// gives false, a value with the methods gives true, and the asserted
// expression is evaluated once.
package main

import (
	"errors"
	"fmt"
	"sync"
)

type timeout struct{ op string }

func (t timeout) Error() string   { return t.op + ": timed out" }
func (t timeout) Timeout() bool   { return true }
func (t timeout) String() string  { return "timeout(" + t.op + ")" }
func (t timeout) Temporary() bool { return false }

var calls int

func fetch(fail bool) error {
	calls++
	if fail {
		return timeout{"fetch"}
	}
	return nil
}

func isTimeout(err error) bool {
	if t, ok := err.(interface{ Timeout() bool }); ok {
		return t.Timeout()
	}
	return false
}

func main() {
	var err error
	_, ok := err.(fmt.Stringer)
	fmt.Println("nil error as Stringer:", ok)

	fmt.Println("nil is timeout:", isTimeout(nil), "timeout is timeout:", isTimeout(fetch(true)))

	if s, ok := fetch(true).(fmt.Stringer); ok {
		fmt.Println("stringer:", s.String())
	}
	var s2, ok2 = fetch(false).(fmt.Stringer)
	fmt.Println("declared:", s2 == nil, ok2, "calls:", calls)

	wrapped := fmt.Errorf("round 2: %w", errors.New("plain"))
	_, ok = wrapped.(interface{ Timeout() bool })
	fmt.Println("wrapped plain error is timeout:", ok)

	// Workers report errors; the collector sorts out the timeouts.
	errs := make(chan error, 8)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- fetchNth(i)
		}()
	}
	wg.Wait()
	close(errs)
	timeouts, nils, others := 0, 0, 0
	for err := range errs {
		switch _, ok := err.(interface{ Timeout() bool }); {
		case ok:
			timeouts++
		case err == nil:
			nils++
		default:
			others++
		}
	}
	fmt.Println("timeouts:", timeouts, "nil:", nils, "other:", others)
}

func fetchNth(i int) error {
	switch i % 3 {
	case 0:
		return timeout{fmt.Sprint("op", i)}
	case 1:
		return nil
	}
	return errors.New("refused")
}
