package cellrt

import (
	"fmt"
	"reflect"
	"testing"
)

type centsBox struct {
	V int `goconcbox:"main.Cents"`
}

type labelBox struct {
	V string `goconcbox:"main.Label"`
}

type pricesBox struct {
	V []int `goconcbox:"[]main.Cents"`
}

// A panic with a boxed value reads as Go's: the type, then the value.
func TestNamedPanicText(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{Named{Type: "main.Cents", V: centsBox{5}}, "main.Cents(5)"},
		{Named{Type: "main.Label", V: labelBox{"bye"}}, `main.Label("bye")`},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := PanicText(tt.v); got != tt.want {
			t.Errorf("PanicText(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

// reflect.TypeOf of a boxed value, as cells see it.
func TestNamedTypeOf(t *testing.T) {
	tests := []struct {
		v                   any
		str, name, pkg      string
		kind                reflect.Kind
		sameAsUnderlyingOne bool
	}{
		{Named{Type: "main.Cents", V: centsBox{5}}, "main.Cents", "Cents", "main", reflect.Int, false},
		{Named{Type: "[]main.Cents", V: pricesBox{[]int{1}}}, "[]main.Cents", "", "", reflect.Slice, false},
		{7, "int", "int", "", reflect.Int, true},
	}
	for _, tt := range tests {
		got := typeOf(tt.v)
		if got.String() != tt.str || got.Name() != tt.name || got.PkgPath() != tt.pkg || got.Kind() != tt.kind {
			t.Errorf("typeOf(%v) = %s, name %q, package %q, kind %v; want %s, %q, %q, %v",
				tt.v, got, got.Name(), got.PkgPath(), got.Kind(), tt.str, tt.name, tt.pkg, tt.kind)
		}
		if same := got == reflect.TypeOf(unboxed(tt.v)); same != tt.sameAsUnderlyingOne {
			t.Errorf("typeOf(%v) == the underlying type: %v, want %v", tt.v, same, tt.sameAsUnderlyingOne)
		}
	}
	if typeOf(Named{Type: "main.Cents", V: centsBox{1}}) != typeOf(Named{Type: "main.Cents", V: centsBox{2}}) {
		t.Error("two values of one boxed type have different types")
	}
}

type namesBox struct {
	V []string `goconcbox:"main.Names"`
}

type tagsBox struct {
	V map[string]int `goconcbox:"main.Tags"`
}

type ptrBox struct {
	V *int `goconcbox:"main.Ptr"`
}

// fmt prints a boxed value as its underlying type but for the type names
// Go writes: %#v's, and those of the texts of wrong verbs.
func TestNamedFormat(t *testing.T) {
	tests := []struct {
		format string
		v      any
		want   string
	}{
		{"%v", Named{Type: "main.Names", V: namesBox{[]string{"a"}}}, "[a]"},
		{"%#v", Named{Type: "main.Names", V: namesBox{[]string{"a", "b"}}}, `main.Names{"a", "b"}`},
		{"%#v", Named{Type: "main.Names", V: namesBox{}}, "main.Names(nil)"},
		{"%#v", Named{Type: "main.Tags", V: tagsBox{map[string]int{"k": 1}}}, `main.Tags{"k":1}`},
		{"%#v", Named{Type: "main.Ptr", V: ptrBox{}}, "(main.Ptr)(nil)"},
		{"%#v", Named{Type: "[]main.Cents", V: pricesBox{[]int{1, 2}}}, "[]main.Cents{1, 2}"},
		{"%#v", Named{Type: "main.Cents", V: centsBox{5}}, "5"},
		{"%#v", Named{Type: "main.Label", V: labelBox{"x"}}, `"x"`},
		{"%d", Named{Type: "main.Label", V: labelBox{"x"}}, "%!d(main.Label=x)"},
		{"%s", Named{Type: "main.Cents", V: centsBox{5}}, "%!s(main.Cents=5)"},
		{"%5d|%-4v|%x", Named{Type: "main.Cents", V: centsBox{5}}, "    5|5   |5"},
	}
	for _, tt := range tests {
		args := []any{tt.v}
		if tt.format == "%5d|%-4v|%x" {
			args = []any{tt.v, tt.v, tt.v}
		}
		if got := fmt.Sprintf(tt.format, args...); got != tt.want {
			t.Errorf("Sprintf(%q, %#v) = %q, want %q", tt.format, tt.v, got, tt.want)
		}
	}
}
