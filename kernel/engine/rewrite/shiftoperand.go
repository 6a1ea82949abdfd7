package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Constants shifted by a variable. In Go the untyped constant on the left
// of a shift whose count is no constant takes the type the shift would
// have with the constant alone:
//
//	var val uint64
//	x := val | 1<<pos  // 1 is a uint64
//
// The interpreter gives the constant int, or panics ("SetUint on int
// Value", a nil dereference) where the expression around it has another
// type. The constant is converted to the shift's type:
//
//	x := val | uint64(1)<<pos

// typeShiftedConstants converts the constants shifted by variables under
// root to their shifts' types.
func (rw *rewriter) typeShiftedConstants(root ast.Node) ast.Node {
	ast.Inspect(root, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if !ok || (b.Op != token.SHL && b.Op != token.SHR) {
			return true
		}
		shift, ok := rw.info.Types[b]
		if !ok || shift.Value != nil || shift.Type == nil {
			return true // a constant shift is the checker's to compute
		}
		if basic, ok := shift.Type.Underlying().(*types.Basic); !ok || basic.Info()&types.IsUntyped != 0 {
			return true
		}
		x, ok := rw.info.Types[b.X]
		if !ok || x.Value == nil {
			return true
		}
		conv := &ast.CallExpr{Fun: rw.typeExpr(shift.Type), Lparen: b.X.Pos(), Args: []ast.Expr{b.X}, Rparen: b.X.End()}
		rw.info.Types[conv] = types.TypeAndValue{Type: shift.Type}
		b.X = conv
		return true
	})
	return root
}
