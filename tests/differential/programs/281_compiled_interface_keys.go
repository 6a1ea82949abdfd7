//go:build ignore

// Maps keyed by error and fmt.Stringer holding the program's own types
// (structs, pointers, a named int) alongside compiled errors, sentinel
// and nil keys, keys given through variables, parameters and calls, a
// named map type, and the map's %T.
package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
)

var ErrLimit = errors.New("limit")

type NotFound struct{ Key string }

func (e NotFound) Error() string { return "not found: " + e.Key }

type Busy struct{ N int }

func (e *Busy) Error() string { return "busy " + strconv.Itoa(e.N) }

type Cell struct{ Row, Col int }

func (c Cell) String() string { return fmt.Sprintf("R%dC%d", c.Row, c.Col) }

type Level int

func (l Level) String() string { return "level" + strconv.Itoa(int(l)) }

type Counts map[error]int

func tally(m map[error]int, errs ...error) {
	for _, e := range errs {
		m[e]++
	}
}

func find(key string) error {
	if key == "" {
		return nil
	}
	return NotFound{key}
}

func errorNames(m map[error]int) []string {
	var out []string
	for e := range m {
		if e == nil {
			out = append(out, "<nil>")
			continue
		}
		out = append(out, fmt.Sprintf("%T:%v", e, e))
	}
	sort.Strings(out)
	return out
}

func stringerNames(m map[fmt.Stringer]int) []string {
	var out []string
	for k := range m {
		out = append(out, fmt.Sprintf("%T=%v", k, k))
	}
	sort.Strings(out)
	return out
}

func main() {
	errs := map[error]int{ErrLimit: 1, io.EOF: 1}
	errs[NotFound{"a"}]++
	errs[NotFound{"a"}]++
	busy := &Busy{3}
	errs[busy] = 10
	errs[busy]++
	tally(errs, ErrLimit, io.EOF, NotFound{"a"}, NotFound{"b"}, busy)
	errs[find("a")]++
	errs[find("")]++
	errs[nil]++
	fmt.Println(len(errs), errs[ErrLimit], errs[io.EOF], errs[NotFound{"a"}], errs[NotFound{"b"}], errs[busy], errs[&Busy{3}], errs[nil])
	var e error = NotFound{"b"}
	fmt.Println(errs[e])
	delete(errs, NotFound{"a"})
	_, ok := errs[NotFound{"a"}]
	fmt.Println(len(errs), ok)
	fmt.Println(errorNames(errs))

	cells := map[fmt.Stringer]int{}
	cells[Cell{1, 2}]++
	cells[Cell{1, 2}]++
	cells[Level(3)] = 7
	cells[Level(3)]++
	var s fmt.Stringer = Cell{1, 2}
	cells[s] += 10
	p := &Cell{5, 5}
	cells[p] = 1
	cells[p]++
	fmt.Println(len(cells), cells[Cell{1, 2}], cells[Level(3)], cells[p], cells[&Cell{5, 5}])
	fmt.Println(stringerNames(cells))

	c := Counts{}
	c[NotFound{"z"}]++
	c[NotFound{"z"}]++
	_, err := strconv.Atoi("x")
	c[err]++
	fmt.Println(len(c), c[NotFound{"z"}], c[err])
	fmt.Printf("%T %T\n", errs, c)
	for k, v := range map[error]string{NotFound{"q"}: "q"} {
		nf, ok := k.(NotFound)
		fmt.Printf("%T %v %q %v %s\n", k, k, nf.Key, ok, v)
	}
}
