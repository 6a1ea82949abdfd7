//go:build ignore

//differential:trace

// go statements of interface methods: the statement takes the interface's
// value, and its arguments, when it runs; a nil interface panics in the
// goroutine that runs the statement, after the arguments are evaluated
// and before any new goroutine starts, and main's deferred calls run.
package main

import (
	"fmt"
	"sync"
	"time"
)

type worker interface {
	Work(wg *sync.WaitGroup, id int)
}

type named struct{ name string }

func (n named) Work(wg *sync.WaitGroup, id int) { defer wg.Done(); fmt.Println("work", n.name, id) }

type counted struct{ n int }

func (c *counted) Work(wg *sync.WaitGroup, id int) {
	defer wg.Done()
	c.n += id
	fmt.Println("counted", c.n)
}

func arg(n int) int { fmt.Println("argument", n); return n }

func main() {
	var wg sync.WaitGroup
	var w worker = named{"a"}
	wg.Add(1)
	go w.Work(&wg, 1)
	w = named{"b"}
	wg.Wait()
	wg.Add(1)
	go w.Work(&wg, 2)
	wg.Wait()

	c := &counted{}
	w = c
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go w.Work(&wg, i)
		wg.Wait()
	}

	defer fmt.Println("main's deferred call")
	var none worker
	go none.Work(&wg, arg(9))
	time.Sleep(5 * time.Second)
	fmt.Println("not reached")
}
