//go:build ignore

// sync.Cond: one producer, five consumers waiting in a loop that re-checks
// its condition, Broadcast to wake them all; and a reusable barrier.
package main

import (
	"fmt"
	"sort"
	"sync"
)

type Queue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []int
	closed bool
}

func NewQueue() *Queue {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *Queue) Put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.cond.Broadcast()
}

func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}

// Get waits for an item; ok is false once the queue is closed and empty.
func (q *Queue) Get() (v int, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return 0, false
	}
	v = q.items[0]
	q.items = q.items[1:]
	return v, true
}

// Barrier lets n goroutines wait for each other, again and again.
type Barrier struct {
	mu         sync.Mutex
	cond       *sync.Cond
	n, waiting int
	generation int
}

func NewBarrier(n int) *Barrier {
	b := &Barrier{n: n}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *Barrier) Wait() {
	b.mu.Lock()
	defer b.mu.Unlock()
	gen := b.generation
	b.waiting++
	if b.waiting == b.n {
		b.waiting = 0
		b.generation++
		b.cond.Broadcast()
		return
	}
	for gen == b.generation {
		b.cond.Wait()
	}
}

func main() {
	q := NewQueue()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var consumed []int
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				v, ok := q.Get()
				if !ok {
					return
				}
				mu.Lock()
				consumed = append(consumed, v)
				mu.Unlock()
			}
		}()
	}
	for i := 1; i <= 5; i++ {
		q.Put(i * 11)
	}
	for i := 0; i < 2000; i++ {
		q.Put(i)
	}
	q.Close()
	wg.Wait()
	sort.Ints(consumed)
	sum := 0
	for _, v := range consumed {
		sum += v
	}
	fmt.Println("consumed", len(consumed), "sum", sum, "largest", consumed[len(consumed)-1])

	// Each of 8 goroutines adds to its phase's total only after every
	// goroutine finished the previous phase.
	const parties, phases = 8, 50
	b := NewBarrier(parties)
	var totals [phases]int
	var order []int
	for p := range parties {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ph := range phases {
				mu.Lock()
				totals[ph] += p
				order = append(order, ph)
				mu.Unlock()
				b.Wait()
			}
		}()
	}
	wg.Wait()
	inOrder := sort.IntsAreSorted(order)
	fmt.Println("barrier phases in order:", inOrder, "phase totals", totals[0], totals[phases-1], "generation", b.generation)

	// Signal wakes one waiter at a time.
	var m sync.Mutex
	c := sync.NewCond(&m)
	woken := 0
	waiting := 0
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.Lock()
			waiting++
			c.Wait()
			woken++
			m.Unlock()
		}()
	}
	for {
		m.Lock()
		w := waiting
		m.Unlock()
		if w == 3 {
			break
		}
	}
	for range 3 {
		m.Lock()
		c.Signal()
		m.Unlock()
	}
	wg.Wait()
	fmt.Println("woken one by one:", woken)
}
