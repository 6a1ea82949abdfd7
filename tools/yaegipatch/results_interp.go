//go:build ignore

// This file is added to yaegi's interp package by the workspace that
// yaegipatch writes (the build constraint above is removed there).
//
// To save a copy, the interpreter stores the result of a unary or binary
// operation straight into the variable it is assigned to, or into the
// function's result slot it is returned in, and gives the operation that
// variable's type. When that type is an interface, the operation's
// result is a bool or a number but its exec writes an interface: ! and
// the comparisons call SetBool on it (a panic), - and ^ find no case for
// an interface kind and build no exec (the program stops there, silently),
// % and << convert to the wrong type. a = !a.(bool), with a an
// interface{}, is enough. Such an operation keeps a slot of its own;
// the assignment or the return then converts its value as for any other.

package interp

// goconcInterfaceTarget reports whether n, a unary or binary operation,
// is the value of an assignment to an interface-typed destination or of
// a return of an interface-typed result. A receive is left as it is: the
// assignment handles it, with the channel's element type.
func goconcInterfaceTarget(sc *scope, n *node) bool {
	a := n.anc
	if a == nil || n.action == aRecv {
		return false
	}
	switch {
	case a.kind == assignStmt && a.action == aAssign:
		i := childPos(n) - a.nright
		return i >= 0 && i < len(a.child) && a.child[i].typ != nil && isInterface(a.child[i].typ)
	case a.kind == returnStmt && sc.def != nil && sc.def.typ != nil:
		i := childPos(n)
		return i >= 0 && i < len(sc.def.typ.ret) && sc.def.typ.ret[i] != nil && isInterface(sc.def.typ.ret[i])
	}
	return false
}
