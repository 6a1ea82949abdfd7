//go:build ignore

//differential:trace

// A goroutine that starts another: the inner one's panic report says it
// was created by the function of the outer goroutine, in that
// goroutine's number.
package main

import "fmt"

type job struct{ name string }

func run(j *job, results chan<- string) {
	if j.name == "" {
		panic("a job without a name")
	}
	results <- j.name
}

func dispatch(jobs []*job, results chan string) {
	for _, j := range jobs {
		go run(j, results)
		fmt.Println("ran", <-results)
	}
}

func main() {
	results := make(chan string)
	go dispatch([]*job{{"a"}, {"b"}, {}}, results)
	select {}
}
