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
// run-time type.

package interp

import "strconv"

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
