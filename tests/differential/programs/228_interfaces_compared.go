//go:build ignore

// Interfaces holding values of types with methods compared with each
// other: a monitor that reports only the changes in a stream of states
// and readings (any and fmt.Stringer), as a worker pool would send them.
package main

import (
	"fmt"
	"sync"
)

type State int

const (
	Idle State = iota
	Running
	Stopped
)

func (s State) String() string { return [...]string{"idle", "running", "stopped"}[s] }

type Load struct{ Busy, Total int }

func (l Load) String() string { return fmt.Sprintf("%d/%d", l.Busy, l.Total) }

type Count int

func changes(events []any) []string {
	var out []string
	var last any
	for _, e := range events {
		if e != last {
			out = append(out, fmt.Sprint(e))
		}
		last = e
	}
	return out
}

func main() {
	events := []any{Idle, Idle, Running, Running, Load{1, 4}, Load{1, 4}, Load{2, 4}, Running, Stopped, Stopped, Count(1), Count(1), 1}
	fmt.Println(changes(events))

	var a, b any = Running, Running
	var s fmt.Stringer = Running
	fmt.Println(a == b, a != b, s == a, a == s, any(Idle) == any(Idle), any(Idle) == any(Running))
	var n any = 1
	fmt.Println(a == n, n == a, a == nil)

	// States from goroutines, compared with the one the main goroutine
	// expects, in order.
	results := make([]any, 4)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				results[i] = Running
			} else {
				results[i] = Stopped
			}
		}()
	}
	wg.Wait()
	var want any = Running
	for i, r := range results {
		fmt.Println(i, r, r == want)
	}
}
