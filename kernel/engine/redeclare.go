package engine

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// A notebook's newest definition wins: a cell may declare again a type an
// earlier cell declared. The interpreter does not let it: a type declared
// again keeps the first declaration's fields ("unknown field in struct
// literal"), its instances and its methods, and a method declared again
// keeps the first body. So a type declared again is given to the
// interpreter under a name of its own, and its name becomes an alias of
// that one:
//
//	type goconc_v2_Account struct{ ID int; Owner string; Balance int }
//	type Account = goconc_v2_Account
//
// Every later use of Account, methods declared on it included, is then
// of the new type. The cell's other types and constants that name the
// type are given the new name too, since they are declared before the
// alias.
//
// The type's methods that the cell does not declare come again too, as
// the earlier cells declared them, as if the source file had been edited;
// so does the type itself when the cell declares only a method of it
// again. A method that no longer compiles against the new type is left
// out.
//
// What else the earlier cells made of the earlier type (variables holding
// its values, functions and types that use it, and in turn what uses
// those) stays the earlier type's in the interpreter, where later cells
// could mix the two. It is dropped instead: later cells no longer see it,
// and the cell says so in a note (Execute prints it on stderr). A cell
// run again as it was changes nothing.
//
// yaegi keeps one instance of a generic type's method for a method name
// and type arguments, whatever the type, so a method of a generic type
// declared again, called with type arguments it was called with before,
// ran the earlier instance; the copy of yaegi that tools/yaegipatch
// makes keys the instances by the type's name too, which the fresh name
// makes new. A build with yaegi unpatched still runs the earlier one.

// redeclaration is what a cell declares again, and what that changes.
type redeclaration struct {
	copies  []ast.Decl          // earlier declarations the cell declares again unchanged
	sources map[ast.Decl]string // their line directives, to keep their place in earlier cells
	again   []string            // the types declared again, sorted
	fresh   map[string]string   // type name to the name the interpreter gets it under
	dropped []string            // earlier declarations dropped, by name, in order
}

// redeclared works out what a cell that declares decls declares again
// of the earlier cells, given the imports the cells see. A declaration
// the cell repeats as it was (a cell run again) changes nothing, unless
// what it uses is declared again.
func (p *program) redeclared(fset *token.FileSet, imp *typesImporter, visible map[string]string, decls []ast.Decl) (*redeclaration, error) {
	re := &redeclaration{sources: map[ast.Decl]string{}, fresh: map[string]string{}}
	declared := declNames(decls)
	again := map[string]bool{} // types declared again, by the cell or by a copy
	for _, d := range decls {
		var names []string // the earlier types d may declare again
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, ts := range typeSpecs([]ast.Decl{d}) {
				if p.typeDecls[ts.Name.Name] > 0 {
					names = append(names, ts.Name.Name)
				}
			}
		case *ast.FuncDecl:
			// A method declared again, not one added: its type comes
			// again.
			if d.Recv != nil && len(d.Recv.List) > 0 {
				recv := receiverName(d.Recv.List[0].Type)
				if p.typeDecls[recv] > 0 && p.declares(recv+"."+d.Name.Name) {
					names = append(names, recv)
				}
			}
		}
		if len(names) > 0 && p.changes(fset, d) {
			for _, name := range names {
				again[name] = true
			}
		}
	}
	if len(again) == 0 {
		return re, nil
	}
	copied := map[string]bool{} // names the copies declare
	var dependents []declSource
	for grown := true; grown; {
		grown = false
		// A type the cell does not declare comes again as the earlier
		// cells declared it, with the methods the cell does not declare.
		for _, d := range p.decls {
			copyIt := false
			for _, n := range d.names {
				recv, _, isMethod := strings.Cut(n, ".")
				if !isMethod {
					recv = n
				}
				if again[recv] && !declared[n] && !copied[n] {
					copyIt = true
				}
			}
			if !copyIt {
				continue
			}
			f, err := parser.ParseFile(fset, cellFile, "package main\n"+d.at+d.src, parser.SkipObjectResolution)
			if err != nil || len(f.Decls) != 1 {
				return nil, fmt.Errorf("re-reading %s: %w", strings.Join(d.names, ", "), err)
			}
			re.copies = append(re.copies, f.Decls[0])
			re.sources[f.Decls[0]] = d.at
			for _, n := range d.names {
				copied[n] = true
				if !strings.Contains(n, ".") && !again[n] && p.typeDecls[n] > 0 {
					again[n], grown = true, true // declared in the same declaration
				}
			}
		}
		// What the cell declares or copies that used a type declared
		// again is declared again too: a type under a new name, a method
		// with its type.
		dependents = p.dependents(fset, imp, visible, again)
		for _, d := range dependents {
			for _, n := range d.names {
				if !declared[n] && !copied[n] {
					continue
				}
				recv, _, _ := strings.Cut(n, ".")
				if !again[recv] && p.typeDecls[recv] > 0 {
					again[recv], grown = true, true
				}
			}
		}
	}
	// A method carried over that does not compile against the type as
	// the cell declares it is dropped, and then perhaps others that
	// call it.
	for {
		bad := p.failing(fset, imp, visible, decls, re.copies, dependents)
		if len(bad) == 0 {
			break
		}
		re.copies = slices.DeleteFunc(re.copies, func(d ast.Decl) bool { return bad[d] })
		for d := range bad {
			for _, n := range namesOf(d) {
				copied[n] = false
			}
		}
	}
	re.again = slices.Sorted(maps.Keys(again))
	for _, ts := range typeSpecs(append(slices.Clone(decls), re.copies...)) {
		if name := ts.Name.Name; again[name] && !ts.Assign.IsValid() {
			re.fresh[name] = fmt.Sprintf("goconc_v%d_%s", p.typeDecls[name]+1, name)
		}
	}
	for _, d := range dependents {
		for _, n := range d.names {
			if !declared[n] && !copied[n] {
				re.dropped = append(re.dropped, n)
			}
		}
	}
	return re, nil
}

// changes reports whether the declaration d of a cell changes what the
// earlier cells declared: it declares something new, or differently.
func (p *program) changes(fset *token.FileSet, d ast.Decl) bool {
	names := namesOf(d)
	var b bytes.Buffer
	printer.Fprint(&b, fset, d)
	for _, e := range p.decls {
		if slices.Equal(e.names, names) && e.src == b.String() {
			return false
		}
	}
	return true
}

// failing returns the copies that do not compile with the cell's
// declarations and what the earlier cells declared that stays.
func (p *program) failing(fset *token.FileSet, imp *typesImporter, visible map[string]string, decls, copies []ast.Decl, dependents []declSource) map[ast.Decl]bool {
	if len(copies) == 0 {
		return nil
	}
	gone := declNames(append(slices.Clone(decls), copies...))
	for _, d := range dependents {
		for _, n := range d.names {
			gone[n] = true
		}
	}
	imports := importsDecl(visible)
	var files []*ast.File
	for _, d := range p.decls {
		if slices.ContainsFunc(d.names, func(n string) bool { return gone[n] }) {
			continue
		}
		f, err := parser.ParseFile(fset, "earlier cells", "package main\n"+d.src, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		f.Decls = append(imports, f.Decls...)
		files = append(files, f)
	}
	cell := &ast.File{Name: ast.NewIdent("main"), Decls: append(append(slices.Clone(imports), decls...), copies...)}
	files = append(files, cell)
	bad := map[ast.Decl]bool{}
	conf := types.Config{Importer: imp, Error: func(err error) {
		te, ok := err.(types.Error)
		if !ok {
			return
		}
		for _, c := range copies {
			if c.Pos() <= te.Pos && te.Pos < c.End() {
				bad[c] = true
			}
		}
	}}
	conf.Check("main", fset, files, nil)
	return bad
}

// importsDecl declares the imports the cells see, or is empty.
func importsDecl(visible map[string]string) []ast.Decl {
	d := &ast.GenDecl{Tok: token.IMPORT}
	for name, path := range visible {
		d.Specs = append(d.Specs, &ast.ImportSpec{Name: ast.NewIdent(name), Path: &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(path)}})
	}
	if len(d.Specs) == 0 {
		return nil
	}
	return []ast.Decl{d}
}

// declares reports whether an earlier cell's declaration declares name.
func (p *program) declares(name string) bool {
	for _, d := range p.decls {
		if slices.Contains(d.names, name) {
			return true
		}
	}
	return false
}

// dependents returns the earlier declarations that use one of the types
// named in names, directly or through other declarations, the
// declarations of those types included. The earlier declarations are
// type-checked on their own for it; their errors do not matter here.
func (p *program) dependents(fset *token.FileSet, imp *typesImporter, visible map[string]string, names map[string]bool) []declSource {
	imports := importsDecl(visible)
	files := make([]*ast.File, len(p.decls))
	for i, d := range p.decls {
		f, err := parser.ParseFile(fset, "earlier cells", "package main\n"+d.src, parser.SkipObjectResolution)
		if err != nil {
			f = &ast.File{Name: ast.NewIdent("main")}
		}
		f.Decls = append(slices.Clone(imports), f.Decls...)
		files[i] = f
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: imp, Error: func(error) {}}
	pkg, _ := conf.Check("main", fset, files, info)
	if pkg == nil {
		return nil
	}
	gone := map[types.Object]bool{}
	for name := range names {
		if obj := pkg.Scope().Lookup(name); obj != nil {
			gone[obj] = true
		}
	}
	// What each declaration declares and uses at package level, methods
	// included.
	defs := make([][]types.Object, len(files))
	uses := make([][]types.Object, len(files))
	for i, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			if obj := info.Defs[id]; obj != nil && topLevel(obj, pkg) {
				defs[i] = append(defs[i], obj)
			}
			if obj := info.Uses[id]; obj != nil && topLevel(obj, pkg) {
				uses[i] = append(uses[i], obj)
			}
			return true
		})
	}
	dropped := make([]bool, len(files))
	for changed := true; changed; {
		changed = false
		for i := range files {
			if dropped[i] {
				continue
			}
			if slices.ContainsFunc(defs[i], func(o types.Object) bool { return gone[o] }) ||
				slices.ContainsFunc(uses[i], func(o types.Object) bool { return gone[o] }) {
				dropped[i], changed = true, true
				for _, o := range defs[i] {
					gone[o] = true
				}
			}
		}
	}
	var out []declSource
	for i, d := range p.decls {
		if dropped[i] {
			out = append(out, d)
		}
	}
	return out
}

// topLevel reports whether obj is declared at the top level of pkg: a
// package-level name or a method.
func topLevel(obj types.Object, pkg *types.Package) bool {
	if obj.Pkg() != pkg {
		return false
	}
	if fn, ok := obj.(*types.Func); ok && fn.Signature().Recv() != nil {
		return true
	}
	return obj.Parent() == pkg.Scope()
}

// typeSpecs returns the type specifications of decls.
func typeSpecs(decls []ast.Decl) []*ast.TypeSpec {
	var out []*ast.TypeSpec
	for _, d := range decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, s := range g.Specs {
				out = append(out, s.(*ast.TypeSpec))
			}
		}
	}
	return out
}

// rename gives the types the cell declares again their interpreter names
// in the cell's type and constant declarations, which are declared before
// the aliases. It returns what undoes it.
func (re *redeclaration) rename(decls []ast.Decl, info *types.Info) (undo func()) {
	var undos []func()
	set := func(id *ast.Ident, name string) {
		old := id.Name
		id.Name = name
		undos = append(undos, func() { id.Name = old })
	}
	for _, d := range decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || (g.Tok != token.TYPE && g.Tok != token.CONST) {
			continue
		}
		ast.Inspect(g, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				// A constant's expressions name only package-level
				// identifiers, and the passes may have made them anew.
				for _, e := range append([]ast.Expr{n.Type}, n.Values...) {
					if e == nil {
						continue
					}
					ast.Inspect(e, func(m ast.Node) bool {
						switch m := m.(type) {
						case *ast.SelectorExpr:
							return false // a package's name
						case *ast.Ident:
							if name, ok := re.fresh[m.Name]; ok {
								set(m, name)
							}
						}
						return true
					})
				}
				return false
			case *ast.TypeSpec:
				if name, ok := re.fresh[n.Name.Name]; ok && !n.Assign.IsValid() {
					set(n.Name, name)
				}
			case *ast.Ident:
				obj, ok := info.Uses[n].(*types.TypeName)
				if !ok || obj.Pkg() == nil || obj.Parent() != obj.Pkg().Scope() {
					break
				}
				if name, ok := re.fresh[obj.Name()]; ok {
					set(n, name)
				}
			}
			return true
		})
	}
	return func() {
		for _, u := range undos {
			u()
		}
	}
}

// renameReceivers gives the methods of the types the cell declares again
// their types' interpreter names: the interpreter does not take the
// alias for a generic type's receiver. It returns what undoes it.
func (re *redeclaration) renameReceivers(decls []ast.Decl) (undo func()) {
	var undos []func()
	for _, d := range decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || len(fd.Recv.List) == 0 {
			continue
		}
		id := receiverIdent(fd.Recv.List[0].Type)
		if id == nil {
			continue
		}
		if name, ok := re.fresh[id.Name]; ok {
			old := id.Name
			id.Name = name
			undos = append(undos, func() { id.Name = old })
		}
	}
	return func() {
		for _, u := range undos {
			u()
		}
	}
}

// receiverIdent returns the name of a receiver's type, or nil.
func receiverIdent(e ast.Expr) *ast.Ident {
	switch e := e.(type) {
	case *ast.StarExpr:
		return receiverIdent(e.X)
	case *ast.IndexExpr:
		return receiverIdent(e.X)
	case *ast.IndexListExpr:
		return receiverIdent(e.X)
	case *ast.Ident:
		return e
	}
	return nil
}

// aliases returns the declarations that make the types' names stand for
// their interpreter names, in a stable order.
func (re *redeclaration) aliases() []string {
	names := slices.Sorted(maps.Keys(re.fresh))
	out := make([]string, len(names))
	for i, name := range names {
		out[i] = fmt.Sprintf("type %s = %s", name, re.fresh[name])
	}
	return out
}

// note says what the cell dropped and does not define again in its
// statements, or is empty.
func (re *redeclaration) note(defined map[string]bool) string {
	var dropped []string
	for _, name := range re.dropped {
		if !defined[name] {
			dropped = append(dropped, name)
		}
	}
	switch len(dropped) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("note: %s declared again: %s, made with the earlier declaration, is dropped; run its cell again to have it back\n",
			strings.Join(re.again, ", "), dropped[0])
	}
	return fmt.Sprintf("note: %s declared again: %s, made with the earlier declaration, are dropped; run their cells again to have them back\n",
		strings.Join(re.again, ", "), strings.Join(dropped, ", "))
}
