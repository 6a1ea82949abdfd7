//go:build ignore

// Labels with switches and selects: labels declared in case clauses of
// switches, type switches and selects; break, continue and goto out of a
// default that is not last, with fallthrough into and out of it; and
// labels inside the statements such a default reaches.
package main

import "fmt"

func f(x int) (out []string) {
	i := 0
Loop:
	for ; i < 4; i++ {
	Sw:
		switch x + i {
		case 1:
			out = append(out, "one")
			fallthrough
		default:
			out = append(out, "def")
			if i == 2 {
				break Loop
			}
			if i == 1 {
				continue Loop
			}
			if x == 9 {
				break Sw
			}
			fallthrough
		case 3:
			out = append(out, "three")
			if x+i == 3 {
				continue
			}
			out = append(out, "after3")
		}
		out = append(out, "end")
	}
	return append(out, fmt.Sprint(i))
}

func g(x int) (out []string) {
	n := 0
again:
	n++
	switch x {
	default:
		out = append(out, "def")
		if n < 3 {
			goto again
		}
		fallthrough
	case 5:
		out = append(out, "five")
		if n < 2 {
			goto again
		}
	case 6:
		out = append(out, "six")
	}
	return out
}

func h() (out []string) {
	c := make(chan int, 1)
	done := make(chan bool)
	close(done)
Outer:
	for i := 0; i < 5; i++ {
		select {
		default:
			out = append(out, "idle")
			if i == 3 {
				break Outer
			}
			continue Outer
		case v := <-c:
			out = append(out, fmt.Sprint("got", v))
			break
		}
		out = append(out, "bottom")
	}
	c <- 1
L:
	select {
	default:
		out = append(out, "never")
	case <-c:
		out = append(out, "c")
		break L
	}
	for k := 0; k < 2; k++ {
		select {
		default:
		case <-done:
			out = append(out, "done")
			if k == 0 {
				continue
			}
			goto end
		}
	}
end:
	return out
}

func lab(x int) (out []string) {
	for i := 0; i < 3; i++ {
	S:
		switch {
		case x < 0:
			out = append(out, "neg")
		default:
			out = append(out, "d")
			fallthrough
		case x == 1:
			out = append(out, "x1")
			for j := 0; j < 3; j++ {
				if j == 1 {
					break S
				}
				out = append(out, "j")
			}
			out = append(out, "never")
		}
	}
	return
}

func f6(x int) (out []string) {
	switch x {
	case 1:
		out = append(out, "one")
		fallthrough
	default:
	Inner:
		for i := 0; i < 3; i++ {
			for j := 0; j < 3; j++ {
				if j == 1 {
					continue Inner
				}
				if i == 2 {
					break Inner
				}
				out = append(out, fmt.Sprint(i, j))
			}
		}
		fallthrough
	case 2:
		out = append(out, "two")
	case 3:
		out = append(out, "three")
	}
	return
}

func g6(x int) (out []string) {
	switch x {
	case 1:
		out = append(out, "one")
		fallthrough
	default:
		n := 0
	back:
		n++
		if n < 3 {
			goto back
		}
		out = append(out, fmt.Sprint("n", n))
	case 2:
		out = append(out, "two")
	}
	return
}

func clauses() {
	c := make(chan int, 1)
	c <- 1
	select {
	case v := <-c:
	L:
		for i := 0; i < 3; i++ {
			if i == v {
				continue L
			}
			fmt.Println("sel", i)
		}
	}
	var x any = 3
	switch y := x.(type) {
	case int:
		n := y
	again:
		if n > 0 {
			n--
			goto again
		}
		fmt.Println("n", n)
	}
}

func main() {
	for _, x := range []int{0, 1, 2, 3, 9} {
		fmt.Println(x, f(x))
	}
	fmt.Println(g(5), g(6), g(0))
	fmt.Println(h())
	fmt.Println(lab(0), lab(1), lab(-1))
	for _, x := range []int{0, 1, 2, 3} {
		fmt.Println(x, f6(x), g6(x))
	}
	clauses()
}
