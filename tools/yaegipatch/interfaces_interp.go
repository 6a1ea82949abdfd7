//go:build ignore

// This file is added to yaegi's interp package by the workspace that
// yaegipatch writes (the build constraint above is removed there).
//
// Converting a value to an interface copies it in Go. genValueInterface
// keeps the reflect.Value it is given instead, and when that value is a
// slot of a frame (a temporary holding &T{...}, a call's result, the
// address of a variable), the interface aliases the slot: the next
// iteration of a loop writes the slot again, and every interface made in
// the loop then holds the last iteration's pointer. A list built with
// append(shapes, &Circle{r}) held three times the last circle.
//
// Taking the address of a slice, array or map literal has the same
// fault without any interface: addr takes the address of the literal's
// slot, which the literal fills again at each evaluation, so every
// &[]int{i} of a loop was one pointer.

package interp

import "reflect"

// goconcAddr is the address of v, the value of n: a fresh copy's when n
// is a slice, array or map literal, whose slot is reused.
func goconcAddr(n *node, v reflect.Value) reflect.Value {
	if n.kind != compositeLitExpr {
		return v.Addr()
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		return p
	}
	return v.Addr()
}

// goconcDetach returns v, or, when v is a pointer-shaped value kept in
// storage that later code may write again (addressable), the same
// pointer held directly. Other kinds are left as they are: values of
// those kinds in interfaces are compared through their storage, which
// the rewrite's interning of map keys relies on.
func goconcDetach(v reflect.Value) reflect.Value {
	if !v.CanAddr() {
		return v
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		if v.CanInterface() {
			return reflect.ValueOf(v.Interface())
		}
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		return c
	}
	return v
}
