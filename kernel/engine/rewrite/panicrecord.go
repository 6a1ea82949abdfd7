package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// Lines of run-time panics. A panic statement records its line as it runs
// (panicsites.go), but a run-time error raised inside an expression (a
// write to a nil map, a division by zero, a failed type assertion, the
// close of a closed or nil channel, a nil pointer dereference, a method
// called through a nil interface) has no
// statement to record it, nor has a make of a slice or channel whose size
// is out of range, and the interpreter reports no line. Where a
// function can raise the error the panic carries in one line only, that
// line is the innermost frame's: the table of calls lists those lines too,
// under the kind of error as a pseudo-callee (PanicKey), so that finding
// them costs the running program nothing.

// Kinds of run-time errors whose lines are listed.
const (
	PanicNilMap = "!nil map"
	PanicDivide = "!divide"
	PanicClose  = "!close"
	PanicAssert = "!assert"
	PanicDeref  = "!deref"
	PanicMake   = "!make"
)

// ExitKey lists, in a function's table of calls, the lines the function
// can return from: its return statements and, when the end of its body
// can be reached, its closing brace. When a deferred call panics as the
// function returns, Go shows the function at the line it returned from.
const ExitKey = "!exit"

// recordPanicLines adds to calls, the callee table of one function
// body, the lines where body itself can raise each kind of run-time
// error, and the lines it can return from (ExitKey).
func (rw *rewriter) recordPanicLines(body ast.Node, calls map[string][]int) {
	rw.recordExitLines(body, calls)
	note := func(kind string, pos token.Pos) {
		if !pos.IsValid() {
			return
		}
		line := rw.fset.Position(pos).Line
		if !slices.Contains(calls[kind], line) {
			calls[kind] = append(calls[kind], line)
		}
	}
	isMap := func(e ast.Expr) bool {
		t := rw.info.TypeOf(e)
		if t == nil {
			return false
		}
		_, ok := t.Underlying().(*types.Map)
		return ok
	}
	isInteger := func(e ast.Expr) bool {
		tv, ok := rw.info.Types[e]
		if !ok || tv.Value != nil || tv.Type == nil {
			return false
		}
		b, ok := tv.Type.Underlying().(*types.Basic)
		return ok && b.Info()&types.IsInteger != 0
	}
	commaOK := map[*ast.TypeAssertExpr]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // the literal's own frame
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if ix, ok := ast.Unparen(l).(*ast.IndexExpr); ok && isMap(ix.X) {
					note(PanicNilMap, ix.Pos())
				}
			}
			if (n.Tok == token.QUO_ASSIGN || n.Tok == token.REM_ASSIGN) && len(n.Rhs) == 1 && isInteger(n.Rhs[0]) {
				note(PanicDivide, n.Pos())
			}
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				if ta, ok := ast.Unparen(n.Rhs[0]).(*ast.TypeAssertExpr); ok {
					commaOK[ta] = true
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				if ta, ok := ast.Unparen(n.Values[0]).(*ast.TypeAssertExpr); ok {
					commaOK[ta] = true
				}
			}
		case *ast.IncDecStmt:
			if ix, ok := ast.Unparen(n.X).(*ast.IndexExpr); ok && isMap(ix.X) {
				note(PanicNilMap, ix.Pos())
			}
		case *ast.BinaryExpr:
			if (n.Op == token.QUO || n.Op == token.REM) && isInteger(n.Y) {
				note(PanicDivide, n.OpPos)
			}
		case *ast.TypeAssertExpr:
			if n.Type != nil && !commaOK[n] {
				note(PanicAssert, n.Pos())
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				// A method called through a nil interface: Go places
				// the panic at the method's name.
				if s, ok := rw.info.Selections[sel]; ok && s.Kind() == types.MethodVal && types.IsInterface(s.Recv()) {
					note(PanicDeref, sel.Sel.Pos())
				}
			}
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "close" {
				if _, ok := rw.info.Uses[id].(*types.Builtin); ok {
					note(PanicClose, n.Pos())
				}
			}
			if rw.isBuiltin(n.Fun, "make") {
				for _, size := range n.Args[1:] {
					if tv, ok := rw.info.Types[size]; !ok || tv.Value == nil {
						note(PanicMake, n.Pos())
						break
					}
				}
			}
		case *ast.StarExpr:
			if tv, ok := rw.info.Types[n.X]; ok && tv.IsValue() {
				note(PanicDeref, n.Pos())
			}
		case *ast.SelectorExpr:
			if s, ok := rw.info.Selections[n]; ok && s.Kind() != types.MethodExpr && s.Indirect() {
				// A field through a pointer, or a method of a value
				// receiver called through one.
				note(PanicDeref, n.Pos())
			}
		}
		return true
	})
}

// recordExitLines adds to calls the lines body can return from.
func (rw *rewriter) recordExitLines(body ast.Node, calls map[string][]int) {
	note := func(pos token.Pos) {
		if !pos.IsValid() {
			return
		}
		line := rw.fset.Position(pos).Line
		if !slices.Contains(calls[ExitKey], line) {
			calls[ExitKey] = append(calls[ExitKey], line)
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // the literal's own returns
		case *ast.ReturnStmt:
			note(n.Pos())
		}
		return true
	})
	if b, ok := body.(*ast.BlockStmt); ok && b.Rbrace.IsValid() && !rw.endsFlow(b.List) {
		note(b.Rbrace)
	}
}

// endsFlow reports whether the last of stmts keeps the end of their block
// from being reached: a return, a panic, an endless loop.
func (rw *rewriter) endsFlow(stmts []ast.Stmt) bool {
	if len(stmts) == 0 {
		return false
	}
	switch last := stmts[len(stmts)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		call, ok := ast.Unparen(last.X).(*ast.CallExpr)
		return ok && rw.isBuiltin(call.Fun, "panic")
	case *ast.ForStmt:
		return last.Cond == nil && !hasBreak(last.Body)
	}
	return false
}

// hasBreak reports whether body has a break statement, which may end the
// loop whose body it is.
func hasBreak(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			found = found || n.Tok == token.BREAK
		}
		return !found
	})
	return found
}
