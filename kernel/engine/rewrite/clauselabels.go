package rewrite

import (
	"go/ast"
	"go/token"
)

// Labels in case clauses. The interpreter declares the labels of a block
// before it compiles the block's statements, but not those of a case
// clause of a switch, type switch or select, whose statements are no
// block to it: a break, continue or goto naming a label declared at the
// top of a clause failed with "undefined: L". Such a clause's
// statements go in a block of their own, a final fallthrough left after
// it (it must end the clause):
//
//	case v := <-c:            case v := <-c:
//	L:                            {
//		for i := range v {        L:
//			continue L                for i := range v {
//		}                                 continue L
//	                                  }
//	                              }
//
// The block changes no scope Go sees: the clause's statements had one of
// their own already.

// blockLabeledClauses puts the statements of the clauses under root that
// declare a label at their top in blocks, as above.
func blockLabeledClauses(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		switch c := n.(type) {
		case *ast.CaseClause:
			c.Body = blockLabeled(c.Body)
		case *ast.CommClause:
			c.Body = blockLabeled(c.Body)
		}
		return true
	})
}

// blockLabeled is body in a block, but for a final fallthrough, when a
// statement of body is labeled.
func blockLabeled(body []ast.Stmt) []ast.Stmt {
	labeled := false
	for _, s := range body {
		_, ok := s.(*ast.LabeledStmt)
		labeled = labeled || ok
	}
	if !labeled {
		return body
	}
	var last ast.Stmt
	if b, ok := body[len(body)-1].(*ast.BranchStmt); ok && b.Tok == token.FALLTHROUGH {
		body, last = body[:len(body)-1], b
	}
	out := []ast.Stmt{&ast.BlockStmt{Lbrace: body[0].Pos(), List: body, Rbrace: body[len(body)-1].End()}}
	if last != nil {
		out = append(out, last)
	}
	return out
}
