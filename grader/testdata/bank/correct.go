package main

// Transfer moves amount from one account to the other. Many goroutines
// may call it at once, between the same accounts, in both directions.
func Transfer(from, to *Account, amount int) {
	// Lock in one global order, the lower ID first, so that no two
	// transfers can each hold the lock the other needs.
	first, second := from, to
	if second.ID < first.ID {
		first, second = second, first
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	from.Balance -= amount
	to.Balance += amount
}
