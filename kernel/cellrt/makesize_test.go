package cellrt

import (
	"math"
	"testing"
)

// SliceSize passes sizes Go's runtime accepts and panics with its words
// for the others.
func TestSliceSize(t *testing.T) {
	cases := []struct {
		name string
		kind int
		n    int64
		size uintptr
		want string // the panic, or "" for none
	}{
		{"fits", MakeLen, 10, 8, ""},
		{"empty elements", MakeLen, 1 << 62, 0, ""},
		{"negative len", MakeLen, -1, 8, "runtime error: makeslice: len out of range"},
		{"negative cap", MakeCap, -1, 8, "runtime error: makeslice: cap out of range"},
		{"len too large", MakeLen, 1 << 60, 8, "runtime error: makeslice: len out of range"},
		{"cap too large", MakeCap, 1 << 46, 8, "runtime error: makeslice: cap out of range"},
		{"appended too large", GrowLen, 1 << 60, 8, "runtime error: growslice: len out of range"},
		{"appended negative", GrowLen, -5, 8, "runtime error: makeslice: len out of range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := panicText(func() { SliceSize(c.kind, c.n, c.size) })
			if got != c.want {
				t.Errorf("SliceSize(%d, %d, %d) panicked with %q, want %q", c.kind, c.n, c.size, got, c.want)
			}
		})
	}
	if got := panicText(func() { SliceSizeUint(MakeLen, math.MaxUint64, 1) }); got != "runtime error: makeslice: len out of range" {
		t.Errorf("SliceSizeUint of the largest uint64 panicked with %q", got)
	}
}

func panicText(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = r.(error).Error()
		}
	}()
	f()
	return ""
}

// DecodeRune steps over an invalid byte by one, as a range does; ClearMap
// removes keys that are not equal to themselves.
func TestDecodeRuneAndClearMap(t *testing.T) {
	s := "a\xff€"
	var got []rune
	for i := 0; i < len(s); {
		r, w := DecodeRune(s, i)
		got = append(got, r)
		i += w
	}
	if string(got) != "a\uFFFD€" {
		t.Errorf("decoded %q", string(got))
	}
	m := map[float64]int{math.NaN(): 1, math.NaN(): 2, 3: 3}
	ClearMap(m)
	if len(m) != 0 {
		t.Errorf("ClearMap left %d entries", len(m))
	}
}
