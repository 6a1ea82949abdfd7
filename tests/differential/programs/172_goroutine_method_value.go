//go:build ignore

//differential:trace

// A goroutine that runs a method, started by another goroutine: its
// panic report names the method with its receiver's type and the
// function that started it.
package main

import "fmt"

type job struct{ name string }

func (j *job) run(results chan<- string) {
	if j.name == "" {
		panic("a job without a name")
	}
	results <- j.name
}

func dispatch(jobs []*job, results chan string) {
	for _, j := range jobs {
		go j.run(results)
		fmt.Println("ran", <-results)
	}
}

func main() {
	results := make(chan string)
	go dispatch([]*job{{"a"}, {"b"}, {}}, results)
	select {}
}
