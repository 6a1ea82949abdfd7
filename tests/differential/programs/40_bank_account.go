//go:build ignore

// BV's bank account: 10,000 EUR, a 2,000 salary and a 1,000 purchase at
// the same time must leave 11,000; and an account type whose methods
// lock, with a withdrawal that can fail.
package main

import (
	"errors"
	"fmt"
	"sync"
)

var ErrInsufficient = errors.New("insufficient funds")

type Account struct {
	mu      sync.Mutex
	balance int
	history []int
}

func (a *Account) Deposit(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance += n
	a.history = append(a.history, n)
}

func (a *Account) Withdraw(n int) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.balance < n {
		return fmt.Errorf("withdraw %d from %d: %w", n, a.balance, ErrInsufficient)
	}
	a.balance -= n
	a.history = append(a.history, -n)
	return nil
}

func (a *Account) Balance() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance
}

func main() {
	wrong := 0
	for range 1000 {
		acc := &Account{balance: 10000}
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); acc.Deposit(2000) }()
		go func() { defer wg.Done(); acc.Withdraw(1000) }()
		wg.Wait()
		if acc.Balance() != 11000 {
			wrong++
		}
	}
	fmt.Println("1000 rounds of salary and eBay, wrong balances:", wrong)

	acc := &Account{balance: 100}
	var wg sync.WaitGroup
	var mu sync.Mutex
	failures := 0
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				acc.Deposit(1)
				return
			}
			if err := acc.Withdraw(2); err != nil {
				if !errors.Is(err, ErrInsufficient) {
					panic(err)
				}
				mu.Lock()
				failures++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	sum := 100
	for _, h := range acc.history {
		sum += h
	}
	fmt.Println("balance matches history:", sum == acc.Balance(), "never negative:", acc.Balance() >= 0)
	fmt.Println("deposits + withdrawals + failures:", len(acc.history)+failures)
	err := (&Account{}).Withdraw(5)
	fmt.Println(err)
}
