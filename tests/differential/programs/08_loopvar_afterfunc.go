//go:build ignore

// Closures that capture loop variables, handed to time.AfterFunc: the
// runtime calls them later, from its own goroutines.
package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

func main() {
	const n = 50
	got := make(chan [2]int, 2*n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		sq := i * i
		wg.Add(1)
		time.AfterFunc(time.Duration(i%5)*time.Millisecond, func() {
			defer wg.Done()
			got <- [2]int{i, sq}
		})
	}
	for _, name := range []string{"x", "yy", "zzz"} {
		wg.Add(1)
		time.AfterFunc(time.Millisecond, func() {
			defer wg.Done()
			got <- [2]int{-len(name), 0}
		})
	}
	wg.Wait()
	close(got)
	var pairs [][2]int
	for p := range got {
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(a, b int) bool { return pairs[a][0] < pairs[b][0] })
	bad := 0
	for _, p := range pairs {
		if p[0] >= 0 && p[1] != p[0]*p[0] {
			bad++
		}
	}
	fmt.Println("fired", len(pairs), "mismatched", bad)
	fmt.Println("first", pairs[:5], "last", pairs[len(pairs)-2:])

	// A timer stopped before it fires never calls its function.
	fired := make(chan int, 10)
	var timers []*time.Timer
	for i := range 10 {
		timers = append(timers, time.AfterFunc(time.Hour, func() { fired <- i }))
	}
	stopped := 0
	for _, t := range timers {
		if t.Stop() {
			stopped++
		}
	}
	fmt.Println("stopped", stopped, "fired", len(fired))
}
