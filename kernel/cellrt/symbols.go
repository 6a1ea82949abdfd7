package cellrt

import (
	"reflect"
	"runtime"
)

// ImportPath is the package's import path, under which the session binds
// the functions below for cells.
const ImportPath = "goconc/kernel/cellrt"

// ImportName is the name the session imports the package under, by
// which rewritten code calls it (goconc_rt.Recv, goconc_rt.BoundsError).
const ImportName = "goconc_rt"

// interpreterPath is the interpreter's package, whose unexported types
// reach compiled code in a few places (TypeName).
const interpreterPath = "github.com/traefik/yaegi/interp"

// Symbols is the table of the package's functions that hold no state, for
// the interpreter; the session adds a Runtime's methods, a Printer's and
// FmtSymbols.
func Symbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{
		ImportPath + "/rt": {
			"AssertionError":   reflect.ValueOf(AssertionError),
			"HasMethods":       reflect.ValueOf(HasMethods),
			"FieldNames":       reflect.ValueOf(FieldNames),
			"TypeNames":        reflect.ValueOf(TypeNames),
			"JSONOpen":         reflect.ValueOf(JSONOpen),
			"XMLOpen":          reflect.ValueOf(XMLOpen),
			"DeclaredTag":      reflect.ValueOf(DeclaredTag),
			"RuntimeError":     reflect.ValueOf((*RuntimeError)(nil)),
			"GoRuntimeError":   reflect.ValueOf((*runtime.Error)(nil)),
			"Concrete":         reflect.ValueOf(Concrete),
			"TypeName":         reflect.ValueOf(TypeName),
			"ErrorsIs":         reflect.ValueOf(ErrorsIs),
			"ErrorsUnwrap":     reflect.ValueOf(ErrorsUnwrap),
			"ErrorsEqual":      reflect.ValueOf(ErrorsEqual),
			"NilError":         reflect.ValueOf(NilError),
			"ErrorChain":       reflect.ValueOf(ErrorChain),
			"ErrorAs":          reflect.ValueOf(ErrorAs),
			"MethodCall":       reflect.ValueOf(MethodCall),
			"UnsafeStringData": reflect.ValueOf(UnsafeStringData),
			"ArrayLen":         reflect.ValueOf(ArrayLen),
			"ConvertedIsNil":   reflect.ValueOf(ConvertedIsNil),
			"SliceSize":        reflect.ValueOf(SliceSize),
			"SliceSizeUint":    reflect.ValueOf(SliceSizeUint),
			"ClearMap":         reflect.ValueOf(ClearMap),
			"DecodeRune":       reflect.ValueOf(DecodeRune),
			"UnsafeSliceData":  reflect.ValueOf(UnsafeSliceData),
		},
	}
}
