// Package cmp is the source the cell engine instantiates for the
// standard library's cmp package.
package cmp

import "cmp"

// Less reports whether x is less than y; a NaN is less than any number
// and not less than another NaN.
func Less[T cmp.Ordered](x, y T) bool {
	return (x != x && y == y) || x < y
}

// Compare returns -1, 0 or +1 as x is less than, equal to or greater than
// y, ordering NaNs before every other value and equal to each other.
func Compare[T cmp.Ordered](x, y T) int {
	xNaN, yNaN := x != x, y != y
	switch {
	case xNaN && yNaN:
		return 0
	case xNaN || x < y:
		return -1
	case yNaN || x > y:
		return +1
	}
	return 0
}

// Or returns the first of its arguments that is not the zero value.
func Or[T comparable](vals ...T) T {
	var zero T
	for _, v := range vals {
		if v != zero {
			return v
		}
	}
	return zero
}
