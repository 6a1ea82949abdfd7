package cellrt

import (
	"reflect"
	"strings"
)

// DeclaredTagKey is the struct tag key under which the rewrite keeps the
// tag an unexported field was written with, when it hides the field from
// the encoders with json:"-" and xml:"-" (the interpreter exports every
// field, so the encoders would write it).
const DeclaredTagKey = "goconctag"

// DeclaredTag is a cell struct field's tag as the cell wrote it, for
// reflect.StructField's Tag read by a cell: the tag kept under
// DeclaredTagKey, or the tag without the keys naming the type
// (goconc, goconcfields) that the rewrite adds to a first field.
func DeclaredTag(tag reflect.StructTag) reflect.StructTag {
	if declared, ok := tag.Lookup(DeclaredTagKey); ok {
		return reflect.StructTag(declared)
	}
	if _, ok := tag.Lookup("goconc"); !ok {
		return tag
	}
	return reflect.StructTag(strings.TrimSpace(TagWithout(string(tag), "goconc", "goconcfields")))
}
