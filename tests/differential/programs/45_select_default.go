//go:build ignore

// select with default as a non-blocking send or receive, select choosing
// among several ready cases, and time.After as a timeout.
package main

import (
	"fmt"
	"time"
)

func trySend(c chan<- int, v int) bool {
	select {
	case c <- v:
		return true
	default:
		return false
	}
}

func tryRecv(c <-chan int) (int, bool) {
	select {
	case v := <-c:
		return v, true
	default:
		return 0, false
	}
}

func main() {
	c := make(chan int, 3)
	sent := 0
	for i := range 10 {
		if trySend(c, i) {
			sent++
		}
	}
	fmt.Println("sent without blocking:", sent)
	var got []int
	for {
		v, ok := tryRecv(c)
		if !ok {
			break
		}
		got = append(got, v)
	}
	fmt.Println("received without blocking:", got)

	// With both cases always ready, select picks each of them.
	a := make(chan int, 1)
	b := make(chan int, 1)
	picks := [2]int{}
	for range 2000 {
		a <- 1
		b <- 1
		select {
		case <-a:
			picks[0]++
			<-b
		case <-b:
			picks[1]++
			<-a
		}
	}
	fmt.Println("both chosen:", picks[0] > 0 && picks[1] > 0, "total", picks[0]+picks[1])

	// Queue(maxsize) with block=False and timeout=.
	q := make(chan string, 1)
	q <- "first"
	select {
	case q <- "second":
		fmt.Println("unexpected")
	case <-time.After(3 * time.Millisecond):
		fmt.Println("put timed out: queue full")
	}
	fmt.Println(<-q)
	select {
	case v := <-q:
		fmt.Println("unexpected", v)
	case <-time.After(3 * time.Millisecond):
		fmt.Println("get timed out: queue empty")
	}

	// A default-only select and an empty-case loop with a counter.
	n := 0
	for n < 5 {
		select {
		default:
			n++
		}
	}
	fmt.Println("default-only select ran", n)

	// Select in a goroutine that polls for a quit signal between steps.
	quit := make(chan struct{})
	reached := make(chan struct{})
	result := make(chan int)
	go func() {
		work := 0
		for {
			select {
			case <-quit:
				result <- work
				return
			default:
				if work < 1000 {
					work++
					if work == 1000 {
						close(reached)
					}
				} else {
					time.Sleep(100 * time.Microsecond)
				}
			}
		}
	}()
	<-reached
	close(quit)
	fmt.Println("polled work:", <-result)
}
