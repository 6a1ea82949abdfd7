//go:build ignore

// One select statement with a send case, executed by eight goroutines at
// once, each sending its own value on its own channel.
package main

import (
	"fmt"
	"sync"
)

func produce(id, n int, out chan<- int, stop <-chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	defer close(out)
	for range n {
		select {
		case out <- id:
		case <-stop:
			return
		}
	}
}

func main() {
	const workers, msgs = 8, 20000
	stop := make(chan struct{}) // never closed: a second case for every select
	chans := make([]chan int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		chans[w] = make(chan int, 16)
		wg.Add(1)
		go produce(w, msgs, chans[w], stop, &wg)
	}
	counts := make([]int, workers)
	misrouted := make([]int, workers)
	var cw sync.WaitGroup
	for w := range workers {
		cw.Add(1)
		go func() {
			defer cw.Done()
			for v := range chans[w] {
				counts[w]++
				if v != w {
					misrouted[w]++
				}
			}
		}()
	}
	wg.Wait()
	cw.Wait()
	total, wrong := 0, 0
	for w := range workers {
		total += counts[w]
		wrong += misrouted[w]
	}
	fmt.Println("per worker", counts)
	fmt.Println("messages", total, "misrouted", wrong)
}
