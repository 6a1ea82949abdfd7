//go:build ignore

// context.WithCancel stops workers that select on ctx.Done; cancelling a
// parent cancels its children; values travel down the tree.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

type key string

func worker(ctx context.Context, id int, jobs <-chan int, done *[8]int, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-jobs:
			done[id] += j
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	jobs := make(chan int)
	var done [8]int
	var wg sync.WaitGroup
	for id := range 8 {
		wg.Add(1)
		go worker(ctx, id, jobs, &done, &wg)
	}
	for i := 1; i <= 1000; i++ {
		jobs <- i
	}
	cancel()
	wg.Wait()
	total := 0
	for _, d := range done {
		total += d
	}
	fmt.Println("work done before cancel:", total, "err:", ctx.Err())
	fmt.Println("is Canceled:", errors.Is(ctx.Err(), context.Canceled), "cause:", context.Cause(ctx))
	cancel() // a second cancel does nothing

	parent, cancelParent := context.WithCancel(context.WithValue(context.Background(), key("user"), "gopher"))
	var children []context.Context
	for range 5 {
		c, cancelChild := context.WithCancel(parent)
		defer cancelChild()
		children = append(children, c)
	}
	grandchild, stop := context.WithCancel(children[2])
	defer stop()
	fmt.Println("before:", parent.Err(), children[0].Err(), grandchild.Err())
	cancelParent()
	var wg2 sync.WaitGroup
	var mu sync.Mutex
	stopped := 0
	for _, c := range append(children, grandchild) {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			<-c.Done()
			mu.Lock()
			stopped++
			mu.Unlock()
		}()
	}
	wg2.Wait()
	fmt.Println("stopped children:", stopped, grandchild.Err())
	fmt.Println("value:", grandchild.Value(key("user")), grandchild.Value(key("none")))

	// Cancelling a child leaves the parent alone.
	p2, c2 := context.WithCancel(context.Background())
	ch, cc := context.WithCancel(p2)
	cc()
	fmt.Println("child only:", p2.Err(), ch.Err())
	c2()

	detached := context.WithoutCancel(parent)
	fmt.Println("without cancel:", detached.Err(), detached.Value(key("user")))
}
