//go:build ignore

// A pipeline of stages connected by channels, each stage closing its
// output; and early cancellation with a done channel that lets every stage
// exit.
package main

import (
	"fmt"
	"sync"
)

func gen(done <-chan struct{}, nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			select {
			case out <- n:
			case <-done:
				return
			}
		}
	}()
	return out
}

func counter(done <-chan struct{}, from int, exited *sync.WaitGroup) <-chan int {
	out := make(chan int)
	exited.Add(1)
	go func() {
		defer exited.Done()
		defer close(out)
		for n := from; ; n++ {
			select {
			case out <- n:
			case <-done:
				return
			}
		}
	}()
	return out
}

func stage(done <-chan struct{}, in <-chan int, f func(int) int, exited *sync.WaitGroup) <-chan int {
	out := make(chan int)
	exited.Add(1)
	go func() {
		defer exited.Done()
		defer close(out)
		for n := range in {
			select {
			case out <- f(n):
			case <-done:
				return
			}
		}
	}()
	return out
}

func filter(in <-chan int, keep func(int) bool) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			if keep(n) {
				out <- n
			}
		}
	}()
	return out
}

func main() {
	done := make(chan struct{})
	nums := make([]int, 1000)
	for i := range nums {
		nums[i] = i + 1
	}
	var exited sync.WaitGroup
	sq := stage(done, gen(done, nums...), func(n int) int { return n * n }, &exited)
	odd := filter(sq, func(n int) bool { return n%2 == 1 })
	sum, count := 0, 0
	for v := range odd {
		sum += v
		count++
	}
	fmt.Println("odd squares:", count, "sum:", sum)

	// Take the first ten values of an endless pipeline, then cancel.
	stop := make(chan struct{})
	var stopped sync.WaitGroup
	src := counter(stop, 1, &stopped)
	doubled := stage(stop, src, func(n int) int { return 2 * n }, &stopped)
	plusOne := stage(stop, doubled, func(n int) int { return n + 1 }, &stopped)
	var first []int
	for v := range plusOne {
		first = append(first, v)
		if len(first) == 10 {
			break
		}
	}
	close(stop)
	stopped.Wait()
	fmt.Println("first ten:", first, "all stages exited")
	close(done)
	exited.Wait()
}
