//go:build ignore

// close(ch) as an event that wakes every waiter; re-arming takes a new
// channel; a WaitGroup as a barrier before the next phase.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Event struct {
	mu sync.Mutex
	ch chan struct{}
}

func NewEvent() *Event { return &Event{ch: make(chan struct{})} }

func (e *Event) Wait() <-chan struct{} {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.ch
}

func (e *Event) Set() {
	e.mu.Lock()
	defer e.mu.Unlock()
	select {
	case <-e.ch: // already set
	default:
		close(e.ch)
	}
}

func (e *Event) IsSet() bool {
	select {
	case <-e.Wait():
		return true
	default:
		return false
	}
}

func (e *Event) Clear() {
	e.mu.Lock()
	defer e.mu.Unlock()
	select {
	case <-e.ch:
		e.ch = make(chan struct{})
	default:
	}
}

func main() {
	const waiters = 1000
	start := NewEvent()
	var ready, finished sync.WaitGroup
	var woke atomic.Int32
	for range waiters {
		ready.Add(1)
		finished.Add(1)
		go func() {
			defer finished.Done()
			c := start.Wait()
			ready.Done()
			<-c
			woke.Add(1)
		}()
	}
	ready.Wait()
	fmt.Println("before set:", woke.Load(), start.IsSet())
	start.Set()
	start.Set()
	finished.Wait()
	fmt.Println("after set:", woke.Load(), start.IsSet())

	start.Clear()
	fmt.Println("cleared:", start.IsSet())
	woke.Store(0)
	for range 10 {
		finished.Add(1)
		go func() {
			defer finished.Done()
			<-start.Wait()
			woke.Add(1)
		}()
	}
	start.Set()
	finished.Wait()
	fmt.Println("second round woke:", woke.Load())

	// Phases separated by WaitGroup barriers: no goroutine of phase p+1
	// starts before every goroutine of phase p ended.
	var mu sync.Mutex
	var log []int
	for phase := range 5 {
		var wg sync.WaitGroup
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mu.Lock()
				log = append(log, phase)
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	ordered := true
	for i := 1; i < len(log); i++ {
		ordered = ordered && log[i-1] <= log[i]
	}
	fmt.Println("phases:", len(log), "ordered:", ordered)
}
