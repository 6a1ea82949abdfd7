//go:build ignore

//differential:trace

// A method value started by a go statement: the statement evaluates the
// receiver, a copy for a value receiver, and the panic's report names the
// method and the function that started it, with no frame between.
package main

import "fmt"

type tally struct{ n int }

func (t tally) check(k int, done chan bool) {
	if t.n != k {
		panic(fmt.Sprint("tally ", t.n, " is not ", k))
	}
	done <- true
}

func main() {
	done := make(chan bool)
	p := &tally{1}
	go p.check(1, done)
	p.n = 2
	<-done
	fmt.Println("checked", p.n)
	go p.check(3, done)
	<-done
}
