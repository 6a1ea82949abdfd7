//go:build ignore

// This file is added to yaegi's interp package by the workspace that
// yaegipatch writes (the build constraint above is removed there).
//
// Go makes a channel of a directional type, make(Recv) with type Recv
// <-chan int, as a channel its values only receive from; the
// interpreter's make asks reflect.MakeChan for it, which refuses
// ("unidirectional channel type").

package interp

import "reflect"

// goconcMakeChan makes a channel of type t with n places: of a
// directional type, a bidirectional channel converted to it.
func goconcMakeChan(t reflect.Type, n int) reflect.Value {
	if t.ChanDir() == reflect.BothDir {
		return reflect.MakeChan(t, n)
	}
	return reflect.MakeChan(reflect.ChanOf(reflect.BothDir, t.Elem()), n).Convert(t)
}
