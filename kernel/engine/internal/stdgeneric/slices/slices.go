// Package slices is the source the cell engine instantiates for the
// standard library's slices package.
//
// The sorting functions go through package sort, whose pattern-defeating
// quicksort and stable insertion-and-merge sort make the same comparisons
// and swaps as those of package slices: the results agree with Go's even
// where an unstable sort leaves the order of equal elements unspecified.
package slices

import (
	"cmp"
	"iter"
	"math"
	"reflect"
	"sort"
)

// Equal reports whether the slices have the same length and equal
// elements; NaNs are not equal.
func Equal[S ~[]E, E comparable](s1, s2 S) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

// EqualFunc is Equal with elements compared by eq.
func EqualFunc[S1 ~[]E1, S2 ~[]E2, E1, E2 any](s1 S1, s2 S2, eq func(E1, E2) bool) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i, v1 := range s1 {
		if !eq(v1, s2[i]) {
			return false
		}
	}
	return true
}

// Compare compares the elements in order, as cmp.Compare does; a slice
// that is a prefix of the other is less.
func Compare[S ~[]E, E cmp.Ordered](s1, s2 S) int {
	for i, v1 := range s1 {
		if i >= len(s2) {
			return +1
		}
		v2 := s2[i]
		xNaN, yNaN := v1 != v1, v2 != v2
		switch {
		case xNaN && yNaN:
		case xNaN || v1 < v2:
			return -1
		case yNaN || v1 > v2:
			return +1
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// CompareFunc is Compare with elements compared by cmp.
func CompareFunc[S1 ~[]E1, S2 ~[]E2, E1, E2 any](s1 S1, s2 S2, cmp func(E1, E2) int) int {
	for i, v1 := range s1 {
		if i >= len(s2) {
			return +1
		}
		if c := cmp(v1, s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

// Index returns the index of the first element equal to v, or -1.
func Index[S ~[]E, E comparable](s S, v E) int {
	for i := range s {
		if s[i] == v {
			return i
		}
	}
	return -1
}

// IndexFunc returns the index of the first element satisfying f, or -1.
func IndexFunc[S ~[]E, E any](s S, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

// Contains reports whether v is in s.
func Contains[S ~[]E, E comparable](s S, v E) bool {
	for i := range s {
		if s[i] == v {
			return true
		}
	}
	return false
}

// ContainsFunc reports whether an element of s satisfies f.
func ContainsFunc[S ~[]E, E any](s S, f func(E) bool) bool {
	for i := range s {
		if f(s[i]) {
			return true
		}
	}
	return false
}

// Insert inserts v at index i, moving the elements from i on up; it
// panics if i is out of range. When s has room, it is changed in place.
func Insert[S ~[]E, E any](s S, i int, v ...E) S {
	_ = s[i:] // bounds check
	n, m := len(s), len(v)
	if m == 0 {
		return s
	}
	v = append([]E(nil), v...) // v may share s's array
	if n+m > cap(s) {
		grown := append(s[:i], make(S, n+m-i)...)
		copy(grown[i:], v)
		copy(grown[i+m:], s[i:])
		return grown
	}
	s = s[:n+m]
	copy(s[i+m:], s[i:n])
	copy(s[i:], v)
	return s
}

// Delete removes s[i:j] and zeroes the elements past the new length; it
// panics if s[i:j] is out of range.
func Delete[S ~[]E, E any](s S, i, j int) S {
	_ = s[i:j:len(s)] // bounds check
	if i == j {
		return s
	}
	n := len(s)
	s = append(s[:i], s[j:]...)
	var zero E
	for k := len(s); k < n; k++ {
		s[:n][k] = zero
	}
	return s
}

// DeleteFunc removes the elements for which del returns true and zeroes
// the elements past the new length.
func DeleteFunc[S ~[]E, E any](s S, del func(E) bool) S {
	kept := 0
	for i := range s {
		if !del(s[i]) {
			s[kept] = s[i]
			kept++
		}
	}
	var zero E
	for k := kept; k < len(s); k++ {
		s[k] = zero
	}
	return s[:kept]
}

// Replace replaces s[i:j] with v; it panics if s[i:j] is out of range.
func Replace[S ~[]E, E any](s S, i, j int, v ...E) S {
	_ = s[i:j] // bounds check
	tail := append([]E(nil), s[j:]...)
	v = append([]E(nil), v...)
	n := len(s)
	size := n - (j - i) + len(v)
	if size > cap(s) {
		// No room: s stays as it is.
		out := append(S(nil), s[:i]...)
		out = append(out, v...)
		return append(out, tail...)
	}
	out := append(s[:i], v...)
	out = append(out, tail...)
	var zero E
	for k := len(out); k < n; k++ {
		s[:n][k] = zero
	}
	return out
}

// Clone returns a shallow copy of s; a nil slice stays nil.
func Clone[S ~[]E, E any](s S) S {
	if s == nil {
		return nil
	}
	return append(S([]E{}), s...)
}

// Compact replaces runs of equal elements with one, and zeroes the
// elements past the new length.
func Compact[S ~[]E, E comparable](s S) S {
	if len(s) < 2 {
		return s
	}
	kept := 1
	for i := 1; i < len(s); i++ {
		if s[i] != s[kept-1] {
			s[kept] = s[i]
			kept++
		}
	}
	var zero E
	for k := kept; k < len(s); k++ {
		s[k] = zero
	}
	return s[:kept]
}

// CompactFunc is Compact with elements compared by eq; of a run, the
// first is kept.
func CompactFunc[S ~[]E, E any](s S, eq func(E, E) bool) S {
	if len(s) < 2 {
		return s
	}
	kept := 1
	for i := 1; i < len(s); i++ {
		if !eq(s[kept-1], s[i]) {
			s[kept] = s[i]
			kept++
		}
	}
	var zero E
	for k := kept; k < len(s); k++ {
		s[k] = zero
	}
	return s[:kept]
}

// Grow makes room for n more elements without another allocation; it
// panics if n is negative.
func Grow[S ~[]E, E any](s S, n int) S {
	if n < 0 {
		panic("cannot be negative")
	}
	if need := n - (cap(s) - len(s)); need > 0 {
		s = append(s[:cap(s)], make([]E, need)...)[:len(s)]
	}
	return s
}

// Clip removes the capacity past the length.
func Clip[S ~[]E, E any](s S) S {
	return s[:len(s):len(s)]
}

// Reverse reverses s in place.
func Reverse[S ~[]E, E any](s S) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// Concat returns a new slice of the slices' elements in order; nil when
// there are none.
func Concat[S ~[]E, E any](slices ...S) S {
	size := 0
	for _, s := range slices {
		size += len(s)
		if size < 0 {
			panic("len out of range")
		}
	}
	if size == 0 {
		return nil
	}
	out := make(S, 0, size)
	for _, s := range slices {
		out = append(out, s...)
	}
	return out
}

// Repeat returns count copies of x one after another, never nil; it
// panics if count is negative or the length overflows.
func Repeat[S ~[]E, E any](x S, count int) S {
	if count < 0 {
		panic("cannot be negative")
	}
	if len(x) > 0 && count > math.MaxInt/len(x) {
		panic("the result of (len(x) * count) overflows")
	}
	out := make(S, 0, len(x)*count)
	for k := 0; k < count; k++ {
		out = append(out, x...)
	}
	return out
}

// Max returns the greatest element, NaN if there is one, and +0 over -0;
// it panics if s is empty.
func Max[S ~[]E, E cmp.Ordered](x S) E {
	if len(x) < 1 {
		panic("slices.Max: empty list")
	}
	negZero := func(v E) bool {
		rv := reflect.ValueOf(v)
		k := rv.Kind()
		return (k == reflect.Float32 || k == reflect.Float64) && rv.Float() == 0 && math.Signbit(rv.Float())
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		v := x[i]
		switch {
		case m != m:
			return m
		case v != v:
			return v
		case v > m:
			m = v
		case v == m && negZero(m):
			m = v
		}
	}
	return m
}

// Min returns the least element, NaN if there is one, and -0 over +0; it
// panics if s is empty.
func Min[S ~[]E, E cmp.Ordered](x S) E {
	if len(x) < 1 {
		panic("slices.Min: empty list")
	}
	negZero := func(v E) bool {
		rv := reflect.ValueOf(v)
		k := rv.Kind()
		return (k == reflect.Float32 || k == reflect.Float64) && rv.Float() == 0 && math.Signbit(rv.Float())
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		v := x[i]
		switch {
		case m != m:
			return m
		case v != v:
			return v
		case v < m:
			m = v
		case v == m && negZero(v):
			m = v
		}
	}
	return m
}

// MaxFunc returns the first of the greatest elements by cmp; it panics if
// x is empty.
func MaxFunc[S ~[]E, E any](x S, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MaxFunc: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if cmp(x[i], m) > 0 {
			m = x[i]
		}
	}
	return m
}

// MinFunc returns the first of the least elements by cmp; it panics if x
// is empty.
func MinFunc[S ~[]E, E any](x S, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MinFunc: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if cmp(x[i], m) < 0 {
			m = x[i]
		}
	}
	return m
}

// IsSorted reports whether x is in ascending order, NaNs first.
func IsSorted[S ~[]E, E cmp.Ordered](x S) bool {
	for i := len(x) - 1; i > 0; i-- {
		a, b := x[i], x[i-1]
		if (a != a && b == b) || a < b {
			return false
		}
	}
	return true
}

// IsSortedFunc reports whether x is in ascending order by cmp.
func IsSortedFunc[S ~[]E, E any](x S, cmp func(a, b E) int) bool {
	for i := len(x) - 1; i > 0; i-- {
		if cmp(x[i], x[i-1]) < 0 {
			return false
		}
	}
	return true
}

// BinarySearch returns where target is, or would be inserted, in the
// sorted x, and whether it is there.
func BinarySearch[S ~[]E, E cmp.Ordered](x S, target E) (int, bool) {
	lo, hi := 0, len(x)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		v := x[h]
		if (v != v && target == target) || v < target {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo, lo < len(x) && (x[lo] == target || (x[lo] != x[lo] && target != target))
}

// BinarySearchFunc is BinarySearch with cmp comparing an element with the
// target.
func BinarySearchFunc[S ~[]E, E, T any](x S, target T, cmp func(E, T) int) (int, bool) {
	lo, hi := 0, len(x)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if cmp(x[h], target) < 0 {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo, lo < len(x) && cmp(x[lo], target) == 0
}

// Sort sorts x in ascending order, NaNs first.
func Sort[S ~[]E, E cmp.Ordered](x S) {
	sort.Slice(x, func(i, j int) bool {
		a, b := x[i], x[j]
		return (a != a && b == b) || a < b
	})
}

// SortFunc sorts x in ascending order by cmp, not keeping the order of
// equal elements.
func SortFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {
	sort.Slice(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 })
}

// SortStableFunc sorts x by cmp, keeping the order of equal elements.
func SortStableFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {
	sort.SliceStable(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 })
}

// All returns an iterator over the indexes and elements of s.
func All[Slice ~[]E, E any](s Slice) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

// Backward returns an iterator over the indexes and elements of s, from
// the last.
func Backward[Slice ~[]E, E any](s Slice) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

// Values returns an iterator over the elements of s.
func Values[Slice ~[]E, E any](s Slice) iter.Seq[E] {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

// AppendSeq appends the values of seq to s.
func AppendSeq[Slice ~[]E, E any](s Slice, seq iter.Seq[E]) Slice {
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// Collect returns the values of seq in a new slice; nil if there are none.
func Collect[E any](seq iter.Seq[E]) []E {
	var s []E
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// Sorted returns the values of seq in a new sorted slice.
func Sorted[E cmp.Ordered](seq iter.Seq[E]) []E {
	var s []E
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	sort.Slice(s, func(i, j int) bool {
		a, b := s[i], s[j]
		return (a != a && b == b) || a < b
	})
	return s
}

// SortedFunc returns the values of seq in a new slice sorted by cmp.
func SortedFunc[E any](seq iter.Seq[E], cmp func(E, E) int) []E {
	var s []E
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	sort.Slice(s, func(i, j int) bool { return cmp(s[i], s[j]) < 0 })
	return s
}

// SortedStableFunc returns the values of seq in a new slice sorted by
// cmp, keeping the order of equal values.
func SortedStableFunc[E any](seq iter.Seq[E], cmp func(E, E) int) []E {
	var s []E
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	sort.SliceStable(s, func(i, j int) bool { return cmp(s[i], s[j]) < 0 })
	return s
}

// Chunk returns an iterator over consecutive sub-slices of s of n
// elements, the last one possibly shorter, each without capacity past
// its length; it panics if n is less than 1.
func Chunk[Slice ~[]E, E any](s Slice, n int) iter.Seq[Slice] {
	if n < 1 {
		panic("cannot be less than 1")
	}
	return func(yield func(Slice) bool) {
		for i := 0; i < len(s); i += n {
			end := len(s)
			if i+n < end {
				end = i + n
			}
			if !yield(s[i:end:end]) {
				return
			}
		}
	}
}
