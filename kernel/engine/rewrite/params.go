package rewrite

import "go/ast"

// A function whose parameters have no names, func(int) { ... }, panics
// in the interpreter when its body calls a compiled function ("reflect.Set:
// value of type int is not assignable to type func(...interface {}) (int,
// error)" for fmt.Println): it stores the argument in a slot of the frame
// it meant for something else. Named _, the parameters get slots of their
// own, and the function means the same.

// The receiver of a generic type's method, func (S[T]) m(x T), panics
// the same way without a name ("index out of range [1] with length 1"
// when the method is called): the interpreter's instance of the method
// counts a slot for a receiver it never gave one. Named _, it has one.

// nameParams names _ the parameters of the functions under root that
// have no names, and the receivers of generic types' methods that have
// none.
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
				nameGenericReceiver(n.Recv)
			}
		case *ast.FuncLit:
			name(n.Type)
		}
		return true
	})
}

// nameGenericReceiver names _ recv, a method's receiver, when it has no
// name and its type has type parameters: S[T], *S[K, V].
func nameGenericReceiver(recv *ast.FieldList) {
	if recv == nil || len(recv.List) != 1 || len(recv.List[0].Names) != 0 {
		return
	}
	f := recv.List[0]
	t := ast.Unparen(f.Type)
	if star, ok := t.(*ast.StarExpr); ok {
		t = ast.Unparen(star.X)
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		f.Names = []*ast.Ident{{NamePos: f.Type.Pos(), Name: "_"}}
	}
}
