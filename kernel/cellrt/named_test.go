package cellrt

import (
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
