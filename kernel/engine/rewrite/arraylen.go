package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
)

// len and cap of a pointer to an array are the array's length in Go,
// taken from the type: the pointer is evaluated, never dereferenced, so a
// nil one has a length too. Where the checker made the call a constant
// (no call or receive in the operand) the consts pass spells it out;
// the interpreter dereferences the pointer of any other call and panics
// on a nil one. So
//
//	n := len(lookup())    // lookup() *[40]int returns nil
//
// becomes
//
//	n := goconc_rt.ArrayLen(lookup(), 40)
//
// which evaluates the operand and returns the length.

// arrayPointerLens rewrites the calls of len and cap of a pointer to an
// array in n that are no constants.
func (rw *rewriter) arrayPointerLens(n ast.Node) ast.Node {
	var walk func(ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		eachChild(n, walk)
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !rw.isBuiltin(call.Fun, "len", "cap") {
			return n
		}
		if tv, ok := rw.info.Types[call]; !ok || tv.Value != nil {
			return n
		}
		p, ok := typeUnder(rw.info.TypeOf(call.Args[0])).(*types.Pointer)
		if !ok {
			return n
		}
		a, ok := p.Elem().Underlying().(*types.Array)
		if !ok {
			return n
		}
		out := rw.rtCall("ArrayLen", call.Args[0], &ast.BasicLit{Kind: token.INT, Value: strconv.FormatInt(a.Len(), 10)})
		out.Lparen, out.Rparen = call.Lparen, call.Rparen
		rw.info.Types[out] = rw.info.Types[call]
		return out
	}
	return walk(n)
}
