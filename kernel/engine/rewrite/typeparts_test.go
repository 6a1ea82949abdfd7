package rewrite

import (
	"go/types"
	"testing"
)

func TestTypePartsRebuild(t *testing.T) {
	str, i := types.Typ[types.String], types.Typ[types.Int]
	cases := []struct {
		typ   types.Type
		parts []types.Type
	}{
		{types.NewPointer(i), []types.Type{i}},
		{types.NewSlice(str), []types.Type{str}},
		{types.NewArray(i, 3), []types.Type{i}},
		{types.NewChan(types.RecvOnly, str), []types.Type{str}},
		{types.NewMap(str, i), []types.Type{str, i}},
		{i, nil},
		{types.NewStruct(nil, nil), nil},
		{types.NewSignatureType(nil, nil, nil, nil, nil, false), nil},
	}
	for _, c := range cases {
		got := TypeParts(c.typ)
		if len(got) != len(c.parts) {
			t.Errorf("TypeParts(%s) = %v, want %v", c.typ, got, c.parts)
			continue
		}
		for k := range got {
			if got[k] != c.parts[k] {
				t.Errorf("TypeParts(%s) = %v, want %v", c.typ, got, c.parts)
			}
		}
		if got == nil {
			continue
		}
		if back := withParts(c.typ, got); !types.Identical(back, c.typ) {
			t.Errorf("withParts(%s, its parts) = %s", c.typ, back)
		}
	}
	// Rebuilt with other parts, a type keeps its length and direction.
	if got := withParts(types.NewArray(i, 3), []types.Type{str}); got.String() != "[3]string" {
		t.Errorf("array rebuilt as %s, want [3]string", got)
	}
	if got := withParts(types.NewChan(types.SendOnly, i), []types.Type{str}); got.String() != "chan<- string" {
		t.Errorf("channel rebuilt as %s, want chan<- string", got)
	}
}
