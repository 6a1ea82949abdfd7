//go:build ignore

// Channel semantics: len and cap, FIFO order, close and drain, comma-ok
// receive on a closed channel, nil channels, and the panics of misuse.
package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok {
			fmt.Println(name+":", err.Error())
			return
		}
		fmt.Println(name+":", r)
	}()
	f()
}

func main() {
	ch := make(chan int, 3)
	fmt.Println("empty:", len(ch), cap(ch))
	ch <- 1
	ch <- 2
	fmt.Println("two in:", len(ch), cap(ch))
	ch <- 3
	select {
	case ch <- 4:
		fmt.Println("unexpected: sent to a full channel")
	default:
		fmt.Println("full: send would block")
	}
	close(ch)
	fmt.Println("closed, still buffered:", len(ch))
	for v := range ch {
		fmt.Print(v, " ")
	}
	fmt.Println("drained")
	v, ok := <-ch
	fmt.Println("comma-ok on closed:", v, ok, len(ch))

	s := make(chan string, 2)
	s <- "last words"
	close(s)
	w, ok := <-s
	fmt.Printf("buffered value after close: %q %v\n", w, ok)
	w, ok = <-s
	fmt.Printf("then zero: %q %v\n", w, ok)

	u := make(chan struct{})
	fmt.Println("unbuffered:", len(u), cap(u))

	done := make(chan bool)
	data := make(chan []int, 1)
	go func() {
		payload := []int{1, 2, 3}
		data <- payload
		payload[0] = 100 // the receiver shares the backing array
		done <- true
	}()
	got := <-data
	<-done
	fmt.Println("slices share memory:", got)

	var nilCh chan int
	select {
	case v := <-nilCh:
		fmt.Println("unexpected", v)
	case nilCh <- 1:
		fmt.Println("unexpected send")
	default:
		fmt.Println("nil channel never ready:", len(nilCh), cap(nilCh))
	}

	try("send on closed", func() {
		c := make(chan int, 1)
		close(c)
		c <- 1
	})
	try("close twice", func() {
		c := make(chan int)
		close(c)
		close(c)
	})
	try("close nil", func() {
		var c chan int
		close(c)
	})

	// Channels of channels: a request carries its own reply channel.
	type request struct {
		n     int
		reply chan int
	}
	reqs := make(chan request)
	go func() {
		for r := range reqs {
			r.reply <- r.n * r.n
		}
	}()
	sum := 0
	for i := range 100 {
		r := request{i, make(chan int, 1)}
		reqs <- r
		sum += <-r.reply
	}
	close(reqs)
	fmt.Println("request-reply sum of squares:", sum)

	var recvOnly <-chan int = make(chan int, 1)
	fmt.Printf("%T %d\n", recvOnly, cap(recvOnly))
}
