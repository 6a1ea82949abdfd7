//go:build ignore

//differential:trace

// go statements of promoted methods: the statement takes the receiver
// Go's method value takes, through value and pointer embedding, each
// goroutine its own copy of a value receiver; then a promoted method's
// panic, reported frame for frame.
package main

import (
	"fmt"
	"sync"
	"time"
)

type base struct {
	name string
	n    int
}

func (b base) val(wg *sync.WaitGroup, k int)  { defer wg.Done(); fmt.Println("val", b.name, b.n, k) }
func (b *base) ptr(wg *sync.WaitGroup, k int) { defer wg.Done(); fmt.Println("ptr", b.name, b.n, k) }

func (b *base) fail(k int) {
	if k == b.n {
		panic(fmt.Sprintf("%s failed at %d", b.name, k))
	}
}

type outer struct{ base }
type outerP struct{ *base }
type deep struct{ outer }

func main() {
	var wg sync.WaitGroup
	o := outer{base{"o", 1}}
	wg.Add(1)
	go o.val(&wg, 1)
	o.n = 2
	wg.Wait()
	wg.Add(1)
	go o.ptr(&wg, 2)
	wg.Wait()

	p := outerP{&base{"p", 3}}
	wg.Add(1)
	go p.val(&wg, 3)
	p.n = 4
	wg.Wait()
	wg.Add(1)
	go p.ptr(&wg, 4)
	wg.Wait()

	d := &deep{outer{base{"d", 5}}}
	wg.Add(1)
	go d.ptr(&wg, 5)
	wg.Wait()

	results := make(chan string, 3)
	for i := 0; i < 3; i++ {
		o := outer{base{fmt.Sprint("e", i), i}}
		go func(b base) { results <- fmt.Sprint(b.name, " ", b.n) }(o.base)
	}
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		seen[<-results] = true
	}
	fmt.Println(len(seen), seen["e0 0"], seen["e1 1"], seen["e2 2"])

	w := outerP{&base{"w", 7}}
	go w.fail(7)
	time.Sleep(5 * time.Second)
	fmt.Println("not reached")
}
