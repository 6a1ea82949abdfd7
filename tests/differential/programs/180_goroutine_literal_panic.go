//go:build ignore

//differential:trace

// A goroutine's own function literal panics after a call that returned:
// the report gives the line of the panic, not of the call.
package main

import (
	"fmt"
	"strings"
)

func shout(s string) string { return strings.ToUpper(s) + "!" }

func main() {
	done := make(chan bool)
	go func() {
		fmt.Println(shout("starting"))
		if len(shout("")) == 1 {
			panic("nothing to shout")
		}
		done <- true
	}()
	<-done
}
