package cellrt

import (
	"fmt"
	"strings"
	"testing"
)

// heldStruct is unnamed, as the interpreter's struct types are.
type heldStruct = struct {
	N []string       `goconc:"Holder" goconcfields:"N,T,C,low"`
	T map[string]int // main.Tags
	C float64        // main.Celsius
	X int            // low, renamed by the interpreter
}

// TypeNames prints a value's parts with the names of their static types
// where the run-time types have the underlying types.
func TestTypeNames(t *testing.T) {
	h := heldStruct{N: []string{"x"}, T: map[string]int{"a": 1}, C: 1.5, X: 2}
	tests := []struct {
		format, desc string
		v            any
		want         string
	}{
		{"%d", "Nmain.Celsius;.", 2.0, "%!d(main.Celsius=2)"},
		{"%s|%x", "Nmain.Celsius;.", 3.0, "%!s(main.Celsius=3)|0x1.8p+01"},
		{"%#v", "Nmain.Names;.", []string{"z"}, `main.Names{"z"}`},
		{"%#v", "Nmain.Names;.", []string(nil), `main.Names(nil)`},
		{"%#v", "[Nmain.Names;.", [][]string{{"a"}, {"b", "c"}}, `[]main.Names{main.Names{"a"}, main.Names{"b", "c"}}`},
		{"%#v", "{Nmain.Names;.Nmain.Tags;.Nmain.Celsius;..}", h, `main.Holder{N:main.Names{"x"}, T:main.Tags{"a":1}, C:1.5, low:2}`},
		{"%d", "{Nmain.Names;.Nmain.Tags;.Nmain.Celsius;..}", h, `{[%!d(string=x)] map[%!d(string=a):1] %!d(main.Celsius=1.5) 2}`},
		{"%#v", "*{Nmain.Names;.Nmain.Tags;.Nmain.Celsius;..}", &h, `&main.Holder{N:main.Names{"x"}, T:main.Tags{"a":1}, C:1.5, low:2}`},
		{"%#v", "MNmain.ID;.Nmain.Names;.", map[int][]string{2: {"b"}, 1: {"a"}}, `map[main.ID]main.Names{1:main.Names{"a"}, 2:main.Names{"b"}}`},
		{"%s", "MNmain.ID;..", map[int]string{1: "a"}, `map[%!s(main.ID=1):a]`},
		{"%#v", "[Nmain.ID;.", [2]int{5, 6}, `[2]main.ID{5, 6}`},
		{"%#v", "*Nmain.Celsius;.", (*float64)(nil), `(*main.Celsius)(nil)`},
		{"%#v", "[Nmain.Fn;.", []func(){nil}, `[]main.Fn{(main.Fn)(nil)}`},
		{"%#v", "Nmain.Bytes;.", []byte{1, 2}, `main.Bytes{0x1, 0x2}`},
		{"%5.1f|%v", "[Nmain.Celsius;.", []float64{1, 22}, `[  1.0  22.0]|[1 22]`},
		{"%#v", "bad", 1, `1`},
	}
	for _, tt := range tests {
		args := make([]any, strings.Count(tt.format, "%"))
		for i := range args {
			args[i] = TypeNames(tt.desc, tt.v)
		}
		if got := fmt.Sprintf(tt.format, args...); got != tt.want {
			t.Errorf("Sprintf(%q, TypeNames(%q, %#v)) = %q, want %q", tt.format, tt.desc, tt.v, got, tt.want)
		}
	}
}
