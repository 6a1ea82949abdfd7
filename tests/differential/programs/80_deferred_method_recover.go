//go:build ignore

// A worker's guard is a method: deferred as a method call, on a value, a
// pointer or an interface, its recover stops the panic, as Go's recover
// does when the deferred call is the function that calls it. The receiver
// and the arguments are the values at the defer statement; a guard
// deferred in a loop still runs once per iteration, in reverse order.
package main

import (
	"errors"
	"fmt"
	"sync"
)

type guard struct{ name string }

func (g guard) catch(errs *[]string) {
	if r := recover(); r != nil {
		*errs = append(*errs, fmt.Sprintf("%s caught %v", g.name, r))
	}
}

type counter struct {
	mu     sync.Mutex
	panics int
}

func (c *counter) absorb(id int) {
	if r := recover(); r != nil {
		c.mu.Lock()
		c.panics++
		c.mu.Unlock()
		fmt.Println("worker", id, "recovered:", r)
	}
}

type catcher interface{ catchInto(err *error) }

type wrapper struct{ op string }

func (w wrapper) catchInto(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: %v", w.op, r)
	}
}

type noop struct{}

func (noop) done(tag string) { fmt.Println("done", tag, recover()) }

func byValue() (errs []string) {
	g := guard{"first"}
	defer g.catch(&errs)
	g.name = "changed"
	panic("value receiver")
}

func viaInterface() (err error) {
	var c catcher = wrapper{"parse"}
	defer c.catchInto(&err)
	c = wrapper{"other"}
	panic(errors.New("bad input"))
}

func inLoop() {
	for _, tag := range []string{"a", "b", "c"} {
		defer noop{}.done(tag)
	}
}

func main() {
	fmt.Println(byValue())
	fmt.Println(viaInterface())

	var c counter
	var wg sync.WaitGroup
	for id := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.absorb(id)
			if id != 1 {
				panic(fmt.Sprint("task ", id, " failed"))
			}
		}()
		wg.Wait()
	}
	fmt.Println("panics absorbed:", c.panics)
	inLoop()
}
