package cellrt

// ArrayLen is len or cap of a pointer to an array of n elements, which
// the rewrite passes p to only so that it is evaluated: Go takes the
// length from the type and never dereferences p, so a nil p has it too.
func ArrayLen(p any, n int) int {
	_ = p
	return n
}
