package cellrt

// The sizes make gets for a slice. The interpreter makes slices through
// reflect, which panics in words of its own for a negative size and
// with "runtime: allocation size out of range" for one too large, where
// Go names the length or the capacity. The rewritten make passes its
// sizes through SliceSize first, which panics as Go's runtime does.

// What a size given to make is.
const (
	MakeLen = iota // the length of make([]T, n) or make([]T, n, m)
	MakeCap        // the capacity of make([]T, n, m)
	GrowLen        // the length of make([]T, n) appended whole: append(s, make([]T, n)...)
)

// maxAlloc is the largest allocation Go's runtime makes on 64-bit
// platforms (the address space its heap can use).
const maxAlloc = 1 << 48

// SliceSize returns n, a size of the given kind for a slice of elements
// of size bytes, or panics with the runtime error Go raises for it.
func SliceSize(kind int, n int64, size uintptr) int {
	if n < 0 {
		panic(sizeError(kind, false))
	}
	return SliceSizeUint(kind, uint64(n), size)
}

// SliceSizeUint is SliceSize for a size of an unsigned type.
func SliceSizeUint(kind int, n uint64, size uintptr) int {
	if n > 1<<63-1 {
		// Go converts the size to int first: it is negative.
		panic(sizeError(kind, false))
	}
	if size > 0 && n > maxAlloc/uint64(size) {
		panic(sizeError(kind, true))
	}
	return int(n)
}

// sizeError is Go's runtime error for a size out of range; tooLarge
// tells a size whose memory is too large from a negative one, which the
// runtime words differently only when make's result is appended.
func sizeError(kind int, tooLarge bool) RuntimeError {
	switch {
	case kind == MakeCap:
		return RuntimeError("runtime error: makeslice: cap out of range")
	case kind == GrowLen && tooLarge:
		return RuntimeError("runtime error: growslice: len out of range")
	}
	return RuntimeError("runtime error: makeslice: len out of range")
}
