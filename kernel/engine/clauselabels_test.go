package engine

import "testing"

// TestLabelsInClauses checks labels declared in case clauses of switches,
// type switches and selects, which the interpreter took for undefined,
// and labels in the statements a default that is not last reaches by
// fallthrough, which the rewrite copies.
func TestLabelsInClauses(t *testing.T) {
	s, out := newTestSession(t, "")
	runSetup(t, s, out, `import "fmt"`)
	checkCells(t, s, out, []cellCase{
		{`c := make(chan int, 1)
c <- 1
select {
case v := <-c:
L:
	for i := 0; i < 3; i++ {
		if i == v {
			continue L
		}
		fmt.Print(i, " ")
	}
}
fmt.Println()`, "0 2 \n"},
		{`var x any = 3
switch y := x.(type) {
case int:
	n := y
again:
	if n > 0 {
		n--
		goto again
	}
	fmt.Println("n", n)
}`, "n 0\n"},
		{`func f(x int) (out []string) {
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
	Two:
		for {
			out = append(out, "two")
			break Two
		}
	case 3:
		out = append(out, "three")
	}
	return
}
for _, x := range []int{0, 1, 2, 3} {
	fmt.Println(x, f(x))
}`, "0 [0 0 1 0 two]\n1 [one 0 0 1 0 two]\n2 [two]\n3 [three]\n"},
		{`func g() (out []int) {
Loop:
	for i := 0; i < 5; i++ {
		switch {
		default:
			if i == 3 {
				break Loop
			}
			fallthrough
		case i == 1:
			out = append(out, i)
			continue Loop
		case i == 0:
		}
		out = append(out, -i)
	}
	return
}
fmt.Println(g())`, "[0 1 2]\n"},
	})
}
