package cellrt

import (
	"fmt"
	"testing"
)

// The runtime's nodes print as fmt prints the values they stand for.
func TestFmtNodes(t *testing.T) {
	str := func(s string) func() string { return func() string { return s } }
	point := FmtStruct("main.P", []string{"X", "Y"}, []any{1, 2})
	tests := []struct {
		format string
		node   any
		want   string
	}{
		{"%v", FmtList("[]int", true, false, []any{1, 2}), "[1 2]"},
		{"%#v", FmtList("[]int", true, true, nil), "[]int(nil)"},
		{"%05d", FmtList("[2]int", false, false, []any{1, 2}), "[00001 00002]"},
		{"%+v", point, "{X:1 Y:2}"},
		{"%#v", point, "main.P{X:1, Y:2}"},
		{"%v", FmtMap("map[string]int", false, []any{"b", "a"}, []any{2, 1}), "map[a:1 b:2]"},
		{"%v", FmtMap("map[float64]int", false, []any{2.0, nan(), 1.0}, []any{2, 0, 1}), "map[NaN:0 1:1 2:2]"},
		{"%#v", FmtMap("map[string]int", true, nil, nil), "map[string]int(nil)"},
		{"%v", FmtMethods(1, str("one"), nil, nil, nil, false), "one"},
		{"%q", FmtMethods(1, str("one"), str("err"), nil, nil, false), `"err"`},
		{"%d", FmtMethods(1, str("one"), nil, nil, nil, false), "1"},
		{"%#v", FmtMethods(1, str("one"), nil, str("G"), nil, false), "G"},
		{"%v", FmtMethods(1, nil, nil, nil, func(s fmt.State, verb rune) { fmt.Fprintf(s, "F%c", verb) }, false), "Fv"},
		{"%v", FmtVerbatim(FmtMethods(1, str("one"), nil, nil, nil, false)), "1"},
		{"%v", FmtNil("error"), "<nil>"},
		{"%#v", FmtNil("error"), "error(nil)"},
		{"%v", FmtPointer("*main.P", (*int)(nil), true, nil), "<nil>"},
		{"%v", FmtPointer("*main.P", new(int), true, func() any { return point }), "&{1 2}"},
		{"%v", FmtList("[]*main.P", true, false, []any{FmtPointer("*main.P", (*int)(nil), true, nil)}), "[<nil>]"},
	}
	for _, tc := range tests {
		if got := fmt.Sprintf(tc.format, tc.node); got != tc.want {
			t.Errorf("Sprintf(%q) = %q, want %q", tc.format, got, tc.want)
		}
	}
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}
