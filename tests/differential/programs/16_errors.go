//go:build ignore

// Errors: wrapping with %w, errors.Is, As and Unwrap with user error types
// that have value and pointer receivers, custom Is and Unwrap methods, and
// errors.Join.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

var ErrNotFound = errors.New("not found")

// ValueErr has a value receiver.
type ValueErr struct{ Code int }

func (e ValueErr) Error() string { return fmt.Sprintf("value error %d", e.Code) }

// PtrErr has a pointer receiver and wraps a cause.
type PtrErr struct {
	Op  string
	Err error
}

func (e *PtrErr) Error() string { return e.Op + ": " + e.Err.Error() }
func (e *PtrErr) Unwrap() error { return e.Err }

// Temporary matches any other Temporary error in errors.Is.
type Temporary struct{ Reason string }

func (t Temporary) Error() string { return "temporary: " + t.Reason }
func (t Temporary) Is(target error) bool {
	_, ok := target.(Temporary)
	return ok
}

func find(key string) error {
	if key == "" {
		return &PtrErr{Op: "find", Err: ErrNotFound}
	}
	return ValueErr{Code: len(key)}
}

func main() {
	var e error = ValueErr{7}
	fmt.Println("value receiver:", e)
	fmt.Printf("%%v %v | %%s %s | %%q %q\n", e, e, e)

	w := fmt.Errorf("lookup %q: %w", "k", find(""))
	fmt.Println(w)
	fmt.Println("Is ErrNotFound:", errors.Is(w, ErrNotFound))
	var pe *PtrErr
	fmt.Println("As *PtrErr:", errors.As(w, &pe), pe.Op)
	fmt.Println("Unwrap twice:", errors.Unwrap(errors.Unwrap(w)) == ErrNotFound)

	v := fmt.Errorf("layer 2: %w", fmt.Errorf("layer 1: %w", find("abc")))
	var ve ValueErr
	fmt.Println("As ValueErr:", errors.As(v, &ve), ve.Code, ve)
	fmt.Println("Unwrap == original:", errors.Unwrap(errors.Unwrap(v)) == error(ValueErr{3}))
	fmt.Println("Is value:", errors.Is(v, ValueErr{3}), errors.Is(v, ValueErr{4}))

	t := fmt.Errorf("retry: %w", Temporary{"disk busy"})
	fmt.Println("custom Is:", errors.Is(t, Temporary{}), errors.Is(t, ErrNotFound))

	multi := fmt.Errorf("both: %w and %w", ErrNotFound, Temporary{"net"})
	fmt.Println(multi, errors.Is(multi, ErrNotFound), errors.Is(multi, Temporary{}), errors.Unwrap(multi) == nil)

	joined := errors.Join(ValueErr{1}, nil, &PtrErr{"write", fs.ErrPermission})
	fmt.Println(joined)
	fmt.Println("joined Is:", errors.Is(joined, fs.ErrPermission), errors.As(joined, &pe), pe.Op)

	_, err := os.Open("/nonexistent/differential")
	var pathErr *fs.PathError
	fmt.Println("stdlib:", errors.Is(err, fs.ErrNotExist), errors.As(err, &pathErr), pathErr.Op)

	var nilPtr *PtrErr
	var asErr error = nilPtr
	fmt.Println("typed nil is not nil:", asErr != nil)

	errs := []error{ValueErr{1}, &PtrErr{"read", ErrNotFound}, Temporary{"x"}}
	fmt.Println(errs)
	fmt.Printf("%v\n", struct{ Err error }{ValueErr{2}})
}
