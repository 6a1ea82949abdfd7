package cellrt

import (
	"reflect"
)

// JSONOpen is x for encoding/json's and encoding/xml's encoders, with
// the interpreter's records of interface values replaced by the values
// they hold. The interpreter keeps a value of a cell type with methods
// that is in an interface ([]Shape{Circle{1}}, map[string]any{"c":
// Circle{2}}) as a record of its own whose fields the encoder cannot
// see: it would write {} for each. The copy has types of the same shape
// with the interfaces' places of type any, so that field names, tags,
// omitempty and map keys encode as they would. x comes back as it is
// when it holds no record.
func JSONOpen(x any) any {
	if v, ok := Concrete(x); ok {
		x = v
	}
	t := reflect.TypeOf(x)
	if t == nil || !holdsRecordType(t, nil) {
		return x
	}
	v := reflect.New(t).Elem()
	v.Set(reflect.ValueOf(x))
	if !containsAnyRecord(v, 0) {
		return x
	}
	o := jsonOpener{types: map[reflect.Type]reflect.Type{}, busy: map[reflect.Type]bool{}}
	return o.value(v, 0).Interface()
}

// holdsRecordType reports whether a value of type t may hold a record:
// t is or holds an interface type.
func holdsRecordType(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] || t.Kind() != reflect.Interface && marshals(t) {
		return false // its method encodes it (Named's opens it)
	}
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holdsRecordType(t.Elem(), mark(seen, t))
	case reflect.Map:
		seen = mark(seen, t)
		return holdsRecordType(t.Key(), seen) || holdsRecordType(t.Elem(), seen)
	case reflect.Struct:
		if isInterpreterInterface(t) {
			return true
		}
		seen = mark(seen, t)
		for i := range t.NumField() {
			if holdsRecordType(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// containsAnyRecord reports whether v holds a record at any depth up to
// mostOpened.
func containsAnyRecord(v reflect.Value, depth int) bool {
	if !v.IsValid() || depth > mostOpened {
		return false
	}
	t := v.Type()
	if isInterpreterInterface(t) {
		return true
	}
	if !holdsRecordType(t, nil) {
		return false
	}
	switch t.Kind() {
	case reflect.Interface, reflect.Pointer:
		return !v.IsNil() && containsAnyRecord(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if containsAnyRecord(v.Index(i), depth+1) {
				return true
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if containsAnyRecord(it.Value(), depth+1) {
				return true
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if containsAnyRecord(v.Field(i), depth+1) {
				return true
			}
		}
	}
	return false
}

var anyType = reflect.TypeFor[any]()

// marshals reports whether values of t encode themselves by a compiled
// method: MarshalJSON, MarshalText or MarshalXML.
func marshals(t reflect.Type) bool {
	for _, m := range []string{"MarshalJSON", "MarshalText", "MarshalXML"} {
		if _, ok := t.MethodByName(m); ok {
			return true
		}
		if t.Kind() != reflect.Pointer {
			if _, ok := reflect.PointerTo(t).MethodByName(m); ok {
				return true
			}
		}
	}
	return false
}

// jsonOpener makes the opened copies, with the opened types it made.
type jsonOpener struct {
	types map[reflect.Type]reflect.Type
	busy  map[reflect.Type]bool // types being opened, met again inside themselves
}

// openedType is the type of t's opened copies: t where it holds no
// interface, any for an interface (or a record), and composites of the
// opened types of their parts. A struct type met again inside itself is
// any there, as reflect cannot make recursive types.
func (o *jsonOpener) openedType(t reflect.Type) reflect.Type {
	if !holdsRecordType(t, nil) {
		return t
	}
	if ot, ok := o.types[t]; ok {
		return ot
	}
	if o.busy[t] {
		return anyType
	}
	o.busy[t] = true
	defer delete(o.busy, t)
	var ot reflect.Type
	switch t.Kind() {
	case reflect.Pointer:
		ot = reflect.PointerTo(o.openedType(t.Elem()))
	case reflect.Slice:
		ot = reflect.SliceOf(o.openedType(t.Elem()))
	case reflect.Array:
		ot = reflect.ArrayOf(t.Len(), o.openedType(t.Elem()))
	case reflect.Map:
		ot = reflect.MapOf(t.Key(), o.openedType(t.Elem()))
	case reflect.Struct:
		if isInterpreterInterface(t) {
			ot = anyType
			break
		}
		fields := make([]reflect.StructField, t.NumField())
		for i := range fields {
			f := t.Field(i)
			fields[i] = reflect.StructField{Name: f.Name, PkgPath: f.PkgPath, Type: o.openedType(f.Type), Tag: f.Tag, Anonymous: f.Anonymous && f.Type.Kind() == reflect.Struct && !holdsRecordType(f.Type, nil)}
		}
		ot = structOf(fields, t)
	default:
		ot = anyType
	}
	o.types[t] = ot
	return ot
}

// structOf is reflect.StructOf(fields), or t when reflect refuses (an
// unexported field of a compiled type).
func structOf(fields []reflect.StructField, t reflect.Type) (st reflect.Type) {
	defer func() {
		if recover() != nil {
			st = t
		}
	}()
	return reflect.StructOf(fields)
}

// value is the opened copy of v, of type openedType(v.Type()).
func (o *jsonOpener) value(v reflect.Value, depth int) reflect.Value {
	t := v.Type()
	if depth > mostOpened || !holdsRecordType(t, nil) {
		return v
	}
	ot := o.openedType(t)
	if ot == anyType {
		return o.anyOf(v, depth)
	}
	out := reflect.New(ot).Elem()
	switch t.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			p := reflect.New(ot.Elem())
			p.Elem().Set(o.value(v.Elem(), depth+1))
			out.Set(p)
		}
	case reflect.Slice:
		if v.IsNil() {
			return out
		}
		out.Set(reflect.MakeSlice(ot, v.Len(), v.Len()))
		fallthrough
	case reflect.Array:
		for i := range v.Len() {
			out.Index(i).Set(o.value(v.Index(i), depth+1))
		}
	case reflect.Map:
		if v.IsNil() {
			return out
		}
		out.Set(reflect.MakeMapWithSize(ot, v.Len()))
		it := v.MapRange()
		for it.Next() {
			out.SetMapIndex(it.Key(), o.value(it.Value(), depth+1))
		}
	case reflect.Struct:
		if ot.Kind() != reflect.Struct || ot.NumField() != t.NumField() {
			return v
		}
		for i := range t.NumField() {
			f := v.Field(i)
			if !f.CanInterface() {
				return v // a compiled struct's unexported field
			}
			out.Field(i).Set(o.value(f, depth+1))
		}
	}
	return out
}

// anyOf is v in an any, the value a record or an interface holds opened.
func (o *jsonOpener) anyOf(v reflect.Value, depth int) reflect.Value {
	out := reflect.New(anyType).Elem()
	inner := v
	for inner.IsValid() && depth <= mostOpened {
		switch {
		case isInterpreterInterface(inner.Type()):
			inner = recordValue(addressable(inner))
		case inner.Kind() == reflect.Interface:
			if inner.IsNil() {
				return out
			}
			inner = inner.Elem()
		default:
			if inner.CanInterface() {
				out.Set(reflect.ValueOf(o.value(addressable(inner), depth+1).Interface()))
			}
			return out
		}
		depth++
	}
	return out
}
