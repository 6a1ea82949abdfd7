//go:build ignore

// This file is added to yaegi's interp package by the workspace that
// yaegipatch writes (the build constraint above is removed there).
//
// The interpreter keeps each instance of a generic function or method it
// generates under a key of the function's name and type arguments, and a
// method's key lacks its type: the Len of S[int] and the Len of Q[int]
// share one, so the second type runs the first one's method (and panics
// in reflect, its receiver being of the other type), and so does a
// generic type declared again in a notebook, which goconc gives the
// interpreter under a name of its own. genAST's key of a method starts
// with its receiver's type name, which this file gives.

package interp

// goconcReceiverKey is the part of a generic method's key that names its
// type, "S.", or "" for a function: root is the function's declaration.
func goconcReceiverKey(root *node) string {
	if len(root.child) == 0 || len(root.child[0].child) == 0 {
		return ""
	}
	n := root.child[0].child[0].lastChild() // the receiver's type
	for n != nil {
		switch n.kind {
		case identExpr:
			return n.ident + "."
		case starExpr, indexExpr, indexListExpr, parenExpr:
			if len(n.child) == 0 {
				return ""
			}
			n = n.child[0]
		default:
			return ""
		}
	}
	return ""
}
