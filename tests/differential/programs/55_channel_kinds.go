//go:build ignore

// Channels carrying structs, functions, interfaces, errors and other
// channels; directional channel types passed between goroutines.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Order struct {
	ID    int
	Items []string
	Paid  bool
}

type Shape interface{ Area() int }
type Sq int

func (s Sq) Area() int { return int(s * s) }

func main() {
	orders := make(chan Order, 4)
	go func() {
		defer close(orders)
		for i := range 4 {
			orders <- Order{i, strings.Split(strings.Repeat("x,", i+1), ","), i%2 == 0}
		}
	}()
	for o := range orders {
		fmt.Printf("%+v\n", o)
	}

	tasks := make(chan func() int)
	results := make(chan int)
	go func() {
		for t := range tasks {
			results <- t()
		}
		close(results)
	}()
	go func() {
		for i := range 5 {
			tasks <- func() int { return i * 100 }
		}
		close(tasks)
	}()
	var got []int
	for r := range results {
		got = append(got, r)
	}
	fmt.Println("funcs through a channel:", got)

	shapes := make(chan Shape, 3)
	shapes <- Sq(2)
	shapes <- Sq(3)
	close(shapes)
	total := 0
	for s := range shapes {
		total += s.Area()
	}
	fmt.Println("interfaces:", total)

	errc := make(chan error, 10)
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%3 == 0 {
				errc <- fmt.Errorf("job %d: %w", i, errors.ErrUnsupported)
				return
			}
			errc <- nil
		}()
	}
	wg.Wait()
	close(errc)
	var msgs []string
	nils := 0
	for err := range errc {
		if err == nil {
			nils++
			continue
		}
		if errors.Is(err, errors.ErrUnsupported) {
			msgs = append(msgs, err.Error())
		}
	}
	sort.Strings(msgs)
	fmt.Println("errors:", msgs, "nil:", nils)

	// A server goroutine answering on reply channels sent to it.
	requests := make(chan chan string)
	go func() {
		n := 0
		for reply := range requests {
			n++
			reply <- fmt.Sprint("answer ", n)
		}
	}()
	for range 3 {
		reply := make(chan string)
		requests <- reply
		fmt.Println(<-reply)
	}
	close(requests)

	var send chan<- int
	var recv <-chan int
	both := make(chan int, 1)
	send, recv = both, both
	send <- 9
	fmt.Println("directional:", <-recv)

	arr := make(chan [3]int, 1)
	a := [3]int{1, 2, 3}
	arr <- a
	a[0] = 100
	fmt.Println("arrays are copied:", <-arr)

	ptrs := make(chan *Order, 1)
	o := &Order{ID: 1}
	ptrs <- o
	o.Paid = true
	fmt.Println("pointers are shared:", (<-ptrs).Paid)
}
