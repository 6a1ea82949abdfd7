//go:build ignore

// This file is added to yaegi's interp package by the workspace that
// yaegipatch writes (the build constraint above is removed there).
//
// An empty string has a data pointer too, and the Go compiler keeps it:
// s[len(s):] points where s does, so that a substring never points past
// its string (unsafe.StringData(s[len(s):]) == unsafe.StringData(s)),
// and an argument is its caller's value, pointer and all. The
// interpreter lost it twice: it slices a string with
// reflect.Value.Slice, whose empty result at the string's end has a nil
// pointer (and which moves the pointer of any other empty result to the
// low bound), and a call leaves a parameter whose argument is a zero
// value unset, as if every empty string were "" with a nil pointer.

package interp

import "reflect"

// goconcSlice is a.Slice(i, j), but for a string, which is sliced as the
// compiler slices it.
func goconcSlice(a reflect.Value, i, j int) reflect.Value {
	if a.Kind() != reflect.String {
		return a.Slice(i, j)
	}
	// Not reflect.ValueOf: an empty string put in an interface loses its
	// pointer.
	s := reflect.New(a.Type()).Elem()
	s.SetString(a.String()[i:j])
	return s
}

// goconcZeroArg tells whether a call may leave the parameter dest, of a
// new frame, unset for the argument val: a zero value that is not an
// interface's, nor a string, whose pointer an empty value still has.
func goconcZeroArg(val, dest reflect.Value) bool {
	return val.IsZero() && dest.Kind() != reflect.Interface && dest.Kind() != reflect.String
}
