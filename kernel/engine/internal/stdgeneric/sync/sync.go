// Package sync is the source the cell engine instantiates for the
// standard library's sync.OnceFunc, OnceValue and OnceValues.
//
// A panic in f is recovered in interpreted code and raised again by
// every call; raised from compiled code, it would not unwind the
// interpreter's goroutine safely.
package sync

import "sync"

// OnceFunc returns a function that calls f only the first time it is
// called; if f panics, every call panics with the same value.
func OnceFunc(f func()) func() {
	var once sync.Once
	var p any
	failed := true
	return func() {
		once.Do(func() {
			defer func() {
				if failed {
					p = recover()
				}
			}()
			f()
			failed = false
		})
		if failed {
			panic(p)
		}
	}
}

// OnceValue returns a function that calls f only the first time and
// returns its result every time.
func OnceValue[T any](f func() T) func() T {
	var once sync.Once
	var v T
	var p any
	failed := true
	return func() T {
		once.Do(func() {
			defer func() {
				if failed {
					p = recover()
				}
			}()
			v = f()
			failed = false
		})
		if failed {
			panic(p)
		}
		return v
	}
}

// OnceValues is OnceValue for a function of two results.
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var once sync.Once
	var v1 T1
	var v2 T2
	var p any
	failed := true
	return func() (T1, T2) {
		once.Do(func() {
			defer func() {
				if failed {
					p = recover()
				}
			}()
			v1, v2 = f()
			failed = false
		})
		if failed {
			panic(p)
		}
		return v1, v2
	}
}
