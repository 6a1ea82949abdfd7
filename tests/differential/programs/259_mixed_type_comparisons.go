//go:build ignore

// == and != between values of two types, one assignable to the other:
// a channel and its receive-only or send-only view (a producer that
// hands out <-chan T and later checks which channel came back), and a
// named type and a value of its unnamed underlying type; and a switch
// on a receive-only channel with a case of the channel itself.
package main

import "fmt"

type Ch chan int
type Pair [2]string
type Point struct{ X, Y int }
type Ptr *int

func producer(c chan int) <-chan int { return c }

func main() {
	c, d := make(chan int), make(chan int)
	r := producer(c)
	var s chan<- int = c
	fmt.Println("views", c == r, r == c, c == s, s != c, d == r, r != d, s == d)

	var named Ch = c
	fmt.Println("named channel", named == c, c != named, named == d)

	var p Pair = [2]string{"a", "b"}
	fmt.Println("named array", p == [2]string{"a", "b"}, [2]string{"a", "c"} == p)

	pt := Point{1, 2}
	fmt.Println("named struct", pt == struct{ X, Y int }{1, 2}, struct{ X, Y int }{2, 1} != pt)

	i := 7
	var ptr Ptr = &i
	j := 7
	fmt.Println("named pointer", ptr == &i, ptr == &j)

	for _, got := range []<-chan int{r, d} {
		switch got {
		case c:
			fmt.Println("switch: c")
		case nil:
			fmt.Println("switch: nil")
		default:
			fmt.Println("switch: another")
		}
	}

	chans := map[<-chan int]string{r: "c"}
	for k, name := range chans {
		fmt.Println("key", name, k == c, k == d)
	}
}
