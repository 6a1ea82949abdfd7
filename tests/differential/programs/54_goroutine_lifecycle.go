//go:build ignore

// Go has no is_alive, name or ident for a goroutine: pass an id, and keep
// track with done channels and counters, never runtime.NumGoroutine.
package main

import (
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

type Handle struct {
	ID   int
	Name string
	done chan struct{}
}

func (h *Handle) Alive() bool {
	select {
	case <-h.done:
		return false
	default:
		return true
	}
}

func (h *Handle) Join() { <-h.done }

func start(id int, name string, f func()) *Handle {
	h := &Handle{ID: id, Name: name, done: make(chan struct{})}
	go func() {
		defer close(h.done)
		f()
	}()
	return h
}

func main() {
	release := make(chan struct{})
	var handles []*Handle
	for i := range 5 {
		handles = append(handles, start(i, fmt.Sprintf("Thread-%d", i+1), func() {
			if i%2 == 0 {
				<-release
			}
		}))
	}
	// Join the ones that do not wait, then look at the others.
	for _, h := range handles {
		if h.ID%2 == 1 {
			h.Join()
		}
	}
	var alive []string
	for _, h := range handles {
		if h.Alive() {
			alive = append(alive, h.Name)
		}
	}
	fmt.Println("alive:", alive)
	close(release)
	for _, h := range handles {
		h.Join()
	}
	dead := 0
	for _, h := range handles {
		if !h.Alive() {
			dead++
		}
	}
	fmt.Println("finished:", dead)

	// Count live workers ourselves: started, running, exited.
	var started, exited atomic.Int32
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 300 {
		wg.Add(1)
		started.Add(1)
		go func() {
			defer wg.Done()
			defer exited.Add(1)
			select {
			case <-stop:
			case <-time.After(time.Minute):
			}
		}()
	}
	fmt.Println("running before stop:", started.Load()-exited.Load())
	close(stop)
	wg.Wait()
	fmt.Println("running after stop:", started.Load()-exited.Load())

	// Results keyed by the id each goroutine was given.
	res := make(chan [2]int)
	for id := range 10 {
		go func() { res <- [2]int{id, id * id} }()
	}
	var pairs [][2]int
	for range 10 {
		pairs = append(pairs, <-res)
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i][0] < pairs[j][0] })
	fmt.Println(pairs)
}
