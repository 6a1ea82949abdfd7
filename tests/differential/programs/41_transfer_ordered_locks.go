//go:build ignore

// SB's two accounts of $1,000: 100,000 transfers of $10 or $500 between
// them from two goroutines, each taking both locks in a global order, so
// there is no deadlock and the $2,000 total always holds.
package main

import (
	"fmt"
	"sync"
)

type Account struct {
	ID      int
	mu      sync.Mutex
	Balance int
}

// transfer locks the lower ID first, whatever the direction.
func transfer(from, to *Account, amount int) bool {
	first, second := from, to
	if second.ID < first.ID {
		first, second = second, first
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	if from.Balance < amount {
		return false
	}
	from.Balance -= amount
	to.Balance += amount
	return true
}

func main() {
	a := &Account{ID: 1, Balance: 1000}
	b := &Account{ID: 2, Balance: 1000}
	const perGoroutine = 50000
	var wg sync.WaitGroup
	done := make([]int, 2)
	for g := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from, to := a, b
			if g == 1 {
				from, to = b, a
			}
			for i := range perGoroutine {
				amount := 10
				if i%7 == 0 {
					amount = 500
				}
				if transfer(from, to, amount) {
					done[g]++
				}
			}
		}()
	}

	// An auditor checks the invariant while transfers run.
	violations := 0
	stop := make(chan struct{})
	audited := make(chan int)
	go func() {
		n := 0
		for {
			a.mu.Lock()
			b.mu.Lock()
			if a.Balance+b.Balance != 2000 {
				violations++
			}
			b.mu.Unlock()
			a.mu.Unlock()
			n++
			select {
			case <-stop:
				audited <- n
				return
			default:
			}
		}
	}()
	wg.Wait()
	close(stop)
	audits := <-audited
	fmt.Println("transfers attempted:", 2*perGoroutine, "some succeeded:", done[0]+done[1] > 0)
	fmt.Println("total:", a.Balance+b.Balance, "violations:", violations, "audited:", audits > 0)
	fmt.Println("balances non-negative:", a.Balance >= 0 && b.Balance >= 0)
}
