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

// goconcNode returns the node an interface holding a value of n's type
// keeps: the same one for every value of the type. An interface value
// is the pair of a node and a value, and Go's == and map keys compare
// both, so with the node of each conversion two interfaces holding one
// pointer were unequal (p := &T{}; var a, b I = p, p; a == b was false)
// and a map keyed by an interface got a new key for each conversion.
// Only the node's type is read from a wrapped value, and the nil
// literal's node, which is also told by its kind, is kept as it is.
//
// The table is the interpreter's (goconcNodes, a field the patch adds to
// Interpreter), so that it goes with the interpreter. A compiled type
// has a new *itype at each use, so there its reflect.Type is the key.
func goconcNode(n *node) *node {
	if n == nil || n.typ == nil || n.typ.cat == nilT || n.interp == nil {
		return n
	}
	var key any = n.typ
	if n.typ.cat == valueT && n.typ.rtype != nil {
		key = n.typ.rtype
	}
	if c, ok := n.interp.goconcNodes.Load(key); ok {
		return c.(*node)
	}
	c, _ := n.interp.goconcNodes.LoadOrStore(key, n)
	return c.(*node)
}

// goconcHasMethods reports whether a value of type t put in an empty
// interface is wrapped with its type: t has methods, or t is a pointer
// to a type with methods. The interpreter asked the first only, and a
// pointer to a type whose methods have value receivers (type Celsius
// float64 with String) went into an any as a bare *float64, which a
// type switch's case *Celsius missed and %T printed as *float64.
func goconcHasMethods(t *itype) bool {
	if len(t.method) > 0 {
		return true
	}
	return t.cat == ptrT && t.val != nil && len(t.val.method) > 0
}
