package cellrt

import (
	"encoding/xml"
	"errors"
	"reflect"
	"strings"
)

// XMLOpen is x for encoding/xml's Marshal, MarshalIndent and
// Encoder.Encode. Go names the element of a value that has no XMLName
// after the value's type, and the interpreter's run-time type of a cell
// struct has no name: xml.Marshal(Plain{1}) failed with "xml:
// unsupported type". XMLOpen puts such a struct, met at the top, through
// pointers, interfaces, slices and arrays, in an xmlElement carrying the
// cell's type name (its goconc tag, structtags.go). The interpreter's
// records of interface values are opened first (JSONOpen).
func XMLOpen(x any) any {
	x = JSONOpen(x)
	if w, ok := xmlNamed(reflect.ValueOf(x), 0); ok {
		return w
	}
	return x
}

// xmlNamed is v with the cell structs in the places the encoder names by
// their type replaced by xmlElements, and whether there was one.
func xmlNamed(v reflect.Value, depth int) (any, bool) {
	if !v.IsValid() || depth > mostOpened || marshals(v.Type()) {
		return nil, false
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil, false
		}
		return xmlNamed(v.Elem(), depth+1)
	case reflect.Map, reflect.Chan, reflect.Func:
		// Unsupported; the error names the type as Go would.
		if goTypeString(v.Type()) == v.Type().String() || !v.CanInterface() {
			return nil, false
		}
		return xmlElement{v: v.Interface(), name: "unsupported"}, true // a name EncodeElement wants, never written
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil, false // []byte is character data
		}
		var list []any
		for i := range v.Len() {
			if w, ok := xmlNamed(v.Index(i), depth+1); ok {
				if list == nil {
					list = make([]any, i, v.Len())
					for j := range i {
						list[j] = v.Index(j).Interface()
					}
				}
				list = append(list, w)
			} else if list != nil {
				list = append(list, v.Index(i).Interface())
			}
		}
		return list, list != nil
	case reflect.Struct:
		name := v.Type().Field(0).Tag.Get("goconc")
		if v.Type().Name() != "" || !isCellStruct(v.Type()) || hasXMLName(v) || name == "" || !v.CanInterface() {
			return nil, false
		}
		if i := strings.IndexByte(name, '['); i >= 0 {
			name = name[:i] // as Go names an instance of a generic type
		}
		return xmlElement{v: v.Interface(), name: name}, true
	}
	return nil, false
}

// hasXMLName reports whether struct v names its own element: by the tag
// of its XMLName field or by the field's value.
func hasXMLName(v reflect.Value) bool {
	f, ok := v.Type().FieldByName("XMLName")
	if !ok {
		return false
	}
	if name, _, _ := strings.Cut(f.Tag.Get("xml"), ","); name != "" {
		return true
	}
	fv, err := v.FieldByIndexErr(f.Index)
	if err != nil || !fv.CanInterface() {
		return false
	}
	n, ok := fv.Interface().(xml.Name)
	return ok && n.Local != ""
}

// xmlElement is a cell struct encoded as an element named after its
// type.
type xmlElement struct {
	v    any
	name string
}

// MarshalXML encodes the struct in an element named as Go names it when
// nothing else names it. An unsupported type in it is named in the error
// as Go names it, main.Item rather than the interpreter's struct type.
func (x xmlElement) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	err := e.EncodeElement(x.v, xml.StartElement{Name: xml.Name{Local: x.name}})
	var unsupported *xml.UnsupportedTypeError
	if errors.As(err, &unsupported) && unsupported.Type != nil && unsupported.Type.Name() == "" {
		if name := goTypeString(unsupported.Type); name != unsupported.Type.String() {
			return &xml.UnsupportedTypeError{Type: namedType{Type: unsupported.Type, name: name}}
		}
	}
	return err
}
