package cellrt

import (
	"fmt"
	"io"
	"reflect"
	"strings"
)

// fieldsFormatter formats a value of a cell struct type, or a pointer to one,
// for %+v and %#v with the names its fields and type have in the source
// (see package rewrite's fieldverbs.go). Other verbs format the value as fmt does.
type fieldsFormatter struct{ v any }

func FieldNames(v any) any { return fieldsFormatter{v} }

func (f fieldsFormatter) Format(st fmt.State, verb rune) {
	sharp := st.Flag('#')
	if verb != 'v' || !(sharp || st.Flag('+')) {
		fmt.Fprintf(st, fmt.FormatString(st, verb), f.v)
		return
	}
	var b strings.Builder
	v := reflect.ValueOf(f.v)
	switch {
	case v.Kind() == reflect.Pointer && isCellStruct(v.Type().Elem()):
		switch {
		case v.IsNil() && sharp:
			fmt.Fprintf(&b, "(*%s)(nil)", cellTypeName(v.Type().Elem()))
		case v.IsNil():
			b.WriteString("<nil>")
		default:
			b.WriteByte('&')
			writeFields(&b, v.Elem(), sharp)
		}
	case v.Kind() == reflect.Struct && isCellStruct(v.Type()):
		writeFields(&b, v, sharp)
	default:
		fmt.Fprintf(&b, fmt.FormatString(st, verb), f.v)
	}
	io.WriteString(st, b.String())
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

// cellTypeName is the name Go's %#v gives a cell struct type.
func cellTypeName(t reflect.Type) string {
	return "main." + t.Field(0).Tag.Get("goconc")
}

// writeFields writes a cell struct's fields as %+v (or, sharp, %#v) does.
func writeFields(b *strings.Builder, v reflect.Value, sharp bool) {
	t := v.Type()
	names := strings.Split(t.Field(0).Tag.Get("goconcfields"), ",")
	if len(names) != t.NumField() {
		names = nil
	}
	sep, verb := " ", "%+v"
	if sharp {
		b.WriteString(cellTypeName(t))
		sep, verb = ", ", "%#v"
	}
	b.WriteByte('{')
	for i := range t.NumField() {
		if i > 0 {
			b.WriteString(sep)
		}
		name := t.Field(i).Name
		if names != nil {
			name = names[i]
		}
		b.WriteString(name + ":")
		field := v.Field(i)
		switch {
		case field.Kind() == reflect.Struct && isCellStruct(field.Type()):
			writeFields(b, field, sharp)
		case field.CanInterface():
			fmt.Fprintf(b, verb, field.Interface())
		default:
			fmt.Fprintf(b, verb, field)
		}
	}
	b.WriteByte('}')
}
