//go:build ignore

// Values of the program's own types put into the standard library's
// interfaces by conversion and by assignment of a literal, then used by
// compiled code: fmt's %w, errors.Unwrap, sort and a channel of errors
// filled by goroutines.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Op struct {
	Name string
	Err  error
}

func (o Op) Error() string { return o.Name + ": " + o.Err.Error() }
func (o Op) Unwrap() error { return o.Err }

type Status int

func (s Status) Error() string { return fmt.Sprintf("status %d", int(s)) }

type Grid [2]int

func (g Grid) Error() string { return fmt.Sprintf("cell %d,%d", g[0], g[1]) }

type Word struct{ s string }

func (w *Word) String() string { return strings.ToUpper(w.s) }

type byLen []string

func (b byLen) Len() int           { return len(b) }
func (b byLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b byLen) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

var ErrBase error = Op{"base", errors.New("root")}

func main() {
	var err error = Op{"read", Status(404)}
	fmt.Println(fmt.Errorf("fetch: %w", err))
	fmt.Println(errors.Unwrap(err))
	err = Grid{3, 4}
	fmt.Println(fmt.Errorf("move: %w", err), errors.Unwrap(err) == nil)
	e2 := error(Status(500))
	fmt.Println(fmt.Errorf("%w", e2), errors.Is(fmt.Errorf("x: %w", e2), Status(500)))
	e3 := error(&Op{"ptr", ErrBase})
	fmt.Println(errors.Is(e3, ErrBase), fmt.Errorf("wrapped: %w", e3))

	var s fmt.Stringer = &Word{"go"}
	fmt.Println(s.String(), fmt.Stringer(&Word{"run"}))

	words := []string{"channel", "go", "mutex", "select"}
	var si sort.Interface = byLen(words)
	sort.Sort(si)
	sort.Stable(sort.Reverse(sort.Interface(byLen(words))))
	fmt.Println(words)

	errs := make(chan error, 4)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var e error
			switch i % 2 {
			case 0:
				e = Op{fmt.Sprint("job", i), Status(i)}
			default:
				e = error(Grid{i, i})
			}
			errs <- fmt.Errorf("worker %d: %w", i, e)
		}()
	}
	wg.Wait()
	close(errs)
	var lines []string
	for e := range errs {
		var st Status
		lines = append(lines, fmt.Sprintf("%v (status: %v)", e, errors.As(e, &st)))
	}
	sort.Strings(lines)
	fmt.Println(strings.Join(lines, "\n"))
}
