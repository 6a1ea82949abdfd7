//go:build ignore

//differential:trace

// go x.m(g()): a method given all the results of a call, on a pointer, on
// a value, through an interface and promoted; the receiver and the
// results taken by the statement; then such a goroutine's panic.
package main

import (
	"fmt"
	"sync"
	"time"
)

type job struct{ id int }

func (j *job) run(wg *sync.WaitGroup, s string) { defer wg.Done(); fmt.Println("run", j.id, s) }
func (j job) runv(wg *sync.WaitGroup, s string) { defer wg.Done(); fmt.Println("runv", j.id, s) }
func (j *job) fail(n int, s string)             { panic(fmt.Sprint(s, " ", n, " ", j.id)) }

type runner interface{ run(*sync.WaitGroup, string) }

type wrapped struct{ job }

var wg sync.WaitGroup

func next(s string) (*sync.WaitGroup, string) { return &wg, s }

func pair() (int, string) { return 4, "failed" }

func main() {
	j := &job{1}
	wg.Add(1)
	go j.run(next("first"))
	wg.Wait()
	wg.Add(1)
	go j.runv(next("second"))
	j.id = 2
	wg.Wait()
	var r runner = j
	wg.Add(1)
	go r.run(next("third"))
	wg.Wait()
	w := wrapped{job{3}}
	wg.Add(1)
	go w.runv(next("fourth"))
	w.id = 4
	wg.Wait()

	go j.fail(pair())
	time.Sleep(5 * time.Second)
	fmt.Println("not reached")
}
