//go:build ignore

//differential:trace

// A count kept in a map nobody made: the write panics, and the report
// gives the line of the write, in the goroutine that made it.
package main

import "fmt"

type tally struct{ counts map[string]int }

func (t *tally) add(word string) {
	if word == "" {
		return
	}
	t.counts[word]++
}

func count(words []string, done chan<- bool) {
	var t tally
	for _, w := range words {
		t.add(w)
	}
	done <- true
}

func main() {
	fmt.Println("counting")
	done := make(chan bool)
	go count([]string{"", "go"}, done)
	<-done
}
