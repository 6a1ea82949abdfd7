//go:build ignore

// This file is added to yaegi's interp package by the workspace that
// yaegipatch writes (the build constraint above is removed there). The
// interpreter exports every field of a struct's run-time type, putting an
// X before an unexported name, so encoding/json and encoding/xml wrote
// and filled the unexported fields Go leaves out. refType gives each
// unexported field that is not embedded the tag goconcFieldTag makes:
// json:"-" and xml:"-", which the encoders obey, and the tag as written
// under goconctag, which goconc gives back where a program reads the
// field's tag (goconc_rt.DeclaredTag). Every struct type gets it alike,
// struct type literals too, so two spellings of one type keep one
// run-time type. refType also marks embedded fields among several as
// embedded where reflect allows it (goconcEmbedded), so that the
// encoders promote their fields.

package interp

import (
	"reflect"
	"strconv"
	"sync"
)

// goconcDeclaredTagKey is cellrt.DeclaredTagKey, which this package
// cannot import.
const goconcDeclaredTagKey = "goconctag"

// goconcFieldTag is the tag of field f in its struct's run-time type.
// A tag that already holds the key (the rewrite tags a defined type's
// fields itself) stays.
func goconcFieldTag(f structField) string {
	if canExport(f.name) || f.embed || goconcHasKey(f.tag, goconcDeclaredTagKey) {
		return f.tag
	}
	return `json:"-" xml:"-" ` + goconcDeclaredTagKey + `:` + strconv.Quote(f.tag)
}

// goconcHasKey reports whether struct tag tag has key, read as
// reflect.StructTag.Lookup reads it.
func goconcHasKey(tag, key string) bool {
	for tag != "" {
		i := 0
		for i < len(tag) && tag[i] == ' ' {
			i++
		}
		tag = tag[i:]
		i = 0
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f {
			i++
		}
		if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			return false
		}
		name := tag[:i]
		tag = tag[i+1:]
		i = 1
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			return false
		}
		if name == key {
			return true
		}
		tag = tag[i+1:]
	}
	return false
}

// goconcEmbedded reports whether a field of type t that the struct
// embeds, among n fields, is marked embedded (anonymous) in the
// struct's run-time type, for encoding/json and encoding/xml to promote
// its fields as Go's do. The interpreter marks it only when it is the
// struct's one field, since reflect.StructOf refuses some embedded types
// with methods among several fields; a struct or a pointer to one
// without exported methods is marked too, when StructOf takes it.
func goconcEmbedded(n int, t reflect.Type) bool {
	if n == 1 {
		return true
	}
	if t == nil || t.NumMethod() > 0 {
		return false
	}
	switch {
	case t.Kind() == reflect.Struct:
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && t.Elem().NumMethod() == 0:
	default:
		return false
	}
	if ok, seen := goconcEmbeddable.Load(t); seen {
		return ok.(bool)
	}
	ok := goconcStructOfTakes(t)
	goconcEmbeddable.Store(t, ok)
	return ok
}

// goconcEmbeddable holds goconcStructOfTakes's answers, by type.
var goconcEmbeddable sync.Map

// goconcStructOfTakes reports whether reflect.StructOf builds a struct
// embedding t among other fields: it panics for an embedded type with
// unexported methods.
func goconcStructOfTakes(t reflect.Type) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	reflect.StructOf([]reflect.StructField{
		{Name: "X", Type: reflect.TypeOf(0)},
		{Name: "Embedded", Type: t, Anonymous: true},
	})
	return true
}
