//go:build ignore

// A futures pool built from channels: Submit returns a Future with Result
// and Done; Map keeps input order; AsCompleted yields in completion order
// (sorted here for printing); a failed task fails Map, or is collected.
package main

import (
	"errors"
	"fmt"
	"sort"
	"sync"
)

type Future[T any] struct {
	done chan struct{}
	val  T
	err  error
	arg  int
}

func (f *Future[T]) Result() (T, error) {
	<-f.done
	return f.val, f.err
}

func (f *Future[T]) Done() bool {
	select {
	case <-f.done:
		return true
	default:
		return false
	}
}

type Pool[T any] struct {
	tasks chan func()
	wg    sync.WaitGroup
}

func NewPool[T any](workers int) *Pool[T] {
	p := &Pool[T]{tasks: make(chan func())}
	for range workers {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for t := range p.tasks {
				t()
			}
		}()
	}
	return p
}

func (p *Pool[T]) Submit(arg int, f func(int) (T, error)) *Future[T] {
	fut := &Future[T]{done: make(chan struct{}), arg: arg}
	p.tasks <- func() {
		defer close(fut.done)
		defer func() {
			if r := recover(); r != nil {
				fut.err = fmt.Errorf("task %d panicked: %v", arg, r)
			}
		}()
		fut.val, fut.err = f(arg)
	}
	return fut
}

func (p *Pool[T]) Shutdown() { close(p.tasks); p.wg.Wait() }

func AsCompleted[T any](fs []*Future[T]) <-chan *Future[T] {
	out := make(chan *Future[T], len(fs))
	var wg sync.WaitGroup
	for _, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-f.done
			out <- f
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

var errOdd = errors.New("odd price missing")

func price(day int) (float64, error) {
	if day%10 == 7 {
		return 0, fmt.Errorf("day %d: %w", day, errOdd)
	}
	if day == 30 {
		panic("exchange down")
	}
	return float64(day*day%97) + 0.5, nil
}

func main() {
	pool := NewPool[float64](4)
	var futures []*Future[float64]
	for day := 1; day <= 31; day++ {
		futures = append(futures, pool.Submit(day, price))
	}

	// Map: results in order; the first failure (in input order) fails it.
	var firstErr error
	var ordered []float64
	for _, f := range futures {
		v, err := f.Result()
		if err != nil && firstErr == nil {
			firstErr = err
		}
		ordered = append(ordered, v)
	}
	fmt.Println("map failed with:", firstErr)
	fmt.Println("first five:", ordered[:5])

	// Silent mode: collect failures with their arguments.
	var ok []string
	var failed []string
	for f := range AsCompleted(futures) {
		if _, err := f.Result(); err != nil {
			failed = append(failed, fmt.Sprintf("%d: %v", f.arg, err))
			continue
		}
		ok = append(ok, fmt.Sprint(f.arg))
	}
	sort.Strings(failed)
	fmt.Println("succeeded:", len(ok), "failed:", failed)
	allDone := true
	for _, f := range futures {
		allDone = allDone && f.Done()
	}
	fmt.Println("all done:", allDone)
	pool.Shutdown()
}
