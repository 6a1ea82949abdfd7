// Select fan-in over 3 producers.
package main

import "fmt"

func main() {
	a, b, c := make(chan int), make(chan int), make(chan int)
	for _, ch := range []chan int{a, b, c} {
		go func() {
			for i := 0; i < 500; i++ {
				ch <- i
			}
			close(ch)
		}()
	}
	sum, open := 0, 3
	for open > 0 {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				open--
				continue
			}
			sum += v
		case v, ok := <-b:
			if !ok {
				b = nil
				open--
				continue
			}
			sum += v
		case v, ok := <-c:
			if !ok {
				c = nil
				open--
				continue
			}
			sum += v
		}
	}
	fmt.Println(sum)
}
