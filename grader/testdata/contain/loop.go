package main

// Count never returns.
func Count(goroutines, increments int) int {
	n := 0
	for {
		n++
	}
}
