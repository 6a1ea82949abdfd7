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

import (
	"reflect"
	"strings"
)

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

// goconcWrapKey names a cell type whose values the interpreter has put
// in a compiled interface's wrapper: the run-time type of its values and
// the type's name as goconc_typename gives it. Several cell types may
// share a run-time type (type A int; type B int), never a name as well.
type goconcWrapKey struct {
	rtype reflect.Type
	name  string
}

// goconcWrapped records, in the interpreter's table of nodes, the node
// of the type of v, a value n puts in a compiled interface's wrapper
// (src is the node of the interface holding v, if any), so that
// goconcUnwrapped finds the type again.
func goconcWrapped(n, src *node, v reflect.Value) {
	if src == nil {
		src = n
	}
	for v.IsValid() {
		vi, ok := v.Interface().(valueInterface)
		if !ok {
			break
		}
		v = vi.value
	}
	if src == nil || src.typ == nil || src.interp == nil || !v.IsValid() {
		return
	}
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	name := goconcTypeName(src.typ)
	if name == "" || !v.IsValid() {
		return
	}
	key := goconcWrapKey{v.Type(), name}
	if _, ok := src.interp.goconcNodes.Load(key); !ok {
		src.interp.goconcNodes.LoadOrStore(key, goconcNode(src))
	}
}

// goconcTypeName is the name of the defined type t, or of the pointer to
// one, as a cell's goconc_typename method gives it.
func goconcTypeName(t *itype) string {
	if t.cat == ptrT && t.val != nil {
		if name := goconcTypeName(t.val); name != "" {
			return "*" + name
		}
		return ""
	}
	if t.name == "" {
		return ""
	}
	if t.path == "" {
		return t.name
	}
	return t.path + "." + t.name
}

// goconcUnwrapped returns the value and the node an interface made from
// v, the value of nod, keeps. A value of a compiled interface with
// methods (fmt.Stringer, error) that holds a cell's value holds the
// wrapper genInterfaceWrapper built, a struct of the value and of its
// methods, and converting it to an interface of the program kept the
// wrapper with the compiled interface as its type: var g Namer = s
// asserted back to Cell failed, %T printed interp.valueInterface, and a
// map keyed by Namer compared wrappers. The session gives every cell
// type with methods goconc_self, returning its receiver, and
// goconc_typename, which the wrapper holds as Wgoconc_self and
// Wgoconc_typename; goconcWrapped recorded the type's node under its
// name and run-time type. The interface gets the value with that node.
// (The wrapper's IValue holds a pointer as it is, a struct's last field
// for a struct.)
func goconcUnwrapped(v reflect.Value, nod *node) (reflect.Value, *node) {
	if nod == nil {
		return v, nod
	}
	if v.Kind() == reflect.Interface && v.IsNil() {
		return goconcDynamic(v, v, nod)
	}
	if nod.interp == nil {
		return v, nod
	}
	w := v
	if w.Kind() == reflect.Interface {
		w = w.Elem()
	}
	if w.Kind() != reflect.Struct || w.NumField() == 0 || w.Type().Field(0).Name != "IValue" {
		return goconcDynamic(v, w, nod)
	}
	self, ok := goconcWrapperFunc[func() any](w, "Wgoconc_self")
	if !ok {
		return v, nod
	}
	typeName, ok := goconcWrapperFunc[func() string](w, "Wgoconc_typename")
	if !ok {
		return v, nod
	}
	value := reflect.ValueOf(self())
	if vi, ok := value.Interface().(valueInterface); ok {
		value = vi.value
	}
	if !value.IsValid() {
		return v, nod
	}
	name := typeName()
	held := w.Field(0)
	if held.Kind() == reflect.Interface {
		held = held.Elem()
	}
	if held.Kind() == reflect.Pointer && value.Kind() != reflect.Pointer {
		// goconc_self of a value receiver called through the pointer
		// the wrapper holds: the pointer is the value.
		value = held
	}
	if value.Kind() == reflect.Pointer && !strings.HasPrefix(name, "*") {
		name = "*" + name // goconc_typename names the pointer's element
	}
	c, ok := nod.interp.goconcNodes.Load(goconcWrapKey{value.Type(), name})
	if !ok {
		return goconcDynamic(v, w, nod)
	}
	return value, c.(*node)
}

// goconcDynamic returns the value and the node an interface made from v,
// the value of nod, keeps when v is a compiled interface holding w, a
// value of a compiled type: w, with its type's node. The interface kept
// v, with the compiled interface as its type, and two interfaces holding
// one pointer (errors.New's) compared their variables: a map keyed by an
// interface had one key for the variable ErrA and another for the
// parameter e it was passed as.
func goconcDynamic(v, w reflect.Value, nod *node) (reflect.Value, *node) {
	if !goconcMethodInterface(nod) {
		// An empty interface's value keeps its node as it is: it is
		// how a map keyed by any tells keys apart.
		return v, nod
	}
	if v.Kind() == reflect.Interface && v.IsNil() && nod.typ != nil && (nod.typ.cat == valueT || nod.typ.cat == errorT) {
		// A nil compiled interface is the zero value of the program's
		// (var s Shape), not an interface of type error holding nil.
		return reflect.Value{}, nil
	}
	if v.Kind() != reflect.Interface || v.IsNil() || !w.IsValid() || w.Kind() == reflect.Interface {
		return v, nod
	}
	if _, ok := w.Interface().(valueInterface); ok {
		return v, nod
	}
	return w, goconcNode(&node{typ: valueTOf(w.Type()), interp: nod.interp})
}

// goconcMethodInterface reports whether nod is of a compiled interface
// type with methods (error, fmt.Stringer).
func goconcMethodInterface(nod *node) bool {
	if nod.typ == nil {
		return false
	}
	switch nod.typ.cat {
	case errorT:
		return true
	case valueT:
		t := nod.typ.rtype
		return t != nil && t.Kind() == reflect.Interface && t.NumMethod() > 0
	}
	return false
}

// goconcWrapperFunc returns the function of type F in field name of w, a
// wrapper, if it has one.
func goconcWrapperFunc[F any](w reflect.Value, name string) (F, bool) {
	var zero F
	f := w.FieldByName(name)
	if !f.IsValid() || f.Kind() != reflect.Func || f.IsNil() || !f.CanInterface() {
		return zero, false
	}
	fn, ok := f.Interface().(F)
	return fn, ok
}

// goconcRewrapped returns the wrapper of the compiled interface typ for
// v, a value of n, an interface of the program, holding a value of n2's
// type, when that type's methods choose another wrapper than wrap, which
// n's methods chose: the wrapper with goconc_self and goconc_typename
// (var back fmt.Stringer = n, n a Namer) that goconcUnwrapped and
// package cellrt find the value in. The methods are looked up as
// genInterfaceWrapper looks them up in n2's type.
func goconcRewrapped(n, n2 *node, typ, wrap reflect.Type, v reflect.Value, f *frame) (reflect.Value, bool) {
	if n2 == nil || n2.typ == nil || n2.interp == nil || n.typ == nil || n.typ.cat != interfaceT || n2.typ.cat == valueT {
		return reflect.Value{}, false
	}
	own := getWrapper(n2, typ)
	if own == nil || own == wrap || own.Kind() != reflect.Struct || own.NumField() == 0 {
		return reflect.Value{}, false
	}
	cv := getConcreteValue(v)
	w := reflect.New(own).Elem()
	w.Field(0).Set(cv)
	for i := 1; i < own.NumField(); i++ {
		name := own.Field(i).Name[1:]
		m, index := n2.typ.lookupMethod(name)
		if m == nil {
			return reflect.Value{}, false
		}
		nod := *m
		nod.recv = &receiver{n, cv, index}
		w.Field(i).Set(genFunctionWrapper(&nod)(f))
	}
	return w, true
}

// goconcArgument returns the value a parameter of an interface type gets
// for v, the result of a call passed to it as the argument (f(g())): the
// interface value genValueInterface would make, with n the node of the
// result's type (nil for a compiled function's) and arg the argument's.
// The result was wrapped once more as it was, so the parameter held an
// interface holding an interface: a Namer from mk() failed its assertion
// to Cell and printed interp.valueInterface with %T, and a nil error from
// a compiled call was not nil.
func goconcArgument(n, arg *node, v reflect.Value) reflect.Value {
	nod := n
	if nod == nil {
		nod = arg
	}
	for v.IsValid() {
		vi, ok := v.Interface().(valueInterface)
		if !ok {
			break
		}
		v, nod = vi.value, vi.node
	}
	v, nod = goconcUnwrapped(v, nod)
	v, nod = goconcDetach(v), goconcNode(nod)
	if nod != nil && isEmptyInterface(nod.typ) {
		return v
	}
	return reflect.ValueOf(valueInterface{nod, v})
}
