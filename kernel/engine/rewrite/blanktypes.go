package rewrite

import (
	"go/ast"
	"go/token"
)

// Go accepts a type declared with the blank name, type _ int, and lets
// nothing refer to it; the interpreter's compiler rejects the declaration
// ("cannot use _ as value"). Once the cell has been type-checked, such a
// declaration does nothing, so it is dropped, and a group left without
// declarations with it. Local ones, in a function's body, the interpreter
// accepts.

// withoutBlankTypes returns decls without their package-level type
// declarations of the blank name.
func withoutBlankTypes(decls []ast.Decl) []ast.Decl {
	kept := decls[:0]
	for _, d := range decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			kept = append(kept, d)
			continue
		}
		specs := g.Specs[:0]
		for _, s := range g.Specs {
			if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == "_" {
				continue
			}
			specs = append(specs, s)
		}
		g.Specs = specs
		if len(specs) > 0 {
			kept = append(kept, g)
		}
	}
	return kept
}
