//go:build ignore

// A received or asserted bool used directly as a condition: if, for and
// the cases of a tagless switch must see false as false.
package main

import "fmt"

func flag(v bool) any { return v }

func main() {
	ch := make(chan bool, 4)
	for _, v := range []bool{false, true, false, true} {
		ch <- v
	}
	got := 0
	for range 4 {
		if <-ch {
			got++
		}
	}
	fmt.Println("received true:", got)

	var a any = false
	if a.(bool) {
		fmt.Println("wrong: if took false for true")
	}
	n := 0
	for i := 0; flag(i < 3).(bool); i++ {
		n++
	}
	fmt.Println("loop ran", n, "times")
	switch {
	case flag(false).(bool):
		fmt.Println("wrong: case false matched")
	case flag(true).(bool):
		fmt.Println("case true matched")
	}
	done := make(chan bool)
	go func() { done <- false }()
	if ok := <-done; ok {
		fmt.Println("wrong: ok")
	} else if !<-func() chan bool { c := make(chan bool, 1); c <- true; return c }() {
		fmt.Println("wrong: negated true")
	} else {
		fmt.Println("else branch")
	}
}
