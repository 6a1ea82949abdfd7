package cellrt

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Named is a value of a cell's method-less type with a basic underlying
// type, such as "type Cents int", while it is in an interface. The
// interpreter gives such a value its underlying type's run-time type, so
// without the box it would be an int to type switches, assertions,
// equality and %T. V is the cell's box struct, whose one field holds the
// value. Cells make it as a composite literal, which the interpreter
// makes faster than it calls a function.
type Named struct {
	Type string // as %T prints it
	V    any
}

// value is the boxed value, of the type's underlying type.
func (n Named) value() any { return reflect.ValueOf(n.V).Field(0).Interface() }

// Format prints the value as fmt prints a value of the cell's type: as
// its underlying type, with every verb and flag.
//
// %#v is the exception: Go writes the value's type where it has one,
// main.Names{"a"}, (main.P)(nil), and the underlying type's text has the
// underlying type there instead; so do the texts of wrong verbs,
// %!d(main.Name=n).
func (n Named) Format(f fmt.State, verb rune) {
	v := FmtOpen(n.value()) // a composite of interface values holds the interpreter's records
	text := fmt.Sprintf(fmt.FormatString(f, verb), v)
	if v == nil {
		f.Write([]byte(text))
		return
	}
	under := reflect.TypeOf(v).String()
	bad := "%!" + string(verb) + "(" + under + "="
	switch {
	case strings.HasPrefix(text, bad):
		text = "%!" + string(verb) + "(" + n.Type + "=" + text[len(bad):]
	case verb != 'v' || !f.Flag('#'):
	case strings.HasPrefix(text, under):
		text = n.Type + text[len(under):]
	case strings.HasPrefix(text, "("+under+")"):
		text = "(" + n.Type + ")" + text[len(under)+2:]
	}
	f.Write([]byte(text))
}

// MarshalJSON encodes the value as encoding/json encodes the cell's
// type: as its underlying type, the interpreter's records of interface
// values in it opened (JSONOpen).
func (n Named) MarshalJSON() ([]byte, error) { return json.Marshal(JSONOpen(n.value())) }

// ConversionError is the panic of a failed assertion x.(T) to a boxed
// cell type T; iface is the static type of x.
func ConversionError(x any, iface, want string) RuntimeError {
	return RuntimeError(fmt.Sprintf("interface conversion: %s is %s, not %s", iface, TypeName(x), want))
}

// unboxed is x, or the value in it when x is boxed, for package reflect.
func unboxed(x any) any {
	if n, ok := x.(Named); ok {
		return n.value()
	}
	return x
}

// typeString is reflect.TypeOf(x).String() with Go's names for boxed
// values and the runtime's errors (typeName).
func typeString(x any) string {
	if x == nil {
		panic(RuntimeError("runtime error: invalid memory address or nil pointer dereference"))
	}
	return TypeName(x)
}

// unboxAs is the box struct in x when x holds a value of the cell type
// named want; otherwise it panics as x.(T) does. iface is x's static type.
func unboxAs(x any, iface, want string) any {
	if n, ok := x.(Named); ok && n.Type == want {
		return n.V
	}
	panic(ConversionError(x, iface, want))
}

// namedType is the reflect.Type of a boxed value as fmt prints it and
// as Name and PkgPath tell it: the interpreter's type for the value is
// its underlying type, whose other methods it keeps (Kind, Size, ...).
type namedType struct {
	reflect.Type
	name string // as %v prints it, "main.Cents"
}

func (t namedType) String() string { return t.name }

// Name and PkgPath are empty for a composite type, []main.Cents, which
// has no name.
func (t namedType) Name() string {
	if t.composite() {
		return ""
	}
	return t.name[strings.LastIndexByte(t.name, '.')+1:]
}

func (t namedType) PkgPath() string {
	if t.composite() {
		return ""
	}
	pkg, _, _ := strings.Cut(t.name, ".")
	return pkg
}

func (t namedType) composite() bool { return strings.ContainsAny(t.name, "[]*( ") }

// typeOf is reflect.TypeOf(x) with the cell's type of a boxed value,
// where a cell prints the type, asks its name or compares it with another
// such type.
func typeOf(x any) reflect.Type {
	if n, ok := x.(Named); ok {
		return namedType{Type: reflect.TypeOf(n.value()), name: n.Type}
	}
	if v, ok := Concrete(x); ok {
		x = v
	}
	t := reflect.TypeOf(x)
	if t != nil && isCellStruct(t) {
		return namedType{Type: t, name: cellTypeName(t)}
	}
	return t
}

// Field is the struct field as the cell declared it, for a cell struct
// type: its name as written (the interpreter exports every field under
// another name) and its tag without goconc's keys.
func (t namedType) Field(i int) reflect.StructField {
	f := t.Type.Field(i)
	if !isCellStruct(t.Type) {
		return f
	}
	if list, ok := t.Type.Field(0).Tag.Lookup("goconcfields"); ok {
		if names := strings.Split(list, ","); len(names) == t.Type.NumField() {
			f.Name = names[i]
		}
	}
	if f.Name != "" && !(f.Name[0] >= 'A' && f.Name[0] <= 'Z') {
		f.PkgPath = "main"
	}
	f.Tag = reflect.StructTag(strings.TrimSpace(TagWithout(string(f.Tag), "goconc", "goconcfields")))
	if !f.IsExported() {
		// Hidden from the encoders by goconc (structtags.go).
		f.Tag = reflect.StructTag(strings.TrimSpace(TagWithout(string(f.Tag), "json", "xml")))
	}
	return f
}

// TagWithout is a struct tag without the keys given. The rewrite also
// uses it, to hide unexported fields from the encoders.
func TagWithout(tag string, keys ...string) string {
	var kept []string
	for tag != "" {
		tag = strings.TrimLeft(tag, " ")
		colon := strings.Index(tag, ":\"")
		if colon <= 0 {
			break
		}
		end := colon + 2
		for end < len(tag) && tag[end] != '"' {
			if tag[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(tag) {
			break
		}
		if !slices.Contains(keys, tag[:colon]) {
			kept = append(kept, tag[:end+1])
		}
		tag = tag[end+1:]
	}
	return strings.Join(kept, " ")
}

// BoxSymbols is the table of the boxes of named basic types and the
// names %T and reflect give them and the runtime's errors, for cells.
func BoxSymbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{
		ImportPath + "/rt": {
			"Named":            reflect.ValueOf((*Named)(nil)),
			"Unboxed":          reflect.ValueOf(unboxed),
			"UnboxAs":          reflect.ValueOf(unboxAs),
			"TypeString":       reflect.ValueOf(typeString),
			"TypeOf":           reflect.ValueOf(typeOf),
			"ConversionError":  reflect.ValueOf(ConversionError),
			"NestedFieldNames": reflect.ValueOf(NestedFieldNames),
		},
	}
}
