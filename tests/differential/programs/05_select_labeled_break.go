//go:build ignore

// Labeled break out of a for loop from inside a select case, as the last
// statement of the case, with and without a default case. Every loop is
// bounded, so an ignored break shows as a wrong count, not a hang.
package main

import "fmt"

const bound = 1000

// lastStatement breaks as the last statement of a receive case.
func lastStatement() (int, int) {
	ch := make(chan int, 10)
	done := make(chan struct{})
	for i := 1; i <= 5; i++ {
		ch <- i
	}
	close(done)
	sum, iters := 0, 0
loop:
	for iters < bound {
		iters++
		select {
		case v := <-ch:
			sum += v
		case <-done:
			if len(ch) == 0 {
				break loop
			}
		}
	}
	return sum, iters
}

// closedChannel breaks inside an if that ends the case.
func closedChannel() (int, int) {
	ch := make(chan int, 10)
	for i := 1; i <= 4; i++ {
		ch <- i * 10
	}
	close(ch)
	sum, iters := 0, 0
loop:
	for iters < bound {
		iters++
		select {
		case v, ok := <-ch:
			if !ok {
				break loop
			}
			sum += v
		}
	}
	return sum, iters
}

// withDefault breaks as the last statement of the default case.
func withDefault() (int, int) {
	ch := make(chan int, 10)
	for i := range 7 {
		ch <- i
	}
	sum, iters := 0, 0
loop:
	for iters < bound {
		iters++
		select {
		case v := <-ch:
			sum += v
		default:
			break loop
		}
	}
	return sum, iters
}

// directBreak has the labeled break as the only statement of the case.
func directBreak() int {
	quit := make(chan bool, 1)
	quit <- true
	iters := 0
outer:
	for iters < bound {
		iters++
		select {
		case <-quit:
			break outer
		}
	}
	return iters
}

// nested breaks two loops at once from a select with a default.
func nested() (int, int) {
	ch := make(chan int, 100)
	for i := range 50 {
		ch <- i
	}
	rounds, got := 0, 0
outer:
	for r := 0; r < bound; r++ {
		rounds++
		for j := 0; j < 20; j++ {
			select {
			case v := <-ch:
				got++
				if v == 33 {
					break outer
				}
			default:
				break outer
			}
		}
	}
	return rounds, got
}

// plainBreak checks that an unlabeled break leaves only the select.
func plainBreak() int {
	ch := make(chan int, 1)
	iters := 0
	for i := 0; i < 5; i++ {
		ch <- i
		select {
		case <-ch:
			iters++
			break
		}
		iters += 10
	}
	return iters
}

func main() {
	s, n := lastStatement()
	// Both cases are ready at first, so the count of iterations varies;
	// the loop must end long before the bound.
	fmt.Println("last statement of case: sum", s, "ended:", n < bound)
	s, n = closedChannel()
	fmt.Println("break on closed channel: sum", s, "iterations", n)
	s, n = withDefault()
	fmt.Println("break in default: sum", s, "iterations", n)
	fmt.Println("direct break: iterations", directBreak())
	r, g := nested()
	fmt.Println("nested loops: rounds", r, "received", g)
	fmt.Println("unlabeled break:", plainBreak())
}
