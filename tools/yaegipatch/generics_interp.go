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

// goconcNameInstance gives t, the instance of the generic type lt that
// genType made under the key name ("main.fooA[int]"), that key as its
// type string when nothing named it: the type string is what tells
// types apart (itype.id), and the underlying type's, struct {}, was one
// for every instance of fooA and fooB.
func goconcNameInstance(t, lt *itype, name string) {
	if t == nil || t == lt || t.name == "" || t.path != "" {
		return
	}
	t.str = name
}

// goconcCasesChecked says that the cases of a type switch need no check
// for duplicates: go/types has checked the source the interpreter runs,
// and an instance of a generic function's switch may name one type twice
// (case T and case int, T being int), the first case winning, as in Go.
const goconcCasesChecked = true

// goconcInstantiate returns the type n, an index expression S[int] the
// control-flow graph found no instance for, names: nodeType makes the
// instance, as it does for S[int] in a declaration. An expression may be
// the first to name it: a conversion IteratorFunc[R](nil), an assertion
// x.(S[int]) in an instance of a generic function.
func goconcInstantiate(interp *Interpreter, sc *scope, n *node) (*itype, error) {
	return nodeType(interp, sc, n)
}

// goconcAssertionChecked says that a type assertion needs no check that
// it is possible: go/types has checked the source, and an instance of a
// generic function may assert an interface to a type argument that does
// not implement it (dst.(T), T being a struct without the methods),
// which Go allows, the assertion failing at run time.
const goconcAssertionChecked = true
