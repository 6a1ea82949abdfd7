package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"
)

// markPanicSites puts the recording of its line before each panic
// statement in node. A statement the engine made has no position; it
// stands for the statement after it (a bounds check comes before the
// indexing it checks).
func markPanicSites(fset *token.FileSet, file string, node ast.Node) {
	lineOf := func(list []ast.Stmt, i int) int {
		for ; i < len(list); i++ {
			if p := list[i].Pos(); p.IsValid() {
				return fset.Position(p).Line
			}
		}
		return 0
	}
	var mark func(list []ast.Stmt, outer int) []ast.Stmt
	var inspect func(n ast.Node, outer int)
	mark = func(list []ast.Stmt, outer int) []ast.Stmt {
		var out []ast.Stmt
		for i, s := range list {
			line := lineOf(list, i)
			if line == 0 {
				line = outer
			}
			if isPanicStmt(s) && line > 0 {
				out = append(out, &ast.ExprStmt{X: &ast.CallExpr{
					Fun:  &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("PanicAt")},
					Args: []ast.Expr{&ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(fmt.Sprintf("%s:%d", file, line))}},
				}})
			}
			inspect(s, line)
			out = append(out, s)
		}
		return out
	}
	inspect = func(n ast.Node, outer int) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BlockStmt:
				n.List = mark(n.List, outer)
				return false
			case *ast.CaseClause:
				n.Body = mark(n.Body, outer)
				return false
			case *ast.CommClause:
				n.Body = mark(n.Body, outer)
				return false
			}
			return true
		})
	}
	inspect(node, 0)
}

func isPanicStmt(s ast.Stmt) bool {
	e, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := e.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := call.Fun.(*ast.Ident)
	return ok && id.Name == "panic"
}
