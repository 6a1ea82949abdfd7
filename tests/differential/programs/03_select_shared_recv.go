//go:build ignore

// One select statement executed by eight goroutines at once, each with
// its own channel: every message must reach the worker it was sent to.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func worker(id int, my <-chan int, quit <-chan struct{}, received, misrouted *atomic.Int64, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		select {
		case v, ok := <-my:
			if !ok {
				return
			}
			received.Add(1)
			if v != id {
				misrouted.Add(1)
			}
		case <-quit:
			return
		}
	}
}

func main() {
	const workers, msgs = 8, 20000
	var received, misrouted atomic.Int64
	var wg sync.WaitGroup
	quit := make(chan struct{}) // never closed: a second case for every select
	chans := make([]chan int, workers)
	for w := range workers {
		chans[w] = make(chan int, 16)
		wg.Add(1)
		go worker(w, chans[w], quit, &received, &misrouted, &wg)
	}
	var senders sync.WaitGroup
	for w := range workers {
		senders.Add(1)
		go func() {
			defer senders.Done()
			for range msgs {
				chans[w] <- w
			}
		}()
	}
	senders.Wait()
	for _, c := range chans {
		close(c)
	}
	wg.Wait()
	fmt.Println("messages", workers*msgs, "received", received.Load(), "misrouted", misrouted.Load())
}
