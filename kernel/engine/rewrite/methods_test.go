package rewrite

import (
	"reflect"
	"testing"
)

func TestFormatVerbs(t *testing.T) {
	tests := []struct {
		format string
		want   map[int][]rune
	}{
		{"%v %d", map[int][]rune{0: {'v'}, 1: {'d'}}},
		{"100%% %s", map[int][]rune{0: {'s'}}},
		{"%-8.3f|%+#v", map[int][]rune{0: {'f'}, 1: {'v'}}},
		{"%*d %.*x", map[int][]rune{1: {'d'}, 3: {'x'}}},
		{"%[2]T %[1]v %v", map[int][]rune{1: {'T', 'v'}, 0: {'v'}}},
		{"%w: %p", map[int][]rune{0: {'w'}, 1: {'p'}}},
		{"trailing %", map[int][]rune{}},
	}
	for _, tc := range tests {
		if got := formatVerbs(tc.format); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("formatVerbs(%q) = %v, want %v", tc.format, got, tc.want)
		}
	}
}
