//go:build ignore

// sync.Mutex, sync.RWMutex and TryLock; a lock with a timeout built from a
// channel.
package main

import (
	"fmt"
	"sync"
	"time"
)

// ChanLock is a lock that can give up after a timeout.
type ChanLock chan struct{}

func NewChanLock() ChanLock { return make(ChanLock, 1) }

func (l ChanLock) Lock() { l <- struct{}{} }

func (l ChanLock) Unlock() { <-l }

func (l ChanLock) LockTimeout(d time.Duration) bool {
	select {
	case l <- struct{}{}:
		return true
	case <-time.After(d):
		return false
	}
}

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	n := 0
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 500 {
				mu.Lock()
				n++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("mutex counter:", n)

	mu.Lock()
	fmt.Println("TryLock while held:", mu.TryLock())
	mu.Unlock()
	fmt.Println("TryLock when free:", mu.TryLock())
	mu.Unlock()

	// Readers run together; a writer waits for them all.
	var rw sync.RWMutex
	table := map[string]int{"a": 1}
	var readsOK, writes int
	var cmu sync.Mutex
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%10 == 0 {
				rw.Lock()
				table["a"]++
				table[fmt.Sprint("k", i)] = i
				writes++
				rw.Unlock()
				return
			}
			rw.RLock()
			v := table["a"]
			rw.RUnlock()
			if v >= 1 && v <= 5 {
				cmu.Lock()
				readsOK++
				cmu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("rwmutex: reads ok", readsOK, "writes", writes, "a =", table["a"], "keys", len(table))

	rw.RLock()
	fmt.Println("TryRLock with reader:", rw.TryRLock(), "TryLock with reader:", rw.TryLock())
	rw.RUnlock()
	rw.RUnlock()
	fmt.Println("TryLock free:", rw.TryLock(), "TryRLock with writer:", rw.TryRLock())
	rw.Unlock()

	l := NewChanLock()
	l.Lock()
	fmt.Println("timeout while held:", l.LockTimeout(5*time.Millisecond))
	go func() {
		time.Sleep(5 * time.Millisecond)
		l.Unlock()
	}()
	fmt.Println("acquired after release:", l.LockTimeout(time.Minute))
	l.Unlock()

	// TryLock in a retry loop: each goroutine gets the lock eventually.
	var spin sync.Mutex
	got := 0
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !spin.TryLock() {
				time.Sleep(50 * time.Microsecond)
			}
			got++
			time.Sleep(100 * time.Microsecond)
			spin.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println("TryLock retries, all acquired:", got)
}
