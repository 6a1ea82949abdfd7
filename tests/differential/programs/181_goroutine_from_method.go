//go:build ignore

//differential:trace

// A method starts goroutines, one running another method of its type:
// the report names both with their receiver's type, Go's way.
package main

import (
	"fmt"
	"time"
)

type server struct{ name string }

func (s *server) serve(requests chan int) {
	for r := range requests {
		if r < 0 {
			panic(fmt.Sprintf("%s: request %d", s.name, r))
		}
		fmt.Println(s.name, "served", r)
	}
}

func (s *server) start() chan int {
	requests := make(chan int)
	go s.serve(requests)
	go func() {
		requests <- 1
		requests <- -1
	}()
	return requests
}

func main() {
	(&server{"alpha"}).start()
	time.Sleep(2 * time.Second)
}
