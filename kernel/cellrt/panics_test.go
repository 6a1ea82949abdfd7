package cellrt

import "testing"

func TestRuntimePanicText(t *testing.T) {
	cases := []struct {
		in   any
		want string
	}{
		{"reflect: slice index out of range", "runtime error: index out of range"},
		{"reflect.Value.Slice: slice index out of bounds", "runtime error: slice bounds out of range"},
		{"reflect.Value.Call: call of nil function", "runtime error: invalid memory address or nil pointer dereference"},
		{"reflect: Call using zero Value argument", "runtime error: invalid memory address or nil pointer dereference"},
		{"reflect: cannot convert slice with length 0 to array with length 4", "runtime error: cannot convert slice with length 0 to array or pointer to array with length 4"},
		{"reflect: cannot convert slice with length 8 to pointer to array with length 9", "runtime error: cannot convert slice with length 8 to array or pointer to array with length 9"},
		{"an ordinary message", "an ordinary message"},
		{BoundsError(BoundsIndex, 5, 3), "runtime error: index out of range [5] with length 3"},
		{BoundsError(BoundsIndex, -1, 3), "runtime error: index out of range [-1]"},
		{BoundsError(BoundsSliceB, 1, 0), "runtime error: slice bounds out of range [1:0]"},
		{BoundsError(BoundsSliceAcap, 5, 0), "runtime error: slice bounds out of range [:5] with capacity 0"},
	}
	for _, c := range cases {
		if got := PanicText(c.in); got != c.want {
			t.Errorf("PanicText(%#v) = %q, want %q", c.in, got, c.want)
		}
	}
}
