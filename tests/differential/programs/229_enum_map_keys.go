//go:build ignore

// Enumerations with a String method as keys of maps with interface
// keys: a tally of the states and results workers report, keyed by the
// reported value whatever its type, as maplinear in Go's own tests does
// with its keys.
package main

import (
	"fmt"
	"sort"
	"sync"
)

type State int

const (
	Idle State = iota
	Running
	Done
)

func (s State) String() string { return [...]string{"idle", "running", "done"}[s] }

type Code uint8

func (c Code) String() string { return fmt.Sprintf("code-%d", uint8(c)) }

func main() {
	tally := map[any]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reports := []any{Idle, Running, Done, Code(w % 2), w % 2}
			for _, r := range reports {
				mu.Lock()
				tally[r]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()

	var keys []string
	for k, n := range tally {
		keys = append(keys, fmt.Sprintf("%v(%T)=%d", k, k, n))
	}
	sort.Strings(keys)
	fmt.Println(len(tally), keys)

	fmt.Println(tally[Running], tally[Code(1)], tally[1], tally[State(1)])
	if n, ok := tally[Done]; ok {
		fmt.Println("done", n)
	}
	delete(tally, Idle)
	_, ok := tally[Idle]
	fmt.Println(len(tally), ok)

	lit := map[any]string{Idle: "i", Running: "r", 0: "zero"}
	lit[Idle] = "I"
	fmt.Println(len(lit), lit[Idle], lit[0])
}
