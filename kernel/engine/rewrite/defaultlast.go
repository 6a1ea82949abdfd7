package rewrite

import (
	"go/ast"
	"go/token"
)

// Fallthrough and a default clause that is not last. The interpreter
// runs a switch's default clause after its cases whatever its place, and
// a fallthrough goes to the next case clause of its own order: out of
// such a default, the clause after it is skipped; into it, from the
// clause before, the default is skipped. Where a fallthrough enters or
// leaves a default that is not last, the default moves to the end, and
// the statements the fallthroughs reach are copied, each clause's in a
// block of its own, to where they now run:
//
//	switch x {            switch x {
//	case 1:               case 1:
//		a()                   a()
//		fallthrough           { d() }
//	default:                  fallthrough
//		d()           case 2:
//		fallthrough           b()
//	case 2:               default:
//		b()                   { d() }
//	}                         { b() }
//	                      }
//
// A copied clause keeps its breaks, which still leave the switch. A
// switch whose copied statements hold a label is left as it is: a label
// cannot be declared twice. The pass runs last, so that no pass after it
// changes the statements it copies.

// defaultsLast moves the defaults that fallthroughs enter or leave under
// root to the ends of their switches.
func defaultsLast(root ast.Node) {
	ast.Inspect(root, func(n ast.Node) bool {
		if s, ok := n.(*ast.SwitchStmt); ok {
			moveDefault(s)
		}
		return true
	})
}

func moveDefault(s *ast.SwitchStmt) {
	clauses := make([]*ast.CaseClause, 0, len(s.Body.List))
	d := -1
	for i, st := range s.Body.List {
		c, ok := st.(*ast.CaseClause)
		if !ok {
			return
		}
		if c.List == nil {
			d = i
		}
		clauses = append(clauses, c)
	}
	if d < 0 || d == len(clauses)-1 {
		return
	}
	into := d > 0 && fallsThrough(clauses[d-1])
	out := fallsThrough(clauses[d])
	if !into && !out {
		return
	}
	// The statements the default runs: its own, then those of the
	// clauses its fallthroughs reach.
	reached := []ast.Stmt{clauseBlock(clauses[d])}
	if out {
		for i := d + 1; i < len(clauses); i++ {
			reached = append(reached, clauseBlock(clauses[i]))
			if !fallsThrough(clauses[i]) {
				break
			}
		}
	}
	for _, st := range reached {
		if hasLabel(st) {
			return
		}
	}
	def := clauses[d]
	moved := &ast.CaseClause{Case: def.Case, Colon: def.Colon, Body: reached}
	if into {
		// The clause before falls into the default's statements, then,
		// if the default falls through, into the clause that now
		// follows it, the one that followed the default.
		prev := clauses[d-1]
		body := append(prev.Body[:len(prev.Body)-1:len(prev.Body)-1], clauseBlock(def))
		if out {
			body = append(body, prev.Body[len(prev.Body)-1])
		}
		prev.Body = body
	}
	list := make([]ast.Stmt, 0, len(clauses))
	for i, c := range clauses {
		if i != d {
			list = append(list, c)
		}
	}
	s.Body.List = append(list, moved)
}

// fallsThrough reports whether c ends with a fallthrough statement.
func fallsThrough(c *ast.CaseClause) bool {
	if len(c.Body) == 0 {
		return false
	}
	b, ok := c.Body[len(c.Body)-1].(*ast.BranchStmt)
	return ok && b.Tok == token.FALLTHROUGH
}

// clauseBlock is a block of c's statements but a final fallthrough.
func clauseBlock(c *ast.CaseClause) *ast.BlockStmt {
	body := c.Body
	if fallsThrough(c) {
		body = body[:len(body)-1]
	}
	return &ast.BlockStmt{List: body}
}

// hasLabel reports whether a label is declared under n.
func hasLabel(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		_, isLabel := m.(*ast.LabeledStmt)
		found = found || isLabel
		return !found
	})
	return found
}
