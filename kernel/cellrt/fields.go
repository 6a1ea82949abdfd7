package cellrt

import (
	"cmp"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// fieldsFormatter formats a value that holds cell struct types, at any
// depth (in slices, maps, arrays, fields, behind pointers and
// interfaces), for %+v and %#v with the names the fields and types have
// in the source (see package rewrite's fieldverbs.go). It walks the value as fmt
// does, with fmt's rules for depth, pointers, nil and map order, and
// hands fmt every part that holds no cell struct. Other verbs format the
// value as fmt does.
type fieldsFormatter struct {
	v      any
	nested bool // v is inside another value, where fmt prints pointers as addresses
}

func FieldNames(v any) any { return fieldsFormatter{v: v} }

// NestedFieldNames is FieldNames for a value inside another one.
func NestedFieldNames(v any) any { return fieldsFormatter{v: v, nested: true} }

func (f fieldsFormatter) Format(st fmt.State, verb rune) {
	sharp := st.Flag('#')
	if verb != 'v' || !(sharp || st.Flag('+')) || !holdsCellStruct(reflect.TypeOf(f.v), nil) {
		fmt.Fprintf(st, fmt.FormatString(st, verb), f.v)
		return
	}
	p := fieldsPrinter{shapes{sharp: sharp}}
	switch {
	case f.nested:
		p.value(reflect.ValueOf(f.v), 1)
	case !p.methods(reflect.ValueOf(f.v)):
		p.value(reflect.ValueOf(f.v), 0)
	}
	io.WriteString(st, p.b.String())
}

// holdsCellStruct reports whether a value of type t may hold a cell
// struct: t is one, is built from one, or is an interface, which may
// hold anything.
func holdsCellStruct(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t == nil {
		return false
	}
	if seen[t] {
		return false
	}
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holdsCellStruct(t.Elem(), mark(seen, t))
	case reflect.Map:
		return holdsCellStruct(t.Key(), mark(seen, t)) || holdsCellStruct(t.Elem(), seen)
	case reflect.Struct:
		if isCellStruct(t) || renamedFields(t) {
			return true
		}
		seen = mark(seen, t)
		for i := range t.NumField() {
			if holdsCellStruct(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

func mark(seen map[reflect.Type]bool, t reflect.Type) map[reflect.Type]bool {
	if seen == nil {
		seen = map[reflect.Type]bool{}
	}
	seen[t] = true
	return seen
}

// isCellStruct reports whether t is the run-time type of a cell struct
// type, tagged by tagStructTypes.
func isCellStruct(t reflect.Type) bool {
	if t.Kind() != reflect.Struct || t.NumField() == 0 {
		return false
	}
	_, ok := t.Field(0).Tag.Lookup("goconc")
	return ok
}

// renamedFields reports whether t is a struct type literal of a cell
// with an unexported field, which the interpreter exported by putting an
// X before its name.
func renamedFields(t reflect.Type) bool {
	if t.Name() != "" || t.Kind() != reflect.Struct {
		return false
	}
	for i := range t.NumField() {
		if _, ok := sourceFieldName(t.Field(i).Name); ok {
			return true
		}
	}
	return false
}

// sourceFieldName is a field name of a struct type literal as the cell
// wrote it: Xname was name, when what follows the X cannot start an
// exported name.
func sourceFieldName(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, "X")
	if !ok || rest == "" || !(rest[0] == '_' || rest[0] >= 'a' && rest[0] <= 'z') {
		return name, false
	}
	return rest, true
}

// cellTypeName is the name Go's %#v gives a cell struct type.
func cellTypeName(t reflect.Type) string {
	return "main." + t.Field(0).Tag.Get("goconc")
}

// goTypeString is t as reflect's String spells it, with cell struct
// types by their names.
func goTypeString(t reflect.Type) string {
	if t.Name() != "" {
		return t.String()
	}
	switch t.Kind() {
	case reflect.Struct:
		if isCellStruct(t) {
			return cellTypeName(t)
		}
	case reflect.Pointer:
		return "*" + goTypeString(t.Elem())
	case reflect.Slice:
		return "[]" + goTypeString(t.Elem())
	case reflect.Array:
		return "[" + strconv.Itoa(t.Len()) + "]" + goTypeString(t.Elem())
	case reflect.Map:
		return "map[" + goTypeString(t.Key()) + "]" + goTypeString(t.Elem())
	}
	return t.String()
}

// fieldsPrinter writes a value as fmt's %+v (sharp: %#v) does. It names
// types by goTypeString and, as fmt, calls the methods a value has.
type fieldsPrinter struct {
	shapes
}

func (p *fieldsPrinter) verb() string {
	if p.sharp {
		return "%#v"
	}
	return "%+v"
}

// methods writes v with the method fmt would call on it, if it has one,
// and reports whether it did. Compiled types keep their methods; the
// interpreter's values of cell types show none here.
func (p *fieldsPrinter) methods(v reflect.Value) bool {
	if !v.IsValid() || !v.CanInterface() {
		return false
	}
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return false
	}
	x := v.Interface()
	switch x := x.(type) {
	case fmt.Formatter:
		fmt.Fprintf(&p.b, p.verb(), x)
		return true
	case fmt.GoStringer:
		if p.sharp {
			p.b.WriteString(x.GoString())
			return true
		}
	}
	if p.sharp {
		return false
	}
	switch x := x.(type) {
	case error:
		p.b.WriteString(x.Error())
		return true
	case fmt.Stringer:
		p.b.WriteString(x.String())
		return true
	}
	return false
}

// value writes v at the given depth, following fmt's printValue.
func (p *fieldsPrinter) value(v reflect.Value, depth int) {
	if depth > 0 && p.methods(v) {
		return
	}
	if !v.IsValid() {
		p.b.WriteString("<nil>")
		return
	}
	if !holdsCellStruct(v.Type(), nil) {
		p.plain(v)
		return
	}
	t := v.Type()
	typ := func() string { return goTypeString(t) }
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			p.nilInterface(t)
			return
		}
		p.value(v.Elem(), depth+1)
	case reflect.Pointer:
		if depth == 0 && pointsToComposite(v) {
			p.b.WriteByte('&')
			p.value(v.Elem(), depth+1)
			return
		}
		p.address(v, typ)
	case reflect.Struct:
		p.structFields(v, typ, true, func(_ int, f reflect.Value) { p.value(f, depth+1) })
	case reflect.Slice, reflect.Array:
		p.list(v, typ, v.Len(), func(i int) { p.value(v.Index(i), depth+1) })
	case reflect.Map:
		part := func(x reflect.Value) { p.value(x, depth+1) }
		p.entries(v, typ, part, part)
	default:
		p.plain(v)
	}
}

// plain writes a value that holds no cell struct, as fmt would.
func (p *fieldsPrinter) plain(v reflect.Value) {
	if v.Kind() == reflect.Pointer || v.Kind() == reflect.Chan || v.Kind() == reflect.Func || v.Kind() == reflect.UnsafePointer {
		// Below the top level fmt prints pointers as addresses, which
		// it would not if handed the pointer alone.
		if v.Kind() == reflect.Pointer || !p.sharp {
			p.address(v, func() string { return goTypeString(v.Type()) })
			return
		}
	}
	if v.CanInterface() {
		fmt.Fprintf(&p.b, p.verb(), v.Interface())
		return
	}
	fmt.Fprintf(&p.b, p.verb(), v)
}

// compareReflectKeys orders map keys as fmt prints them: numbers, strings and
// booleans by value, pointers and channels by address, structs and
// arrays element by element, interfaces by their values' types first.
func compareReflectKeys(a, b reflect.Value) int {
	if a.Kind() != b.Kind() {
		return cmp.Compare(a.Kind(), b.Kind())
	}
	switch a.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmp.Compare(a.Int(), b.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmp.Compare(a.Uint(), b.Uint())
	case reflect.String:
		return cmp.Compare(a.String(), b.String())
	case reflect.Float32, reflect.Float64:
		return cmp.Compare(a.Float(), b.Float()) // NaN first, as fmt
	case reflect.Complex64, reflect.Complex128:
		x, y := a.Complex(), b.Complex()
		if c := cmp.Compare(real(x), real(y)); c != 0 {
			return c
		}
		return cmp.Compare(imag(x), imag(y))
	case reflect.Bool:
		switch {
		case a.Bool() == b.Bool():
			return 0
		case a.Bool():
			return 1
		}
		return -1
	case reflect.Pointer, reflect.UnsafePointer, reflect.Chan:
		return cmp.Compare(a.Pointer(), b.Pointer())
	case reflect.Struct, reflect.Array:
		n, at := a.Len, reflect.Value.Index
		if a.Kind() == reflect.Struct {
			n, at = a.NumField, reflect.Value.Field
		}
		for i := range n() {
			if c := compareReflectKeys(at(a, i), at(b, i)); c != 0 {
				return c
			}
		}
		return 0
	case reflect.Interface:
		switch {
		case a.IsNil() && b.IsNil():
			return 0
		case a.IsNil():
			return -1
		case b.IsNil():
			return 1
		}
		if c := cmp.Compare(a.Elem().Type().String(), b.Elem().Type().String()); c != 0 {
			return c
		}
		return compareReflectKeys(a.Elem(), b.Elem())
	}
	return 0
}
