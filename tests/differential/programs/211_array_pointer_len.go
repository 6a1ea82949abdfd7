//go:build ignore

// len and cap of pointers to arrays that are not constants: a call's
// result and a received value, nil or not. Go takes the length from the
// type and still evaluates the operand.
package main

import "fmt"

var lookups int

func table(found bool) *[8]int {
	lookups++
	if !found {
		return nil
	}
	return new([8]int)
}

func main() {
	fmt.Println(len(table(false)), cap(table(true)), lookups)

	boards := make(chan *[3][3]byte, 2)
	boards <- nil
	boards <- &[3][3]byte{}
	fmt.Println(len(<-boards), cap(<-boards))

	var grid *[4]string
	total := 0
	for range len(grid) {
		total++
	}
	fmt.Println(total, len(grid))
}
