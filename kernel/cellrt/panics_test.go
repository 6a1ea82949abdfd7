package cellrt

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

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

// Values Go's report prints by their Error or String method, or, when it
// cannot print them, as their type and the interface's data word.
func TestPanicTextOfValues(t *testing.T) {
	type point struct{ x, y int }
	cases := []struct {
		in   any
		want string // a prefix for the values printed with an address
	}{
		{errors.New("disk full"), "disk full"},
		{2 * time.Second, "2s"},
		{new(runtime.PanicNilError), "panic called with nil argument"},
		{[]int{1}, "([]int) 0x"},
		{point{1, 2}, "(cellrt.point) 0x"},
		{&point{}, "(*cellrt.point) 0x"},
		{map[string]int{}, "(map[string]int) 0x"},
		{"text", "text"},
		{42, "42"},
	}
	for _, c := range cases {
		got := PanicText(c.in)
		if !strings.HasPrefix(got, c.want) || strings.HasSuffix(c.want, "0x") && len(got) == len(c.want) {
			t.Errorf("PanicText(%#v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestUnhashableTypeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`struct { Xa int "json:\"-\" goconctag:\"\" goconc:\"T\" goconcfields:\"a,f\""; Xf []int "json:\"-\"" }`, "main.T"},
		// The first field's own type is a cell struct: its tag is not T's.
		{`struct { Xu struct { Xb int "goconc:\"U\"" } "goconc:\"T\""; Xf []int "" }`, "main.T"},
		{`struct { A []int }`, `struct { A []int }`},
		{`struct { A []int "json:\"a\"" }`, `struct { A []int "json:\"a\"" }`},
		{`[]int`, `[]int`},
		{`map[string]int`, `map[string]int`},
		{`struct { A int "unterminated }`, `struct { A int "unterminated }`},
	} {
		if got := unhashableTypeName(tc.in); got != tc.want {
			t.Errorf("unhashableTypeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
