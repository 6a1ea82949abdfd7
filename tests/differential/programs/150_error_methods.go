//go:build ignore

// Errors of the program's own types with Is, As and Unwrap methods, found
// by errors.Is, errors.As and errors.AsType through wrapping, joining and
// goroutines, as a retrying fetcher would sort its failures.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"sync"
)

// StatusError is an HTTP-like failure; its As lets it be read as a Code.
type StatusError struct {
	URL    string
	Status int
}

func (e *StatusError) Error() string { return fmt.Sprintf("%s: status %d", e.URL, e.Status) }

func (e *StatusError) As(target any) bool {
	switch t := target.(type) {
	case *Code:
		*t = Code{e.Status}
		return true
	case **fs.PathError:
		if e.Status == 404 {
			*t = &fs.PathError{Op: "get", Path: e.URL, Err: fs.ErrNotExist}
			return true
		}
	}
	return false
}

// Is makes every 404 match fs.ErrNotExist, and any 5xx match ErrServer.
func (e *StatusError) Is(target error) bool {
	switch target {
	case fs.ErrNotExist:
		return e.Status == 404
	case ErrServer:
		return e.Status >= 500
	}
	return false
}

// Code is a bare status, an error of its own.
type Code struct{ N int }

func (c Code) Error() string { return fmt.Sprint("code ", c.N) }

var ErrServer = errors.New("server error")

// Retry wraps the last failure of several attempts, by value.
type Retry struct {
	Attempts int
	Last     error
}

func (r Retry) Error() string { return fmt.Sprintf("%d attempts: %v", r.Attempts, r.Last) }
func (r Retry) Unwrap() error { return r.Last }

// Temporary matches any Retry of fewer than 3 attempts, by value.
func (r Retry) Is(target error) bool {
	t, ok := target.(Retry)
	return ok && t.Attempts == 0 && r.Attempts < 3
}

// Quiet reads as a Retry with no attempts.
type Quiet struct{ msg string }

func (q Quiet) Error() string { return q.msg }
func (q Quiet) As(target any) bool {
	if r, ok := target.(*Retry); ok {
		*r = Retry{0, q}
		return true
	}
	return false
}

func fetch(i int) error {
	statuses := []int{200, 404, 503, 418, 500}
	s := statuses[i%len(statuses)]
	switch {
	case s == 200:
		return nil
	case i%2 == 0:
		return fmt.Errorf("fetch %d: %w", i, &StatusError{fmt.Sprintf("/item/%d", i), s})
	default:
		return Retry{i % 4, &StatusError{fmt.Sprintf("/item/%d", i), s}}
	}
}

func main() {
	errs := make([]error, 10)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fetch(i)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err == nil {
			fmt.Println(i, "ok")
			continue
		}
		var c Code
		var pe *fs.PathError
		var r Retry
		fmt.Printf("%d %v\n", i, err)
		fmt.Println("  as code:", errors.As(err, &c), c)
		fmt.Println("  as path:", errors.As(err, &pe), pe)
		fmt.Println("  as retry:", errors.As(err, &r), r.Attempts)
		fmt.Println("  not found:", errors.Is(err, fs.ErrNotExist), "server:", errors.Is(err, ErrServer),
			"temporary:", errors.Is(err, Retry{}))
		if se, ok := errors.AsType[*StatusError](err); ok {
			fmt.Println("  status error:", se.Status)
		}
		if c, ok := errors.AsType[Code](err); ok {
			fmt.Println("  code via AsType:", c.N)
		}
	}

	joined := errors.Join(Quiet{"quiet"}, errs[1], errs[2])
	var r Retry
	fmt.Println(errors.As(joined, &r), r.Attempts, r.Last)
	if q, ok := errors.AsType[Retry](joined); ok {
		fmt.Println("joined retry:", q)
	}
	fmt.Println(errors.Is(joined, fs.ErrNotExist), errors.Is(joined, ErrServer))

	// A compiled error's As method, called with a target of our type.
	var c Code
	fmt.Println(errors.As(fmt.Errorf("outer: %w", errors.Join(errors.New("x"), &StatusError{"/z", 301})), &c), c)
}
