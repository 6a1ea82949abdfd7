//go:build ignore

// Type switches: concrete types, several types in one case, interfaces,
// nil, and errors; values arriving from goroutines.
package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.0fC", float64(c)) }

type Shape interface{ Area() float64 }

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

type Square struct{ S float64 }

func (s *Square) Area() float64 { return s.S * s.S }

type NotFound struct{ Key string }

func (e NotFound) Error() string { return "not found: " + e.Key }

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprintf("integer %T %v", x, x)
	case string:
		return "string of length " + fmt.Sprint(len(x))
	case Celsius:
		return "temperature " + x.String()
	case error:
		var nf NotFound
		if errors.As(x, &nf) {
			return "missing " + nf.Key
		}
		return "error " + x.Error()
	case fmt.Stringer:
		return "stringer " + x.String()
	case Shape:
		return fmt.Sprintf("shape %T area %.1f", x, x.Area())
	case []int:
		return fmt.Sprint("ints ", len(x))
	case func() int:
		return fmt.Sprint("func returning ", x())
	case chan int:
		return fmt.Sprint("channel cap ", cap(x))
	case map[string]int:
		return fmt.Sprint("map ", len(x))
	case io.Reader:
		b, _ := io.ReadAll(x)
		return "reader " + string(b)
	default:
		return fmt.Sprintf("other %T", x)
	}
}

func main() {
	values := []any{
		nil, 42, int64(7), "hello", Celsius(21), NotFound{"k"}, errors.New("plain"),
		fmt.Errorf("wrap: %w", NotFound{"deep"}), Rect{2, 3}, &Square{4}, Square{5},
		[]int{1, 2}, func() int { return 9 }, make(chan int, 3), map[string]int{"a": 1},
		strings.NewReader("stream"), 3.5, struct{}{},
	}
	for _, v := range values {
		fmt.Println(describe(v))
	}

	results := make(chan any, 100)
	var wg sync.WaitGroup
	for i := range 60 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch i % 3 {
			case 0:
				results <- i
			case 1:
				results <- fmt.Sprint(i)
			default:
				results <- NotFound{fmt.Sprint(i)}
			}
		}()
	}
	wg.Wait()
	close(results)
	sums := map[string]int{}
	for r := range results {
		switch r := r.(type) {
		case int:
			sums["int"] += r
		case string:
			sums["string"] += len(r)
		case error:
			sums["error"]++
		}
	}
	kinds := []string{}
	for k := range sums {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Print(k, "=", sums[k], " ")
	}
	fmt.Println()

	var s Shape = Rect{1, 1}
	if r, ok := s.(Rect); ok {
		fmt.Println("comma-ok assertion:", r.W)
	}
	_, ok := s.(*Square)
	fmt.Println("wrong type:", ok)
}
