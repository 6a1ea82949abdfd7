package cellrt

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// shapes writes what fmt's %v, %+v and %#v (sharp) print around a
// value's parts: brackets, separators, field names, nil slices, maps and
// interfaces, addresses. fieldsPrinter and typedPrinter share it and
// differ only where they really do: how they name a type (goTypeString
// against a static type description), whether they call a value's
// String and Error methods, and which verbs they serve. So the type
// names come in as functions, called only under %#v, which spells them.
type shapes struct {
	b     strings.Builder
	sharp bool
}

func (s *shapes) sep() {
	if s.sharp {
		s.b.WriteString(", ")
	} else {
		s.b.WriteByte(' ')
	}
}

// list writes a slice, array or map of n elements, each by elem: under
// %#v as typ{...} or typ(nil), else as [...] or map[...].
func (s *shapes) list(v reflect.Value, typ func() string, n int, elem func(i int)) {
	if s.sharp {
		s.b.WriteString(typ())
		if v.Kind() != reflect.Array && v.IsNil() {
			s.b.WriteString("(nil)")
			return
		}
		s.b.WriteByte('{')
	} else if v.Kind() == reflect.Map {
		s.b.WriteString("map[")
	} else {
		s.b.WriteByte('[')
	}
	for i := range n {
		if i > 0 {
			s.sep()
		}
		elem(i)
	}
	if s.sharp {
		s.b.WriteByte('}')
	} else {
		s.b.WriteByte(']')
	}
}

// entries writes a map as list does, its keys in fmt's order, each key
// and element by part.
func (s *shapes) entries(v reflect.Value, typ func() string, key, elem func(reflect.Value)) {
	keys := v.MapKeys()
	slices.SortStableFunc(keys, compareReflectKeys)
	s.list(v, typ, len(keys), func(i int) {
		key(keys[i])
		s.b.WriteByte(':')
		elem(v.MapIndex(keys[i]))
	})
}

// structFields writes a struct as typ{...} under %#v, else {...}, each
// field by field and, if named, after its name: a cell struct's as
// written in the source. A field that holds an interface is written by
// its dynamic value, as fmt does.
func (s *shapes) structFields(v reflect.Value, typ func() string, named bool, field func(i int, f reflect.Value)) {
	t := v.Type()
	var names []string
	if list, ok := t.Field(0).Tag.Lookup("goconcfields"); ok && isCellStruct(t) {
		names = strings.Split(list, ",")
		if len(names) != t.NumField() {
			names = nil
		}
	}
	if s.sharp {
		s.b.WriteString(typ())
	}
	s.b.WriteByte('{')
	for i := range t.NumField() {
		if i > 0 {
			s.sep()
		}
		if named {
			name := t.Field(i).Name
			switch {
			case names != nil:
				name = names[i]
			case t.Name() == "" && !isCellStruct(t):
				name, _ = sourceFieldName(name)
			}
			s.b.WriteString(name + ":")
		}
		f := v.Field(i)
		if f.Kind() == reflect.Interface && !f.IsNil() {
			f = f.Elem()
		}
		field(i, f)
	}
	s.b.WriteByte('}')
}

// address writes a pointer, channel or function as fmt's %v and %#v do
// below the top level: (typ)(0x...) or (typ)(nil) under %#v, else the
// address or <nil>.
func (s *shapes) address(v reflect.Value, typ func() string) {
	if s.sharp {
		s.b.WriteString("(" + typ() + ")(")
		if v.IsNil() {
			s.b.WriteString("nil")
		} else {
			s.b.WriteString("0x" + strconv.FormatUint(uint64(v.Pointer()), 16))
		}
		s.b.WriteByte(')')
		return
	}
	if v.IsNil() {
		s.b.WriteString("<nil>")
		return
	}
	s.b.WriteString("0x" + strconv.FormatUint(uint64(v.Pointer()), 16))
}

// nilInterface writes a nil interface of type t inside a value.
func (s *shapes) nilInterface(t reflect.Type) {
	if s.sharp {
		s.b.WriteString(goTypeString(t) + "(nil)")
	} else {
		s.b.WriteString("<nil>")
	}
}

// pointsToComposite reports whether fmt prints v at the top level as &
// and the value it points to, rather than as an address.
func pointsToComposite(v reflect.Value) bool {
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return false
	}
	switch v.Type().Elem().Kind() {
	case reflect.Struct, reflect.Slice, reflect.Array, reflect.Map:
		return true
	}
	return false
}
