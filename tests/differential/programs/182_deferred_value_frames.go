//go:build ignore

//differential:trace

// A function that defers a function value and then panics inside a loop:
// its report shows the function itself at the panic's line, called from
// main, as if nothing were deferred.
package main

import (
	"fmt"
	"time"
)

func audit(days []string) {
	finish := func() { fmt.Println("audit finished") }
	defer finish()
	for _, day := range days {
		start := time.Now()
		if elapsed := time.Since(start); elapsed >= 0 && day == "tue" {
			panic(fmt.Sprintf("no prices on %s", day))
		}
		fmt.Println("checked", day)
	}
}

func main() {
	audit([]string{"mon", "tue", "wed"})
}
