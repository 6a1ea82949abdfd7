//go:build ignore

// Deadlock avoidance without a lock order: two goroutines take two locks
// in opposite orders, but take the second with TryLock and back off,
// releasing the first, when it is busy.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type Account struct {
	mu      sync.Mutex
	balance int
}

func transfer(from, to *Account, amount int) (retries int) {
	for {
		from.mu.Lock()
		if to.mu.TryLock() {
			if from.balance >= amount {
				from.balance -= amount
				to.balance += amount
			}
			to.mu.Unlock()
			from.mu.Unlock()
			return retries
		}
		from.mu.Unlock()
		retries++
		runtime.Gosched()
	}
}

func main() {
	a := &Account{balance: 1000}
	b := &Account{balance: 1000}
	const n = 5000
	var wg sync.WaitGroup
	var retries [2]int
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := range n {
			retries[0] += transfer(a, b, 10+i%3*245)
		}
	}()
	go func() {
		defer wg.Done()
		for i := range n {
			retries[1] += transfer(b, a, 10+i%2*490)
		}
	}()
	wg.Wait()
	fmt.Println("no deadlock; total:", a.balance+b.balance, "non-negative:", a.balance >= 0 && b.balance >= 0)
	fmt.Println("retries counted:", retries[0] >= 0 && retries[1] >= 0)
}
