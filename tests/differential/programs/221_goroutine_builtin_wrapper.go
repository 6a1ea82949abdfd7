//go:build ignore

//differential:trace

// go panic(v) in a function with other go and defer statements: the
// goroutine's one frame is the wrapper Go makes for the statement,
// numbered with the go and defer statements before it that Go wraps.
package main

import (
	"fmt"
	"sync"
)

func work(mu *sync.Mutex, done chan bool) {
	defer mu.Unlock()
	go func() { done <- true }()
	<-done
	fmt.Println("helper done")
	go panic(fmt.Sprint("in work"))
	select {}
}

func main() {
	var mu sync.Mutex
	mu.Lock()
	go work(&mu, make(chan bool))
	select {}
}
