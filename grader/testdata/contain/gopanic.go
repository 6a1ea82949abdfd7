package main

// Count panics in a goroutine, which ends the whole process.
func Count(goroutines, increments int) int {
	done := make(chan int)
	go func() {
		var m map[string]int
		m["boom"]++
		done <- 1
	}()
	return <-done
}
