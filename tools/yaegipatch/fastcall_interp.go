//go:build ignore

// This file is added to yaegi's interp package by the overlay that
// yaegipatch writes (the build constraint above is removed there). It
// lets a call of a compiled function of a few common signatures, with no
// results, skip reflect.Value.Call: the interpreter's cost of a call of
// the cell runtime (a Lock, an Unlock) is mostly that call and the
// argument slice it needs.
//
// A call takes the fast way only when the function and each argument
// have exactly the types of the signature; anything else (a nil
// function, a named type, an interface wrapper) goes the interpreter's
// own way, so what a program does is the same with or without it.

package interp

import (
	"reflect"
	"sync"
)

// fastCallBin replaces n.exec, which callBin has just built, by a direct
// call when the callee's signature is one of fastCalls'.
func fastCallBin(n *node, funcType reflect.Type, value func(*frame) reflect.Value, args []func(*frame) reflect.Value, getMapType func(*itype) reflect.Type, tnext, fnext bltn) {
	switch {
	case n.exec == nil, fnext != nil, getMapType != nil, n.action == aCallSlice,
		n.anc == nil, n.anc.kind == deferStmt, n.anc.kind == goStmt,
		funcType.Kind() != reflect.Func, funcType.NumOut() != 0, funcType.IsVariadic(),
		funcType.NumIn() != len(args):
		return
	}
	if fast := fastCalls[funcType]; fast != nil {
		n.exec = fast(n.exec, tnext, value, args)
	}
}

// fastCalls builds, for a signature, the exec of a call that calls the
// function directly, and slow when it cannot.
var fastCalls = map[reflect.Type]func(slow, tnext bltn, value func(*frame) reflect.Value, args []func(*frame) reflect.Value) bltn{
	reflect.TypeOf((func())(nil)):                        fastCall0,
	reflect.TypeOf((func(string))(nil)):                  fastCall1[string],
	reflect.TypeOf((func(*sync.Mutex))(nil)):             fastCall1[*sync.Mutex],
	reflect.TypeOf((func(*sync.Mutex, string))(nil)):     fastCall2[*sync.Mutex, string],
	reflect.TypeOf((func(*sync.RWMutex))(nil)):           fastCall1[*sync.RWMutex],
	reflect.TypeOf((func(*sync.RWMutex, string))(nil)):   fastCall2[*sync.RWMutex, string],
	reflect.TypeOf((func(*sync.WaitGroup))(nil)):         fastCall1[*sync.WaitGroup],
	reflect.TypeOf((func(*sync.Cond))(nil)):              fastCall1[*sync.Cond],
	reflect.TypeOf((func(*sync.WaitGroup, string))(nil)): fastCall2[*sync.WaitGroup, string],
	reflect.TypeOf((func(*sync.Cond, string))(nil)):      fastCall2[*sync.Cond, string],
}

func fastCall0(slow, tnext bltn, value func(*frame) reflect.Value, _ []func(*frame) reflect.Value) bltn {
	return func(f *frame) bltn {
		fn, ok := fastFunc[func()](value(f))
		if !ok {
			return slow(f)
		}
		fn()
		return tnext
	}
}

func fastCall1[A any](slow, tnext bltn, value func(*frame) reflect.Value, args []func(*frame) reflect.Value) bltn {
	arg0 := args[0]
	return func(f *frame) bltn {
		fn, ok := fastFunc[func(A)](value(f))
		if !ok {
			return slow(f)
		}
		a, ok := fastArg[A](arg0(f))
		if !ok {
			return slow(f)
		}
		fn(a)
		return tnext
	}
}

func fastCall2[A, B any](slow, tnext bltn, value func(*frame) reflect.Value, args []func(*frame) reflect.Value) bltn {
	arg0, arg1 := args[0], args[1]
	return func(f *frame) bltn {
		fn, ok := fastFunc[func(A, B)](value(f))
		if !ok {
			return slow(f)
		}
		a, ok := fastArg[A](arg0(f))
		if !ok {
			return slow(f)
		}
		b, ok := fastArg[B](arg1(f))
		if !ok {
			return slow(f)
		}
		fn(a, b)
		return tnext
	}
}

// fastFunc returns v's function when it is a non-nil F that may be
// called: reflect.Value.Call's own errors (a nil function, an unexported
// one) are left to it.
func fastFunc[F any](v reflect.Value) (F, bool) {
	var zero F
	if !v.IsValid() || v.Kind() != reflect.Func || v.IsNil() || !v.CanInterface() {
		return zero, false
	}
	fn, ok := v.Interface().(F)
	return fn, ok
}

// fastArg returns v as an A when it holds exactly one (not in an
// interface, which reflect.Value.Call would refuse).
func fastArg[A any](v reflect.Value) (A, bool) {
	var zero A
	if !v.IsValid() || v.Kind() == reflect.Interface || !v.CanInterface() {
		return zero, false
	}
	a, ok := v.Interface().(A)
	return a, ok
}
