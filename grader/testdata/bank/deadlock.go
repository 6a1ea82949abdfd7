package main

import "time"

// Transfer locks from, then to, and checks the amount in between (a
// pause that holds the first lock): two opposite transfers each hold one
// lock and wait for the other.
func Transfer(from, to *Account, amount int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	time.Sleep(time.Millisecond)
	to.mu.Lock()
	defer to.mu.Unlock()
	from.Balance -= amount
	to.Balance += amount
}
