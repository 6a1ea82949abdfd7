//go:build ignore

// Zero-copy views with unsafe: a string over a byte slice's memory and
// back, a slice over an array of the program's own struct type and over
// a slice's data, and the runtime errors of a bad length or a nil
// pointer with a length, recovered.
package main

import (
	"fmt"
	"unsafe"
)

type sample struct {
	id    int32
	value float64
}

func bytesToString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

func stringToBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

func try(name string, f func()) {
	defer func() {
		r := recover()
		_, isRuntime := r.(interface{ RuntimeError() })
		fmt.Println(name+":", r, isRuntime)
	}()
	f()
}

func main() {
	buf := []byte("hello, world")
	s := bytesToString(buf)
	buf[0] = 'j'
	fmt.Println(s, len(s))
	fmt.Println(string(stringToBytes("read only")[5:]))

	var arr [4]sample
	view := unsafe.Slice(&arr[1], 2)
	view[0].id, view[1].value = 7, 2.5
	fmt.Println(len(view), cap(view), arr[1].id, arr[2].value)

	nums := []int{10, 20, 30}
	first := unsafe.SliceData(nums)
	*first = 11
	fmt.Println(nums, unsafe.SliceData([]int(nil)) == nil, unsafe.SliceData(nums[:0]) == &nums[0])
	fmt.Println(len(unsafe.Slice((*int)(nil), 0)), unsafe.Slice((*int)(nil), 0) == nil)

	n := -1
	try("negative length", func() { _ = unsafe.Slice(&nums[0], n) })
	try("nil with length", func() { _ = unsafe.String(nil, n+2) })
	var np *sample
	try("nil slice base", func() { _ = unsafe.Slice(np, 1) })
}
