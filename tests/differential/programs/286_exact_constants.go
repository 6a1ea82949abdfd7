//go:build ignore

// Constants are exact whatever their size: comparisons of integers beyond
// int64 and floats beyond float64, and integers beyond int64 that a typed
// context makes a float or a uint64, in results, operations and
// variables (the Go distribution's const.go).
package main

import "fmt"

const (
	huge = 1 << 100
	less = huge - 1
	maxU = 1<<64 - 1
	far  = 1e400
	cm1  = -1
)

const (
	big     float64 = 1 << 100
	bigLess float64 = huge - 1
)

type flag bool

func sign() string {
	switch {
	case -huge > 0:
		return "positive"
	case huge != less && less > 0:
		return "both"
	}
	return "none"
}

func local() (bool, int) {
	const wide = 1 << 70
	const over = wide > 1<<69
	const quarter = wide >> 68
	return over, quarter
}

func asFloat() float64 { return huge }
func asUint() uint64   { return maxU - 0 }
func half() float32    { return less >> 1 }

const (
	first = iota*huge>>100 > 0
	second
)

func main() {
	fmt.Println(huge > less, less+1 == huge, huge+cm1+1 == huge, -huge < 0, maxU+1 > maxU)
	fmt.Println(far > 1e399, far/10 == 1e399, far/1e399)
	fmt.Println(sign())
	fmt.Println(local())
	var on flag = huge > less && true
	fmt.Printf("%T %v\n", on, on)
	fmt.Println(asFloat(), asUint(), half())
	var f float64 = 2 * less
	x := 0.5
	var u uint64 = 1<<63 + 5
	fmt.Println(f, x*huge, u, less%1000, huge>>98)
	fmt.Println(big == bigLess, big+1 == big, f == huge*2)
	fmt.Println(first, second)
	var g float64
	g = huge
	fmt.Println(g == huge, g == less)
}
