package engine

import "testing"

// BenchmarkNamedBasicBoxing measures what keeping a named basic type's
// identity in an interface costs a cell (package rewrite's namedbasic.go): one op
// is one iteration of the cell's loop. Each named case has a peer with
// int, whose values are not boxed; compare them with benchstat, or the
// ratios, from one run.
func BenchmarkNamedBasicBoxing(b *testing.B) {
	setup := `type Cents int
var sink any
var total int
var named any = Cents(5)
var plain any = 5
func kind(v any) int {
	switch v.(type) {
	case Cents:
		return 1
	case int:
		return 2
	}
	return 0
}`
	loops := []loopCase{
		{"convert/int", "sink = i"},
		{"convert/named", "sink = Cents(i)"},
		{"assert/int", "total += plain.(int)"},
		{"assert/named", "total += int(named.(Cents))"},
		{"switch/int", "total += kind(plain)"},
		{"switch/named", "total += kind(named)"},
	}
	benchLoops(b, benchSession(b, setup), loops)
}
