package cellrt

import (
	"reflect"
	"unsafe"
)

// Run-time support for unsafe.String, StringData, Slice and SliceData,
// which the interpreter's unsafe package lacks (see package rewrite's unsafe.go).
// A length out of range, or a nil pointer with a length, panics with the
// Go runtime's errors.

func (r *Runtime) UnsafeString(p *byte, n int64) string {
	if n < 0 || uint64(n) > uint64(^uint(0)>>1) {
		r.Panicking()
		panic(RuntimeError("runtime error: unsafe.String: len out of range"))
	}
	if p == nil && n > 0 {
		r.Panicking()
		panic(RuntimeError("runtime error: unsafe.String: ptr is nil and len is not zero"))
	}
	return unsafe.String(p, int(n))
}

func UnsafeStringData(s string) *byte { return unsafe.StringData(s) }

// UnsafeSlice is unsafe.Slice(p, n) for p of any pointer type *T; the
// cell asserts the result to []T.
func (r *Runtime) UnsafeSlice(p any, n int64) any {
	v := reflect.ValueOf(p)
	if v.Kind() != reflect.Pointer {
		panic("unsafe.Slice of a " + v.Kind().String() + ", not a pointer")
	}
	elem := v.Type().Elem()
	if n < 0 || (elem.Size() > 0 && uint64(n) > uint64(^uint(0)>>1)/uint64(elem.Size())) {
		r.Panicking()
		panic(RuntimeError("runtime error: unsafe.Slice: len out of range"))
	}
	if v.IsNil() {
		if n > 0 {
			r.Panicking()
			panic(RuntimeError("runtime error: unsafe.Slice: ptr is nil and len is not zero"))
		}
		return reflect.Zero(reflect.SliceOf(elem)).Interface()
	}
	return reflect.SliceAt(elem, v.UnsafePointer(), int(n)).Interface()
}

// UnsafeSliceData is unsafe.SliceData(s) for s of any slice type []T; the
// cell asserts the result to *T.
func UnsafeSliceData(s any) any {
	v := reflect.ValueOf(s)
	if v.Kind() != reflect.Slice {
		panic("unsafe.SliceData of a " + v.Kind().String() + ", not a slice")
	}
	if v.IsNil() {
		return reflect.Zero(reflect.PointerTo(v.Type().Elem())).Interface()
	}
	return reflect.NewAt(v.Type().Elem(), v.UnsafePointer()).Interface()
}
