package cellrt

import (
	"reflect"
	"unsafe"
)

// A value of an interface type the cells declare (Shape) is, inside the
// interpreter, a record of the interpreter's own (interp.valueInterface)
// holding the node that made it and the value. Where such values are
// parts of a composite that reaches compiled code ([]Shape in an any, a
// map[string]Shape, a struct with a Shape field), fmt prints the record's
// pointers instead of the values. FmtOpen replaces each record by the
// value it holds, for printing.

// FmtOpen returns x, or, when x's type holds the interpreter's interface
// records, a value that prints as x would with each record replaced by
// the value it holds. A cell's value in the interpreter's wrapper of a
// compiled interface (sort.Interface) is taken out of it.
func FmtOpen(x any) any {
	if v, ok := Concrete(x); ok {
		x = v
	}
	t := reflect.TypeOf(x)
	if t == nil {
		return x
	}
	var v reflect.Value
	if holdsInterpreterInterface(t, nil) {
		// An addressable copy, so that fields reached by reflection
		// can be read whatever their names.
		v = reflect.New(t).Elem()
		v.Set(reflect.ValueOf(x))
		if !containsRecord(v, 0) {
			v = reflect.Value{}
		}
	}
	if !v.IsValid() {
		if t.Kind() != reflect.Pointer && holdsCellStruct(t, nil) {
			return fieldsFormatter{v: x} // field names as written
		}
		return x
	}
	return openValue(v, 0)
}

// containsRecord reports whether v holds one of the interpreter's
// records where fmt would print it: pointers are followed at the top
// only, as fmt prints the others as addresses.
func containsRecord(v reflect.Value, depth int) bool {
	if !v.IsValid() || depth > mostOpened {
		return false
	}
	t := v.Type()
	if isInterpreterInterface(t) {
		return true
	}
	if !holdsInterpreterInterface(t, nil) {
		return false
	}
	switch t.Kind() {
	case reflect.Interface:
		return !v.IsNil() && containsRecord(v.Elem(), depth+1)
	case reflect.Pointer:
		return depth == 0 && !v.IsNil() && containsRecord(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if containsRecord(v.Index(i), depth+1) {
				return true
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if containsRecord(it.Key(), depth+1) || containsRecord(it.Value(), depth+1) {
				return true
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if containsRecord(v.Field(i), depth+1) {
				return true
			}
		}
	}
	return false
}

// mostOpened bounds the depth FmtOpen follows pointers and records to,
// as a cyclic value would make it go on for ever.
const mostOpened = 64

func openValue(v reflect.Value, depth int) any {
	if !v.IsValid() {
		return nil
	}
	t := v.Type()
	if depth > mostOpened || !holdsInterpreterInterface(t, nil) {
		return openedLeaf(v)
	}
	if isInterpreterInterface(t) {
		inner := recordValue(v)
		if !inner.IsValid() {
			return nil
		}
		return openValue(addressable(inner), depth+1)
	}
	name := t.String()
	switch t.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return openValue(addressable(v.Elem()), depth+1)
	case reflect.Pointer:
		composite := false
		switch t.Elem().Kind() {
		case reflect.Struct, reflect.Array, reflect.Slice, reflect.Map:
			composite = true
		}
		p := v
		if p.CanInterface() {
			return &fmtPointer{typ: name, ptr: p, composite: composite, elem: func() any { return openValue(p.Elem(), depth+1) }}
		}
		return openedLeaf(v)
	case reflect.Slice, reflect.Array:
		es := make([]any, v.Len())
		for i := range es {
			es[i] = openValue(v.Index(i), depth+1)
		}
		return &fmtList{typ: name, slice: t.Kind() == reflect.Slice, isNil: t.Kind() == reflect.Slice && v.IsNil(), elems: es}
	case reflect.Map:
		var ks, vs []any
		it := v.MapRange()
		for it.Next() {
			ks = append(ks, openValue(addressable(it.Key()), depth+1))
			vs = append(vs, openValue(addressable(it.Value()), depth+1))
		}
		return FmtMap(name, v.IsNil(), ks, vs)
	case reflect.Struct:
		names := make([]string, t.NumField())
		fields := make([]any, t.NumField())
		for i := range fields {
			names[i] = t.Field(i).Name
			fields[i] = openValue(v.Field(i), depth+1)
		}
		return &fmtStruct{typ: name, names: names, fields: fields}
	}
	return openedLeaf(v)
}

// openedLeaf is a part of an opened value that holds no records: the
// value itself, with its fields' names as written for a cell struct, or,
// when reflection may not hand it out, the reflect.Value, which fmt
// prints as the value it holds.
func openedLeaf(v reflect.Value) any {
	if v.CanAddr() && !v.CanInterface() {
		v = reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
	}
	if !v.CanInterface() {
		return v
	}
	x := v.Interface()
	if t := v.Type(); t.Kind() != reflect.Pointer && holdsCellStruct(t, nil) {
		return fieldsFormatter{v: x}
	}
	return x
}

// addressable returns v, or an addressable copy of it.
func addressable(v reflect.Value) reflect.Value {
	if !v.IsValid() || v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	if v.CanInterface() {
		c.Set(v)
		return c
	}
	return v
}

// isInterpreterInterface reports whether t is the interpreter's record
// of an interface value.
func isInterpreterInterface(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == interpreterPath && t.Name() == "valueInterface"
}

// recordValue returns the value a record holds: its field of type
// reflect.Value. v must be addressable.
func recordValue(v reflect.Value) reflect.Value {
	valueType := reflect.TypeFor[reflect.Value]()
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Type() == valueType && f.CanAddr() {
			return *(*reflect.Value)(unsafe.Pointer(f.UnsafeAddr()))
		}
	}
	return reflect.Value{}
}

// holdsInterpreterInterface reports whether a value of type t may hold
// the interpreter's interface records where fmt prints them without
// calling a method: a type with methods fmt calls is printed by them.
func holdsInterpreterInterface(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	if isInterpreterInterface(t) {
		return true
	}
	if t.Kind() != reflect.Interface && hasFmtMethods(t, false) {
		return false
	}
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holdsInterpreterInterface(t.Elem(), mark(seen, t))
	case reflect.Map:
		seen = mark(seen, t)
		return holdsInterpreterInterface(t.Key(), seen) || holdsInterpreterInterface(t.Elem(), seen)
	case reflect.Struct:
		seen = mark(seen, t)
		for i := range t.NumField() {
			if holdsInterpreterInterface(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}
