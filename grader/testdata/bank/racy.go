package main

// Transfer takes no lock at all.
func Transfer(from, to *Account, amount int) {
	from.Balance -= amount
	to.Balance += amount
}
