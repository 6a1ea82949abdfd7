package rewrite

import (
	"go/ast"
	"go/token"
	"strconv"
)

// Lines of returns, at run time. When a deferred call panics as its
// function returns, Go shows the function at the line of the return
// statement that ran. The table of calls gives that line when the
// function can return from one line only (ExitKey); a function that
// defers calls and can return from several lines tells the engine which
// line it returns from, just before it does:
//
//	goconc_rt.Returning("main.f", 12)
//	return n
//
// and, when the end of its body can be reached, before its closing brace,
// at that brace's line. The name is the one the interpreter gives the
// function's frames.

// exitLines makes b note the line of each of its returns, when it defers
// a call and can return from more than one line.
func (rw *rewriter) exitLines(b frameBody) {
	if !b.body.Rbrace.IsValid() || !defersDirectly(b.body) {
		return
	}
	table := map[string][]int{}
	rw.recordExitLines(b.body, table)
	if len(table[ExitKey]) < 2 {
		return
	}
	returning := func(pos token.Pos) ast.Stmt {
		return &ast.ExprStmt{X: rw.rtCall("Returning",
			&ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(b.name)},
			&ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(rw.fset.Position(pos).Line)})}
	}
	reachesEnd := !rw.endsFlow(b.body.List)
	var inList func(list []ast.Stmt) []ast.Stmt
	inList = func(list []ast.Stmt) []ast.Stmt {
		var out []ast.Stmt
		for i, s := range list {
			ret, ok := s.(*ast.ReturnStmt)
			if !ok || !ret.Pos().IsValid() {
				if out != nil {
					out = append(out, s)
				}
				continue
			}
			if out == nil {
				out = append(make([]ast.Stmt, 0, len(list)+1), list[:i]...)
			}
			out = append(out, returning(ret.Pos()), s)
		}
		if out == nil {
			return list
		}
		return out
	}
	ast.Inspect(b.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // the literal's own returns
		case *ast.BlockStmt:
			n.List = inList(n.List)
		case *ast.CaseClause:
			n.Body = inList(n.Body)
		case *ast.CommClause:
			n.Body = inList(n.Body)
		}
		return true
	})
	if reachesEnd {
		b.body.List = append(b.body.List, returning(b.body.Rbrace))
	}
}

// defersDirectly reports whether body has a defer statement of its own,
// outside the function literals in it.
func defersDirectly(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			found = true
		}
		return !found
	})
	return found
}
