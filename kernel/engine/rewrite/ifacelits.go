package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
)

// The interpreter gives a variable of an empty interface type that is
// assigned a composite literal of a compiled struct type (time.Time{},
// sync.Mutex{}, or the cellrt.Named box namedbasic.go makes) the struct
// type itself as its storage: the next assignment of any other value to
// the variable, nil included, panics ("reflect.Set: value of type
// interface {} is not assignable to type time.Time"). Made explicit, the
// conversion keeps the variable an interface:
//
//	var x any = time.Time{}
//	x = nil
//
// becomes
//
//	var x any = interface{}(time.Time{})
//	x = nil
//
// Values of compiled struct types that are not literals (time.Now(), a
// variable) and interfaces with methods are stored right.

// interfaceLiterals converts the compiled struct literals n assigns to
// variables of empty interface types.
func (rw *rewriter) interfaceLiterals(n ast.Node) ast.Node {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if (n.Tok != token.ASSIGN && n.Tok != token.DEFINE) || len(n.Lhs) != len(n.Rhs) {
				return true
			}
			for i, lhs := range n.Lhs {
				if _, ok := ast.Unparen(lhs).(*ast.Ident); ok {
					n.Rhs[i] = rw.emptyInterfaceLiteral(n.Rhs[i], rw.info.TypeOf(lhs))
				}
			}
		case *ast.ValueSpec:
			if n.Type == nil {
				return true
			}
			for i := range n.Values {
				n.Values[i] = rw.emptyInterfaceLiteral(n.Values[i], rw.info.TypeOf(n.Type))
			}
		}
		return true
	})
	return n
}

// emptyInterfaceLiteral returns e converted to interface{} when it is a
// composite literal of a compiled struct type and target an empty
// interface type, and e otherwise.
func (rw *rewriter) emptyInterfaceLiteral(e ast.Expr, target types.Type) ast.Expr {
	it, ok := typeUnder(target).(*types.Interface)
	if !ok || it.NumMethods() > 0 {
		return e
	}
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok || !rw.compiledStruct(lit) {
		return e
	}
	conv := &ast.CallExpr{Fun: ast.NewIdent("interface{}"), Args: []ast.Expr{e}}
	rw.info.Types[conv] = types.TypeAndValue{Type: target}
	return conv
}

// compiledStruct reports whether lit is a literal of a struct type of a
// compiled package: one the checker saw, or a box of the run-time
// support a pass made (which the checker never saw).
func (rw *rewriter) compiledStruct(lit *ast.CompositeLit) bool {
	if tv, ok := rw.info.Types[lit]; ok {
		n, ok := types.Unalias(tv.Type).(*types.Named)
		if !ok {
			return false
		}
		_, isStruct := n.Underlying().(*types.Struct)
		return isStruct && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() != "main"
	}
	sel, ok := lit.Type.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && x.Name == runtimeName
}
