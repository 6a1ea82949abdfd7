package rewrite

import "go/types"

// TypeParts returns the types the pointer, slice, array, map or channel
// type t is made of: the element, after the key for a map. It returns
// nil for any other type: named types, structs, signatures, tuples and
// interfaces are made of parts of other kinds, which each walk over types
// treats on its own terms. The slice is new; a caller may change it.
func TypeParts(t types.Type) []types.Type {
	switch t := t.(type) {
	case *types.Pointer:
		return []types.Type{t.Elem()}
	case *types.Slice:
		return []types.Type{t.Elem()}
	case *types.Array:
		return []types.Type{t.Elem()}
	case *types.Chan:
		return []types.Type{t.Elem()}
	case *types.Map:
		return []types.Type{t.Key(), t.Elem()}
	}
	return nil
}

// withParts returns a type of t's kind, length and direction made of
// parts, which are as TypeParts lists them.
func withParts(t types.Type, parts []types.Type) types.Type {
	switch t := t.(type) {
	case *types.Pointer:
		return types.NewPointer(parts[0])
	case *types.Slice:
		return types.NewSlice(parts[0])
	case *types.Array:
		return types.NewArray(parts[0], t.Len())
	case *types.Chan:
		return types.NewChan(t.Dir(), parts[0])
	case *types.Map:
		return types.NewMap(parts[0], parts[1])
	}
	panic("withParts: " + t.String() + " is not a composite type")
}
