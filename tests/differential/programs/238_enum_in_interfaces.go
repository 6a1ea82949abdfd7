//go:build ignore

// Enumerations with a String method travel through interfaces (events
// on a channel of any, a fmt.Stringer, an interface of the job's own) and
// are compared there with ==, != and switch cases, as the states of a
// small pool of workers that report what they do.
package main

import (
	"fmt"
	"sort"
	"sync"
)

type phase int

const (
	waiting phase = iota
	working
	finished
)

func (p phase) String() string {
	return [...]string{"waiting", "working", "finished"}[p]
}

type event struct {
	worker int
	what   any
}

type task struct{ id int }

func (t *task) Describe() string { return fmt.Sprintf("task %d", t.id) }

type describer interface{ Describe() string }

func worker(id int, tasks <-chan *task, events chan<- event, wg *sync.WaitGroup) {
	defer wg.Done()
	events <- event{id, waiting}
	for t := range tasks {
		events <- event{id, working}
		events <- event{id, t}
	}
	events <- event{id, finished}
}

func main() {
	tasks := make(chan *task)
	events := make(chan event)
	var wg sync.WaitGroup
	for id := 1; id <= 3; id++ {
		wg.Add(1)
		go worker(id, tasks, events, &wg)
	}
	all := []*task{{1}, {2}, {3}, {4}, {5}}
	go func() {
		for _, t := range all {
			tasks <- t
		}
		close(tasks)
	}()
	go func() {
		wg.Wait()
		close(events)
	}()

	counts := map[string]int{}
	var done []string
	special := all[2]
	for e := range events {
		switch e.what {
		case waiting:
			counts["waiting"]++
		case working:
			counts["working"]++
		case finished:
			counts["finished"]++
		default:
			if d, ok := e.what.(describer); ok {
				done = append(done, d.Describe())
				if e.what == special {
					counts["special"]++
				}
			}
		}
		if e.what != working && finished == e.what {
			counts["ended"]++
		}
	}
	sort.Strings(done)
	fmt.Println(counts)
	fmt.Println(done)

	var s fmt.Stringer = working
	var d describer = all[0]
	fmt.Println(s == working, s == finished, d == all[0], d == all[1], d != all[0])
	var last any = finished
	fmt.Println(last == finished, last == phase(2), last == waiting, last == 2)
}
