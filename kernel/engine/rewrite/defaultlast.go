package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
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
// label declared in copied statements is renamed in the copy, with the
// branches to it there, since a label cannot be declared twice; the
// copies are deep, so that the renaming leaves the original alone. The
// pass runs last, so that no pass after it changes the statements it
// copies.

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
	copies := 0
	copied := func(b *ast.BlockStmt) *ast.BlockStmt {
		copies++
		return copyRenamingLabels(b, fmt.Sprintf("_goconc%d_%d", int(s.Switch), copies))
	}
	reached := []ast.Stmt{clauseBlock(clauses[d])}
	if out {
		for i := d + 1; i < len(clauses); i++ {
			reached = append(reached, copied(clauseBlock(clauses[i])))
			if !fallsThrough(clauses[i]) {
				break
			}
		}
	}
	def := clauses[d]
	moved := &ast.CaseClause{Case: def.Case, Colon: def.Colon, Body: reached}
	if into {
		// The clause before falls into the default's statements, then,
		// if the default falls through, into the clause that now
		// follows it, the one that followed the default.
		prev := clauses[d-1]
		body := append(prev.Body[:len(prev.Body)-1:len(prev.Body)-1], copied(clauseBlock(def)))
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

// copyRenamingLabels is a deep copy of b in which each label b declares,
// and each branch to it, has suffix added to its name.
func copyRenamingLabels(b *ast.BlockStmt, suffix string) *ast.BlockStmt {
	declared := map[string]bool{}
	ast.Inspect(b, func(n ast.Node) bool {
		if l, ok := n.(*ast.LabeledStmt); ok {
			declared[l.Label.Name] = true
		}
		return true
	})
	c := deepCopy(reflect.ValueOf(b)).Interface().(*ast.BlockStmt)
	if len(declared) == 0 {
		return c
	}
	ast.Inspect(c, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.LabeledStmt:
			n.Label.Name += suffix
		case *ast.BranchStmt:
			if n.Label != nil && declared[n.Label.Name] {
				n.Label.Name += suffix
			}
		case *ast.FuncLit:
			return false // its labels are its own
		}
		return true
	})
	return c
}

// deepCopy copies a syntax tree: its nodes, slices and interfaces, down
// to the values in them. The checker's objects and scopes (ast.Object,
// ast.Scope) are shared.
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || v.Type() == objectPtrType || v.Type() == scopePtrType || v.Elem().Kind() != reflect.Struct {
			return v
		}
		c := reflect.New(v.Elem().Type())
		for i := range v.Elem().NumField() {
			c.Elem().Field(i).Set(deepCopy(v.Elem().Field(i)))
		}
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type()).Elem()
		c.Set(deepCopy(v.Elem()))
		return c
	}
	return v
}

var (
	objectPtrType = reflect.TypeFor[*ast.Object]()
	scopePtrType  = reflect.TypeFor[*ast.Scope]()
)
