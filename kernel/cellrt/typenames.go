package cellrt

import (
	"fmt"
	"io"
	"reflect"
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
	p := typedPrinter{shapes: shapes{sharp: verb == 'v' && st.Flag('#')}, format: fmt.FormatString(st, verb), verb: verb, plus: verb == 'v' && st.Flag('+')}
	p.value(reflect.ValueOf(f.v), f.names, 0)
	io.WriteString(st, p.b.String())
}

// typedPrinter writes a value as fmt does with one verb, following fmt's
// printValue, with the names typeNames give. Unlike fieldsPrinter it
// serves every verb but %T and %p, names types by the static
// description, and looks for no String or Error methods itself: fmt
// calls them on the parts handed to it (leaf).
type typedPrinter struct {
	shapes
	format string
	verb   rune
	plus   bool
}

func (p *typedPrinter) value(v reflect.Value, n *typeNames, depth int) {
	if n == nil || !v.IsValid() {
		p.plain(v, depth)
		return
	}
	t := v.Type()
	typ := func() string { return p.typeString(t, n) }
	switch v.Kind() {
	case reflect.Pointer:
		if depth == 0 && pointsToComposite(v) {
			p.b.WriteByte('&')
			p.value(v.Elem(), n.elem, depth+1)
			return
		}
		p.pointer(v, n)
	case reflect.Chan, reflect.Func, reflect.UnsafePointer:
		p.pointer(v, n)
	case reflect.Struct:
		p.structFields(v, typ, p.sharp || p.plus, func(i int, f reflect.Value) {
			var fn *typeNames
			if len(n.fields) == t.NumField() {
				fn = n.fields[i]
			}
			p.value(f, fn, depth+1)
		})
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
		p.list(v, typ, v.Len(), func(i int) { p.value(v.Index(i), n.elem, depth+1) })
	case reflect.Map:
		p.entries(v, typ,
			func(k reflect.Value) { p.value(k, n.key, depth+1) },
			func(e reflect.Value) { p.value(e, n.elem, depth+1) })
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
// composite: %v and %#v as shapes.address does, other verbs by the
// address as a number.
func (p *typedPrinter) pointer(v reflect.Value, n *typeNames) {
	if p.sharp || p.verb == 'v' {
		p.address(v, func() string { return p.typeString(v.Type(), n) })
		return
	}
	p.b.WriteString(fmt.Sprintf(p.format, v.Pointer()))
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
				p.nilInterface(v.Type())
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
