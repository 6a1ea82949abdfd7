//go:build ignore

// Merging two channels that close at different times: a closed input is
// set to nil so its select case is disabled.
package main

import "fmt"

func source(from, to int) <-chan int {
	c := make(chan int)
	go func() {
		defer close(c)
		for i := from; i < to; i++ {
			c <- i
		}
	}()
	return c
}

func mergeSum(a, b <-chan int) (sum, fromA, fromB int) {
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			sum += v
			fromA++
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			sum += v
			fromB++
		}
	}
	return sum, fromA, fromB
}

func main() {
	sum, na, nb := mergeSum(source(0, 3000), source(10000, 10500))
	fmt.Println("sum", sum, "from a", na, "from b", nb)

	// A send case enabled only when there is something to send.
	in := source(1, 101)
	out := make(chan int)
	done := make(chan int)
	go func() {
		total := 0
		for v := range out {
			total += v
		}
		done <- total
	}()
	var pending []int
	for in != nil || len(pending) > 0 {
		var send chan int
		var next int
		if len(pending) > 0 {
			send = out
			next = pending[0]
		}
		select {
		case v, ok := <-in:
			if !ok {
				in = nil
				continue
			}
			pending = append(pending, v*2)
		case send <- next:
			pending = pending[1:]
		}
	}
	close(out)
	fmt.Println("queued and forwarded:", <-done)
}
