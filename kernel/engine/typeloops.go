package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"goconc/kernel/engine/rewrite"
)

// The interpreter builds a run-time type (reflect's) for each of the
// cells' types, and reflect can make a type that contains itself only
// through a struct, whose fields the interpreter patches once the struct
// is built. A type that contains itself otherwise (type T []T, type F
// func(F) F, type P *P, type S []struct{ s S }) made the interpreter
// dereference nil or recurse until the stack overflowed, crashing the
// session. Such a cell fails to compile instead, saying what is
// supported.

// selfContainedTypes returns an error for each type the cell declares
// (at the top or in a function) that contains itself without a defined
// struct type on the way back.
func selfContainedTypes(fset *token.FileSet, info *types.Info, decls []ast.Decl, chunks [][]ast.Stmt) diagnostics {
	var errs diagnostics
	visit := func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.Assign.IsValid() {
			return true
		}
		obj, ok := info.Defs[ts.Name].(*types.TypeName)
		if !ok {
			return true
		}
		named, ok := obj.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 || isStructType(named) {
			return true
		}
		if path, ok := loopBack(named, named.Underlying(), nil, map[types.Type]bool{}); ok {
			errs = append(errs, types.Error{Fset: fset, Pos: ts.Name.Pos(), Msg: fmt.Sprintf(
				"type %s contains itself through %s, which goconc cannot run: the interpreter builds a type that contains itself only through a struct type (as in type Node struct{ kids []Node })",
				rewrite.LocalName(ts.Name.Name), path)})
		}
		return true
	}
	inspectCell(decls, chunks, visit)
	return errs
}

// loopBack reports whether t leads back to self without passing a
// defined struct type, and the way it does, spelled as the types on it.
func loopBack(self *types.Named, t types.Type, way []string, seen map[types.Type]bool) (string, bool) {
	if seen[t] {
		return "", false
	}
	seen[t] = true
	if n, ok := types.Unalias(t).(*types.Named); ok {
		if n == self {
			return strings.Join(way, ", then "), true
		}
		if isStructType(n) || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "main" || n.TypeArgs().Len() > 0 {
			return "", false // a struct breaks the loop; compiled types have their own
		}
		return loopBack(self, n.Underlying(), append(way, rewrite.LocalName(n.Obj().Name())), seen)
	}
	var parts []types.Type
	switch u := t.(type) {
	case *types.Struct:
		for f := range u.Fields() {
			parts = append(parts, f.Type())
		}
	case *types.Signature:
		for v := range u.Params().Variables() {
			parts = append(parts, v.Type())
		}
		for v := range u.Results().Variables() {
			parts = append(parts, v.Type())
		}
	case *types.Interface:
		return "", false // an interface's run-time type does not hold its methods'
	default:
		parts = rewrite.TypeParts(u)
	}
	for _, p := range parts {
		if w, ok := loopBack(self, p, append(way, types.TypeString(t, cellQualifier)), seen); ok {
			return w, true
		}
	}
	return "", false
}

// cellQualifier names the cells' types without a package, others by
// their package's name.
func cellQualifier(p *types.Package) string {
	if p.Path() == "main" {
		return ""
	}
	return p.Name()
}

func isStructType(n *types.Named) bool {
	_, ok := n.Underlying().(*types.Struct)
	return ok
}
