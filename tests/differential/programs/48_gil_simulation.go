//go:build ignore

// A simulated global interpreter lock, born locked: threads take it to run
// and release it around blocking I/O. With the lock, n += 1 split into
// load and store still loses no update only if a user lock covers both.
package main

import (
	"fmt"
	"strings"
	"sync"
)

// GIL is a lock one goroutine holds at a time, handed over explicitly.
type GIL chan struct{}

func NewGIL() GIL { return make(GIL, 1) } // created locked: nobody can run until released

func (g GIL) Acquire() { g <- struct{}{} }
func (g GIL) Release() { <-g }

func main() {
	gil := NewGIL()
	gil.Acquire() // main holds it, as the main thread does at start
	var log []string
	var logMu sync.Mutex
	say := func(s string) {
		logMu.Lock()
		log = append(log, s)
		logMu.Unlock()
	}

	// Two threads connect: each releases the GIL while "connecting", so
	// both connect before either finishes.
	var connecting sync.WaitGroup
	connecting.Add(2)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gil.Acquire()
			say("connecting")
			gil.Release() // blocking I/O begins
			connecting.Done()
			connecting.Wait() // the I/O completes after both started
			gil.Acquire()
			say("connected")
			gil.Release()
		}()
	}
	gil.Release()
	wg.Wait()
	fmt.Println(strings.Join(log, ", "))

	// n += 1 as load, then store, with the GIL released in between
	// (a check interval of one step): only a user lock makes it exact.
	const threads = 1000
	var user sync.Mutex
	n := 0
	for range threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user.Lock()
			defer user.Unlock()
			gil.Acquire()
			v := n
			gil.Release()
			gil.Acquire()
			n = v + 1
			gil.Release()
		}()
	}
	wg.Wait()
	fmt.Println("with a user lock:", n)

	// Token passing: threads run strictly in turn, as under a GIL with
	// forced switching between two CPU-bound threads.
	turns := []chan struct{}{make(chan struct{}), make(chan struct{})}
	var out strings.Builder
	for id := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				<-turns[id]
				fmt.Fprint(&out, id)
				next := turns[1-id]
				go func() { next <- struct{}{} }()
			}
		}()
	}
	turns[0] <- struct{}{}
	wg.Wait()
	<-turns[0] // the last hand-off, unreceived
	fmt.Println("strict turns:", out.String())
}
