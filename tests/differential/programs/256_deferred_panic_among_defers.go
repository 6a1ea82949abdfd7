//go:build ignore

//differential:trace

// A function defers two calls; the later-deferred one, a literal,
// panics as the function returns. The earlier one still runs, and the
// trace shows the literal at its panic and the function at its return.
package main

import "fmt"

type pool struct{ open int }

func (p *pool) release() {
	p.open--
	fmt.Println("released, open:", p.open)
}

func borrow(p *pool, n int) int {
	p.open++
	defer p.release()
	defer func() {
		if p.open > 1 {
			panic(fmt.Sprintf("leak: %d connections open", p.open))
		}
	}()
	if n < 0 {
		return 0
	}
	return n * 2
}

func main() {
	p := &pool{}
	fmt.Println(borrow(p, 2))
	p.open++
	fmt.Println(borrow(p, 3))
}
