//go:build ignore

// fallthrough into and out of a default clause that is not the last of
// its switch: a default first, one in the middle entered from the case
// before it and falling into the case after it, a chain of fallthroughs
// through several cases, a break inside a default, a default that
// declares variables of its own, and a tagless switch in a loop.
package main

import "fmt"

func first(n int) (trail []string) {
	switch n {
	default:
		trail = append(trail, "default")
		fallthrough
	case 1:
		trail = append(trail, "one")
	case 2:
		trail = append(trail, "two")
	}
	return trail
}

func middle(n int) (trail []string) {
	switch m := n % 10; m {
	case 1:
		trail = append(trail, "one")
		fallthrough
	default:
		label := fmt.Sprint("default ", m)
		trail = append(trail, label)
		if m == 7 {
			break
		}
		fallthrough
	case 2:
		trail = append(trail, "two")
		fallthrough
	case 3:
		trail = append(trail, "three")
	case 4:
		trail = append(trail, "four")
	}
	return trail
}

func grade(scores []int) []string {
	var out []string
	for _, s := range scores {
		switch {
		case s < 0:
			out = append(out, "invalid")
			continue
		default:
			out = append(out, "pass")
			fallthrough
		case s >= 90:
			if s >= 90 {
				out = append(out, "honours")
			}
		}
		out = append(out, "|")
	}
	return out
}

func main() {
	for _, n := range []int{0, 1, 2} {
		fmt.Println("first", n, first(n))
	}
	for _, n := range []int{1, 2, 3, 4, 5, 7, 11} {
		fmt.Println("middle", n, middle(n))
	}
	fmt.Println(grade([]int{50, 95, -1, 90}))
}
