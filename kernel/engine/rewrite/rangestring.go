package rewrite

import (
	"go/ast"
	"go/types"
)

// rangeStringKeys gives a range over a string with an index variable and
// no value variable a blank value variable. The interpreter steps such a
// loop through the string's bytes, not its runes, so the index took
// every byte offset (0 1 2 3 for "aģb", not 0 1 3); with a value
// variable it steps rune by rune:
//
//	for i := range s { body }
//
// becomes
//
//	for i, _ := range s { body }
//
// It runs after rangeAssign, which makes the assignment form a loop of
// this shape.
func (rw *rewriter) rangeStringKeys(s *ast.RangeStmt) {
	if s.Key == nil || s.Value != nil || isBlankIdent(s.Key) {
		return
	}
	b, ok := typeUnder(rw.info.TypeOf(s.X)).(*types.Basic)
	if !ok || b.Info()&types.IsString == 0 {
		return
	}
	s.Value = ast.NewIdent("_")
}
