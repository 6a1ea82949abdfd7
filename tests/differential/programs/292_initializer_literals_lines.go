//go:build ignore

// Two package-level variables are initialized by calling literals written
// in their initializers, one right after the other; the second one
// panics. Go names the literals main.init.func1 and main.init.func2 and
// shows main.init at the line of the failing call.
package main

import "fmt"

type limits struct{ max int }

func (l limits) check(v int) int {
	if v > l.max {
		panic(fmt.Sprintf("value %d over the limit %d", v, l.max))
	}
	return v
}

var lim = limits{max: 3}

var small = func() int {
	total := 0
	for i := range 3 {
		total += lim.check(i)
	}
	return total
}()
var large = func() int {
	return lim.check(small + 5)
}()

func main() {
	fmt.Println(small, large)
}
