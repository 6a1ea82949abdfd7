package rewrite

import (
	"go/ast"
	"go/types"
)

// The interpreter keeps a value of a cell type with methods that is in
// an interface as a record of its own, whose fields encoding/json and
// encoding/xml cannot see: json.Marshal([]Shape{Circle{1}, Rect{2, 3}})
// writes [{},{}]. So the value an encoder encodes, when its static type
// is or holds an interface, goes through goconc_rt.JSONOpen, which
// replaces the records with the values they hold (cellrt's
// jsonopen.go):
//
//	b, err := json.Marshal(shapes)
//
// becomes
//
//	b, err := json.Marshal(goconc_rt.JSONOpen(shapes))

// encoding/xml names the element of a top-level value without an
// XMLName after its type, which a cell struct's run-time type lacks:
// xml.Marshal(p) failed with "unsupported type". The value those
// encoders encode, when its static type is or reaches a cell struct
// through pointers, slices and arrays (or an interface), goes through
// goconc_rt.XMLOpen instead, which also does JSONOpen's work
// (cellrt's xmlnames.go).

// encodedArg are the encoders whose first argument is the value they
// encode, by the name go/types gives them (as CalledFunc spells them).
var encodedArg = map[string]bool{
	"encoding/json.Marshal":              true,
	"encoding/json.MarshalIndent":        true,
	"encoding/json.Encoder.Encode":       true,
	"encoding/xml.Marshal":               true,
	"encoding/xml.MarshalIndent":         true,
	"encoding/xml.Encoder.Encode":        true,
	"encoding/xml.Encoder.EncodeElement": true,
}

// namedByType are the encoders that name a top-level element after the
// encoded value's type.
var namedByType = map[string]bool{
	"encoding/xml.Marshal":        true,
	"encoding/xml.MarshalIndent":  true,
	"encoding/xml.Encoder.Encode": true,
}

// encoderCall rewrites, in place, the encoded argument of call as above.
func (rw *rewriter) encoderCall(call *ast.CallExpr) {
	fn := CalledFunc(rw.info, call)
	if len(call.Args) == 0 || call.Ellipsis.IsValid() || !encodedArg[fn] {
		return
	}
	t := rw.info.TypeOf(call.Args[0])
	if namedByType[fn] && t != nil && reachesCellStruct(t, map[types.Type]bool{}) {
		call.Args[0] = rw.rtCall("XMLOpen", call.Args[0])
		return
	}
	if t == nil || !holdsInterface(t, map[types.Type]bool{}) {
		return
	}
	call.Args[0] = rw.rtCall("JSONOpen", call.Args[0])
}

// CalledFunc names the function or method a call calls, as
// "path.Func" or "path.Type.Method", or "".
func CalledFunc(info *types.Info, call *ast.CallExpr) string {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.Ident:
		id = f
	default:
		return ""
	}
	fn, ok := info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return ""
	}
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return fn.Pkg().Path() + "." + n.Obj().Name() + "." + fn.Name()
		}
		return ""
	}
	return fn.Pkg().Path() + "." + fn.Name()
}

// holdsInterface reports whether t is or holds an interface type.
func holdsInterface(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return true
	case *types.Struct:
		for i := range u.NumFields() {
			if holdsInterface(u.Field(i).Type(), seen) {
				return true
			}
		}
	default:
		for _, part := range TypeParts(u) {
			if holdsInterface(part, seen) {
				return true
			}
		}
	}
	return false
}

// reachesCellStruct reports whether t is a cell struct type or an
// interface, or reaches one through pointers, slices and arrays: the
// places encoding/xml names an element after the value's type; or a
// kind encoding/xml refuses, whose error names the type.
func reachesCellStruct(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	if isCellType(t) && isStruct(t) {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return true
	case *types.Map, *types.Chan, *types.Signature:
		return true // unsupported: XMLOpen names the type in the error as Go does
	case *types.Pointer:
		return reachesCellStruct(u.Elem(), seen)
	case *types.Slice:
		return reachesCellStruct(u.Elem(), seen)
	case *types.Array:
		return reachesCellStruct(u.Elem(), seen)
	}
	return false
}
