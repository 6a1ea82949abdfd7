package cellrt

import "reflect"

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
