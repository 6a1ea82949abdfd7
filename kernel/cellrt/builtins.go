package cellrt

import (
	"reflect"
	"unicode/utf8"
)

// ArrayLen is len or cap of a pointer to an array of n elements, which
// the rewrite passes p to only so that it is evaluated: Go takes the
// length from the type and never dereferences p, so a nil p has it too.
func ArrayLen(p any, n int) int {
	_ = p
	return n
}

// ClearMap is clear(m) for a map m: every entry goes, those whose key is
// not equal to itself (a NaN, or a struct or array holding one) too,
// which no delete can reach.
func ClearMap(m any) {
	reflect.ValueOf(m).Clear()
}

// DecodeRune is the rune of s that starts at byte i and its width, as a
// range over s steps: an invalid encoding is U+FFFD, one byte wide.
func DecodeRune(s string, i int) (rune, int) {
	return utf8.DecodeRuneInString(s[i:])
}

// ConvertedIsNil is I(v) == nil for v of a type that is no interface
// converted to an interface type I, which the rewrite passes v to only so
// that it is evaluated: Go never makes such a conversion the nil
// interface, a nil pointer, slice, map, func or channel neither.
func ConvertedIsNil(v any) bool {
	_ = v
	return false
}
