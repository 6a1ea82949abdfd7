//go:build ignore

//differential:trace

// Workers started one after the other, the third failing: its panic
// report names it as Go numbers goroutines (main is 1, a program's own
// start at 7 under one processor) and ends with the go statement that
// created it.
package main

import "fmt"

func check(n int) {
	if n > 2 {
		panic(fmt.Sprintf("worker %d failed", n))
	}
}

func worker(n int, done chan<- int) {
	check(n)
	done <- n
}

func main() {
	done := make(chan int)
	for i := 1; i <= 2; i++ {
		go worker(i, done)
		fmt.Println("worker", <-done, "done")
	}
	go worker(3, done)
	<-done
}
