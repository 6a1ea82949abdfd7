package rewrite

import "go/ast"

// A function whose parameters have no names, func(int) { ... }, panics
// in the interpreter when its body calls a compiled function ("reflect.Set:
// value of type int is not assignable to type func(...interface {}) (int,
// error)" for fmt.Println): it stores the argument in a slot of the frame
// it meant for something else. Named _, the parameters get slots of their
// own, and the function means the same.

// nameParams names _ the parameters of the functions under root that
// have no names.
func nameParams(root ast.Node) {
	name := func(t *ast.FuncType) {
		if t == nil || t.Params == nil {
			return
		}
		for _, f := range t.Params.List {
			if len(f.Names) == 0 {
				f.Names = []*ast.Ident{{NamePos: f.Type.Pos(), Name: "_"}}
			}
		}
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				name(n.Type)
			}
		case *ast.FuncLit:
			name(n.Type)
		}
		return true
	})
}
