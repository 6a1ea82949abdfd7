import "sync"

// Account is a bank account with its own lock.
type Account struct {
	ID      int
	mu      sync.Mutex
	Balance int
}

// Transfer moves amount from from to to if from has enough, and reports
// whether it did. Locks are taken in order of ID, so transfers in
// opposite directions cannot deadlock.
func Transfer(from, to *Account, amount int) bool {
	if from == to {
		return true
	}
	first, second := from, to
	if first.ID > second.ID {
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
