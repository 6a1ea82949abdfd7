//go:build ignore

// This file is added to yaegi's interp package by the workspace that
// yaegipatch writes (the build constraint above is removed there).
//
// A case of a type switch matches a value when the value's type is the
// case's, or, for an interface type, implements it: case any matches
// every value but nil. The interpreter's case compares type names only,
// so a case of an interface the interpreter declares (any, interface{
// foo() }, or a type parameter standing for one) matched no value, and
// case nil missed the nil of an interface with methods.

package interp

import "reflect"

// goconcInterfaceCases makes the case clause n of a type switch match a
// value that implements one of its interface types, or nil for case nil,
// before trying what the interpreter made of the clause.
func goconcInterfaceCases(n *node) {
	if n.exec == nil || len(n.child) <= 1 || n.anc == nil || n.anc.anc == nil || n.anc.anc.kind != typeSwitch {
		return
	}
	var ifaces []*itype
	orNil := false
	for _, c := range n.child[:len(n.child)-1] {
		if t := c.typ; t != nil && t.cat == interfaceT {
			ifaces = append(ifaces, t)
		}
		if t := c.typ; t != nil && t.cat == nilT {
			orNil = true
		}
	}
	if len(ifaces) == 0 && !orNil {
		return
	}
	sn := n.anc.anc // the switch
	src := genValue(sn.child[1].lastChild().child[0])
	var dest func(*frame) reflect.Value
	if len(sn.child[1].child) == 2 { // switch x := v.(type)
		dest = genValue(n.lastChild().child[0])
	}
	tnext, inner := getExec(n.tnext), n.exec
	n.exec = func(f *frame) bltn {
		v := src(f)
		if orNil && goconcIsNil(v) {
			if dest != nil {
				d := dest(f)
				d.Set(reflect.Zero(d.Type()))
			}
			return tnext
		}
		if !goconcImplementsOne(v, ifaces) {
			return inner(f)
		}
		if dest == nil {
			return tnext
		}
		d := dest(f)
		switch {
		case v.Type().AssignableTo(d.Type()):
			d.Set(v)
		case v.Kind() == reflect.Interface && v.Elem().Type().AssignableTo(d.Type()):
			d.Set(v.Elem())
		default:
			return inner(f) // a variable the value cannot be put in
		}
		return tnext
	}
}

// goconcIsNil reports whether v, the value a type switch is over, is
// nil: no value, a nil interface, or the interpreter's record of an
// interface value without one.
func goconcIsNil(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return true
		}
		v = v.Elem()
	}
	vi, ok := v.Interface().(valueInterface)
	return ok && vi.node == nil
}

// goconcImplementsOne reports whether v, the value a type switch is
// over, is not nil and has the methods of one of ifaces.
func goconcImplementsOne(v reflect.Value, ifaces []*itype) bool {
	if !v.IsValid() {
		return false
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	var have methodSet
	if vi, ok := v.Interface().(valueInterface); ok {
		if vi.node == nil || vi.node.typ == nil {
			return false
		}
		have = vi.node.typ.methods()
	} else {
		have = (&itype{cat: valueT, rtype: v.Type()}).methods()
	}
	for _, t := range ifaces {
		if have.contains(t.methods()) {
			return true
		}
	}
	return false
}
