// A worker pool: 4 workers, buffered jobs and results.
package main

import (
	"fmt"
	"sync"
)

func main() {
	jobs, results := make(chan int, 10), make(chan int, 10)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- 2 * j
			}
		}()
	}
	go func() {
		for i := 0; i < 1000; i++ {
			jobs <- i
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println(sum)
}
