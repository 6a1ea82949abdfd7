//go:build ignore

// Named results start at their zero values on every call, also when the
// same call site runs again in a loop: an error set on one path only, a
// slice appended to, a counter, a struct and an array updated in place,
// a map made when nil, and a method's results.
package main

import (
	"errors"
	"fmt"
)

var errOdd = errors.New("odd")

func validate(n int) (err error) {
	if n%2 == 1 {
		err = errOdd
	}
	return
}

func collect(n int) (items []int, count int) {
	for i := range n {
		items = append(items, i)
		count++
	}
	return items, count
}

type point struct{ x, y int }

func shift(d int) (p point, grid [2]int, seen map[int]bool) {
	p.x += d
	grid[1] += d
	if seen == nil {
		seen = map[int]bool{}
	}
	seen[d] = true
	return
}

type acc struct{ base int }

func (a acc) add(n int) (sum int, note string) {
	sum += a.base + n
	note += fmt.Sprint("+", n)
	return
}

func main() {
	for n := 1; n <= 4; n++ {
		fmt.Println(n, validate(n))
	}
	for n := 0; n < 3; n++ {
		fmt.Println(collect(n))
	}
	for d := 1; d <= 3; d++ {
		fmt.Println(shift(d))
	}
	a := acc{10}
	for n := range 3 {
		fmt.Println(a.add(n))
	}
}
