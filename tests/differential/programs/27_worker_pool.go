//go:build ignore

// A worker pool: jobs on one channel, results on another, a fixed number
// of workers, results sorted by job.
package main

import (
	"fmt"
	"sort"
	"sync"
)

type Job struct {
	ID    int
	Input int
}

type Result struct {
	JobID  int
	Worker int
	Output int
}

func collatz(n int) int {
	steps := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return steps
}

func worker(id int, jobs <-chan Job, results chan<- Result, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		results <- Result{JobID: j.ID, Worker: id, Output: collatz(j.Input)}
	}
}

func main() {
	const workers, njobs = 4, 2000
	jobs := make(chan Job, 100)
	results := make(chan Result, 100)
	var wg sync.WaitGroup
	for w := 1; w <= workers; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg)
	}
	go func() {
		for i := 1; i <= njobs; i++ {
			jobs <- Job{ID: i, Input: i}
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	var all []Result
	perWorker := map[int]int{}
	for r := range results {
		all = append(all, r)
		perWorker[r.Worker]++
	}
	sort.Slice(all, func(i, j int) bool { return all[i].JobID < all[j].JobID })
	longest := all[0]
	total := 0
	for _, r := range all {
		total += r.Output
		if r.Output > longest.Output {
			longest = r
		}
	}
	done := 0
	for w := 1; w <= workers; w++ {
		done += perWorker[w]
	}
	fmt.Println("results", len(all), "jobs counted per worker", done, "workers used <=", workers, len(perWorker) <= workers)
	fmt.Println("total steps", total, "longest job", longest.JobID, "steps", longest.Output)
	fmt.Println("first five:", all[0].Output, all[1].Output, all[2].Output, all[3].Output, all[4].Output)
}
