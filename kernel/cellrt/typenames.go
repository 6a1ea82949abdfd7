package cellrt

import (
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// typeNames is what a cell's static type tells of the names Go gives
// the parts of a value that the interpreter's run-time type does not
// have: a struct field of type Celsius ("type Celsius float64"), the
// elements of a []Names, a Celsius passed to Printf. The interpreter
// gives those parts their underlying types, so %#v would print []string
// for main.Names and a wrong verb %!d(float64=2) for %!d(main.Celsius=2).
// A nil *typeNames stands for a part where the run-time type is right.
type typeNames struct {
	name   string       // Go's name for the type at this position, or ""
	elem   *typeNames   // of a slice, array, pointer or map element
	key    *typeNames   // of a map key
	fields []*typeNames // of a struct's fields, in order
}

// parseTypeNames reads the description package rewrite writes of a
// static type (typenames.go there):
//
//	.          no name to give below
//	Nname;D    the named type name, whose underlying type is D
//	[D         a slice or array of D
//	*D         a pointer to D
//	MKD        a map of K to D
//	{D...}     a struct with those fields
//
// It returns the rest of s after the description.
func parseTypeNames(s string) (*typeNames, string, bool) {
	if s == "" {
		return nil, "", false
	}
	switch s[0] {
	case '.':
		return nil, s[1:], true
	case 'N':
		name, rest, ok := strings.Cut(s[1:], ";")
		if !ok {
			return nil, "", false
		}
		under, rest, ok := parseTypeNames(rest)
		if !ok {
			return nil, "", false
		}
		n := &typeNames{}
		if under != nil {
			*n = *under
		}
		n.name = name
		return n, rest, true
	case '[', '*':
		elem, rest, ok := parseTypeNames(s[1:])
		return &typeNames{elem: elem}, rest, ok
	case 'M':
		key, rest, ok := parseTypeNames(s[1:])
		if !ok {
			return nil, "", false
		}
		elem, rest, ok := parseTypeNames(rest)
		return &typeNames{key: key, elem: elem}, rest, ok
	case '{':
		n := &typeNames{}
		rest := s[1:]
		for rest != "" && rest[0] != '}' {
			var f *typeNames
			var ok bool
			if f, rest, ok = parseTypeNames(rest); !ok {
				return nil, "", false
			}
			n.fields = append(n.fields, f)
		}
		if rest == "" {
			return nil, "", false
		}
		return n, rest[1:], true
	}
	return nil, "", false
}

// typedFormatter formats a value with the names of its static type.
type typedFormatter struct {
	names *typeNames
	v     any
}

// TypeNames is v for fmt, printed with the names of the types of its
// parts that desc, the description of v's static type, gives.
func TypeNames(desc string, v any) any {
	n, rest, ok := parseTypeNames(desc)
	if !ok || rest != "" {
		return fieldsFormatter{v: v}
	}
	return typedFormatter{names: n, v: v}
}

func (f typedFormatter) Format(st fmt.State, verb rune) {
	if verb == 'T' || verb == 'p' {
		fmt.Fprintf(st, fmt.FormatString(st, verb), f.v)
		return
	}
	p := typedPrinter{format: fmt.FormatString(st, verb), verb: verb, sharp: verb == 'v' && st.Flag('#'), plus: verb == 'v' && st.Flag('+')}
	p.value(reflect.ValueOf(f.v), f.names, 0)
	io.WriteString(st, p.b.String())
}

// typedPrinter writes a value as fmt does with one verb, following fmt's
// printValue, with the names typeNames give.
type typedPrinter struct {
	b           strings.Builder
	format      string
	verb        rune
	sharp, plus bool
}

func (p *typedPrinter) sep() {
	if p.sharp {
		p.b.WriteString(", ")
	} else {
		p.b.WriteByte(' ')
	}
}

func (p *typedPrinter) value(v reflect.Value, n *typeNames, depth int) {
	if n == nil || !v.IsValid() {
		p.plain(v, depth)
		return
	}
	t := v.Type()
	switch v.Kind() {
	case reflect.Pointer:
		if depth == 0 && !v.IsNil() {
			switch t.Elem().Kind() {
			case reflect.Struct, reflect.Slice, reflect.Array, reflect.Map:
				p.b.WriteByte('&')
				p.value(v.Elem(), n.elem, depth+1)
				return
			}
		}
		p.pointer(v, n)
	case reflect.Chan, reflect.Func, reflect.UnsafePointer:
		p.pointer(v, n)
	case reflect.Struct:
		p.structFields(v, n, depth)
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			// fmt prints bytes as a whole, as a string or hex for
			// most verbs; %#v as 0x numbers.
			text := p.leaf(v, depth)
			if i := strings.IndexAny(text, "{("); p.sharp && i > 0 {
				// fmt writes []byte or []uint8 for the run-time type.
				text = p.typeString(t, n) + text[i:]
			}
			p.b.WriteString(text)
			return
		}
		if p.sharp {
			p.b.WriteString(p.typeString(t, n))
			if v.Kind() == reflect.Slice && v.IsNil() {
				p.b.WriteString("(nil)")
				return
			}
			p.b.WriteByte('{')
		} else {
			p.b.WriteByte('[')
		}
		for i := range v.Len() {
			if i > 0 {
				p.sep()
			}
			p.value(v.Index(i), n.elem, depth+1)
		}
		if p.sharp {
			p.b.WriteByte('}')
		} else {
			p.b.WriteByte(']')
		}
	case reflect.Map:
		if p.sharp {
			p.b.WriteString(p.typeString(t, n))
			if v.IsNil() {
				p.b.WriteString("(nil)")
				return
			}
			p.b.WriteByte('{')
		} else {
			p.b.WriteString("map[")
		}
		keys := v.MapKeys()
		slices.SortStableFunc(keys, compareReflectKeys)
		for i, k := range keys {
			if i > 0 {
				p.sep()
			}
			p.value(k, n.key, depth+1)
			p.b.WriteByte(':')
			p.value(v.MapIndex(k), n.elem, depth+1)
		}
		if p.sharp {
			p.b.WriteByte('}')
		} else {
			p.b.WriteByte(']')
		}
	default:
		text := p.leaf(v, depth)
		if n.name != "" {
			// A wrong verb names the value's type.
			bad := "%!" + string(p.verb) + "(" + t.String() + "="
			if rest, ok := strings.CutPrefix(text, bad); ok {
				text = "%!" + string(p.verb) + "(" + n.name + "=" + rest
			}
		}
		p.b.WriteString(text)
	}
}

// structFields writes a struct's fields, a cell struct's with the names
// written in the source.
func (p *typedPrinter) structFields(v reflect.Value, n *typeNames, depth int) {
	t := v.Type()
	var names []string
	if list, ok := t.Field(0).Tag.Lookup("goconcfields"); ok && isCellStruct(t) {
		names = strings.Split(list, ",")
		if len(names) != t.NumField() {
			names = nil
		}
	}
	if p.sharp {
		p.b.WriteString(p.typeString(t, n))
	}
	p.b.WriteByte('{')
	for i := range t.NumField() {
		if i > 0 {
			p.sep()
		}
		if p.sharp || p.plus {
			name := t.Field(i).Name
			switch {
			case names != nil:
				name = names[i]
			case t.Name() == "" && !isCellStruct(t):
				name, _ = sourceFieldName(name)
			}
			p.b.WriteString(name + ":")
		}
		var fn *typeNames
		if len(n.fields) == t.NumField() {
			fn = n.fields[i]
		}
		field := v.Field(i)
		if field.Kind() == reflect.Interface && !field.IsNil() {
			field = field.Elem()
		}
		p.value(field, fn, depth+1)
	}
	p.b.WriteByte('}')
}

// typeString is t as Go names it, with the names n gives.
func (p *typedPrinter) typeString(t reflect.Type, n *typeNames) string {
	if n == nil {
		return goTypeString(t)
	}
	if n.name != "" {
		return n.name
	}
	switch t.Kind() {
	case reflect.Slice:
		return "[]" + p.typeString(t.Elem(), n.elem)
	case reflect.Array:
		return "[" + strconv.Itoa(t.Len()) + "]" + p.typeString(t.Elem(), n.elem)
	case reflect.Pointer:
		return "*" + p.typeString(t.Elem(), n.elem)
	case reflect.Map:
		return "map[" + p.typeString(t.Key(), n.key) + "]" + p.typeString(t.Elem(), n.elem)
	}
	return goTypeString(t)
}

// pointer writes a pointer, channel or function as fmt does below the
// top level, and at the top level for those that are not a pointer to a
// composite: %#v as (T)(0x...), %v as the address or <nil>.
func (p *typedPrinter) pointer(v reflect.Value, n *typeNames) {
	switch {
	case p.sharp:
		p.b.WriteString("(" + p.typeString(v.Type(), n) + ")(")
		if v.IsNil() {
			p.b.WriteString("nil")
		} else {
			p.b.WriteString("0x" + strconv.FormatUint(uint64(v.Pointer()), 16))
		}
		p.b.WriteByte(')')
	case p.verb == 'v' && v.IsNil():
		p.b.WriteString("<nil>")
	case p.verb == 'v':
		p.b.WriteString("0x" + strconv.FormatUint(uint64(v.Pointer()), 16))
	default:
		p.b.WriteString(fmt.Sprintf(p.format, v.Pointer()))
	}
}

// plain writes a part whose run-time type has Go's names, as fmt would
// at this depth.
func (p *typedPrinter) plain(v reflect.Value, depth int) {
	if !v.IsValid() {
		if depth == 0 || p.verb != 'v' {
			p.b.WriteString(fmt.Sprintf(p.format, nil))
		} else {
			p.b.WriteString("<nil>")
		}
		return
	}
	if depth > 0 {
		switch v.Kind() {
		case reflect.Pointer, reflect.Chan, reflect.Func, reflect.UnsafePointer:
			p.pointer(v, nil)
			return
		case reflect.Interface:
			if v.IsNil() {
				if p.sharp {
					p.b.WriteString(goTypeString(v.Type()) + "(nil)")
				} else {
					p.b.WriteString("<nil>")
				}
				return
			}
			p.plain(v.Elem(), depth+1)
			return
		}
	}
	p.b.WriteString(p.leaf(v, depth))
}

// leaf is fmt's text for v on its own, with cell struct types' field
// names.
func (p *typedPrinter) leaf(v reflect.Value, depth int) string {
	if !v.CanInterface() {
		return fmt.Sprintf(p.format, v)
	}
	x := v.Interface()
	if p.sharp || p.plus {
		x = fieldsFormatter{v: x, nested: depth > 0}
	}
	return fmt.Sprintf(p.format, x)
}
