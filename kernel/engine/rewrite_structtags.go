package engine

import (
	"go/ast"
	"go/token"
	"reflect"
	"strconv"
)

// The interpreter builds a cell struct type's run-time type from its
// fields alone, so two struct types with the same fields are one type to
// it: a Withdraw{1} sent on a chan any is a Deposit to a type switch that
// lists Deposit first. A struct tag naming the type on its first field
// makes the run-time types differ, as Go's do; conversions between them,
// which ignore tags, still work.
//
//	type Deposit struct{ Amount int }
//
// is declared as
//
//	type Deposit struct{ Amount int `goconc:"Deposit"` }
//
// A struct without fields gets none: Go gives all of them the same
// run-time behaviour but one, the type's name, which the interpreter
// loses.

// tagStructTypes adds the tags, in place, to the struct types decls
// declare.
func tagStructTypes(decls []ast.Decl) {
	for _, ts := range definedTypes(decls) {
		st, ok := ts.Type.(*ast.StructType)
		if !ok || st.Fields == nil || len(st.Fields.List) == 0 {
			continue
		}
		first := st.Fields.List[0]
		tag := ""
		if first.Tag != nil {
			tag, _ = strconv.Unquote(first.Tag.Value)
		}
		if _, ok := reflect.StructTag(tag).Lookup("goconc"); ok {
			continue
		}
		if tag != "" {
			tag += " "
		}
		tag += `goconc:` + strconv.Quote(ts.Name.Name)
		value := strconv.Quote(tag)
		if strconv.CanBackquote(tag) {
			value = "`" + tag + "`"
		}
		pos := first.Type.End()
		if first.Tag != nil {
			pos = first.Tag.Pos()
		}
		first.Tag = &ast.BasicLit{ValuePos: pos, Kind: token.STRING, Value: value}
	}
}
