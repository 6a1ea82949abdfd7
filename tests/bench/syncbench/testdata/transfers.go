// Locked transfers between two accounts, locks taken in a fixed order:
// 2 goroutines x 500,000 transfers.
package main

import (
	"fmt"
	"sync"
	"time"
)

type account struct {
	mu      sync.Mutex
	balance int
}

func transfer(from, to *account, first, second *sync.Mutex, amount int) {
	first.Lock()
	second.Lock()
	from.balance -= amount
	to.balance += amount
	second.Unlock()
	first.Unlock()
}

func main() {
	start := time.Now()
	a, b := &account{balance: 1000}, &account{balance: 1000}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 500000; i++ {
			transfer(a, b, &a.mu, &b.mu, 1)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 500000; i++ {
			transfer(b, a, &a.mu, &b.mu, 1)
		}
	}()
	wg.Wait()
	fmt.Println("result", a.balance, b.balance)
	fmt.Println("elapsed_ns", time.Since(start).Nanoseconds())
}
