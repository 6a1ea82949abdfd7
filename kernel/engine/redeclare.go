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
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A notebook's newest definition wins, everywhere, as when a source
// file is edited and built again: a cell may declare again a function, a
// variable, a constant, a type or a method an earlier cell declared, and
// from then on the earlier cells' code uses the new one.
//
// The interpreter binds a name when it compiles the code that uses it,
// so an earlier function that calls g keeps calling the g it was compiled
// with. The earlier cells' functions and constants that use what the
// cell declares again, directly or through others, are therefore
// compiled again, as their cells wrote them, with the cell. Init
// functions are not: they ran, and do not run again.
//
// A variable is a value, made once: it keeps its value, and its
// initializer does not run again (later cells are checked against its
// type alone); a function value taken before calls the function it was
// taken from. A variable declared again, even as it was (a cell run
// again), is a new variable, which the earlier functions use from then
// on; a variable a cell's statements define again with its type stays
// the same variable, assigned.
//
// What is compiled again and no longer compiles with the new declaration
// (a call of a function whose signature changed) is dropped, and then
// what uses it: later cells no longer see it, the cell says which and
// why in a note (Execute prints it on stderr), and a later use reports
// "undefined" with the same reason. Declaring it again brings it back.
//
// The interpreter does not let a type be declared again: a type declared
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
// the earlier cells declared them; so does the type itself when the cell
// declares only a method of it again, or when a method of it uses what
// the cell declares again (a function the method calls). The types that
// use a type declared again come again with it, and the functions that
// use it are compiled again, as above.
//
// A variable holding a value of the earlier type, directly or in a
// slice, a map, a channel, an array or another type's field, keeps its
// value, as a program edited and built again keeps its data, when the
// type's fields stay as they were (a method declared again, or added):
// the cell declares the variable again with the new type, and the
// session gives it the earlier variable's value (Session.carry). The
// interpreter builds both types to one run-time type, so the value is
// the same, pointers and all, and only its methods change. A variable
// whose type's fields change, or use a type whose fields change, holds
// a value of another shape: it is dropped, with a note. A package-level
// variable of an interface type holding a value of the type is given
// the value again as the new type (rewraps), since the interpreter keeps
// with an interface's value the type it was stored as; one held in an
// interface inside a slice, a map or a field keeps the earlier methods.
// A type, function or constant declared again as it was (a cell run
// again) changes nothing.
//
// yaegi keeps one instance of a generic type's method for a method name
// and type arguments, whatever the type, so a method of a generic type
// declared again, called with type arguments it was called with before,
// ran the earlier instance; the copy of yaegi that tools/yaegipatch
// makes keys the instances by the type's name too, which the fresh name
// makes new. A build with yaegi unpatched still runs the earlier one.

// redeclaration is what a cell declares again, and what that changes.
type redeclaration struct {
	copies  []ast.Decl          // earlier declarations compiled again, as they were written
	sources map[ast.Decl]string // their line directives, to keep their place in earlier cells
	again   []string            // what the cell declares again that changes the earlier cells, sorted
	with    []string            // the types that come again with it, sorted
	fresh   map[string]string   // type name to the name the interpreter gets it under
	dropped []string            // earlier variables dropped, by name, in order
	carried []hoisted           // earlier variables declared again with their values, in order
	// rewraps give the earlier interface variables that may hold a value
	// of a type declared again the types to give it again (rewrap).
	rewraps []rewrap
	broken  []brokenDecl // earlier declarations that no longer compile, dropped
	// frozen gives the earlier variables whose initializers use what the
	// cell declares again the declarations later cells are checked
	// against: their types, as their values are not computed again.
	frozen map[string]string // earlier source to its frozen source
	// handled marks the earlier declarations the cell declares again,
	// compiles again or drops.
	handled []bool
}

// brokenDecl is an earlier declaration that no longer compiles with what
// a cell declares again, and the first error it has.
type brokenDecl struct {
	names []string
	why   string
}

// redeclared works out what a cell that declares decls declares again
// of the earlier cells, given the imports the cells see; defines names
// the variables its statements define anew in place of an earlier
// declaration of the name. A function or constant declared again as it
// was (a cell run again) changes nothing, unless what it uses is
// declared again; a variable declared again is a new variable.
func (p *program) redeclared(fset *token.FileSet, imp *typesImporter, visible map[string]string, decls []ast.Decl, defines map[string]bool) (*redeclaration, error) {
	re := &redeclaration{sources: map[ast.Decl]string{}, fresh: map[string]string{}, frozen: map[string]string{}}
	declared := declNames(decls)
	again := map[string]bool{}   // types declared again, by the cell or by a copy
	changed := map[string]bool{} // functions, variables and constants the cell declares anew
	said := map[string]bool{}    // what the cell declares again, for the note
	for _, d := range decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, n := range namesOf(d) {
				switch {
				case d.Tok == token.TYPE && p.typeDecls[n] > 0 && p.changes(fset, d):
					again[n], said[n] = true, true
				case d.Tok == token.VAR && p.declares(n), d.Tok == token.CONST && p.declares(n) && p.changes(fset, d):
					changed[n], said[n] = true, true
				}
			}
		case *ast.FuncDecl:
			name := namesOf(d)[0]
			recv, _, isMethod := strings.Cut(name, ".")
			switch {
			case isMethod:
				// A method declared again, not one added: its type comes
				// again.
				if p.typeDecls[recv] > 0 && p.declares(name) && p.changes(fset, d) {
					again[recv], said[recv] = true, true
				}
			case name != "init" && p.declares(name) && p.changes(fset, d):
				changed[name], said[name] = true, true
			}
		}
	}
	for n := range defines {
		changed[n], said[n], declared[n] = true, true, true
	}
	if len(again) == 0 && !slices.ContainsFunc(slices.Collect(maps.Keys(changed)), p.usedByEarlier) {
		return re, nil // nothing earlier uses what the cell declares again
	}
	g := p.earlierDecls(fset, imp, visible)
	handled := make([]bool, len(p.decls))
	affected := map[types.Object]bool{} // what the cells' code compiled again sees anew
	mark := func(i int) {
		handled[i] = true
		for _, o := range g.defs[i] {
			affected[o] = true
		}
	}
	usesAffected := func(i int) bool {
		return slices.ContainsFunc(g.uses[i], func(o types.Object) bool { return affected[o] })
	}
	copied := map[string]bool{} // names the copies declare
	var held []int              // variables of a type declared again
	copyDecl := func(i int) error {
		d := p.decls[i]
		f, err := parser.ParseFile(fset, cellFile, "package main\n"+d.at+d.src, parser.SkipObjectResolution)
		if err != nil || len(f.Decls) != 1 {
			return fmt.Errorf("re-reading %s: %w", strings.Join(d.names, ", "), err)
		}
		re.copies = append(re.copies, f.Decls[0])
		re.sources[f.Decls[0]] = d.at
		for _, n := range d.names {
			copied[n] = true
		}
		mark(i)
		return nil
	}
	for grown := true; grown; {
		grown = false
		for i, d := range p.decls {
			if handled[i] {
				continue
			}
			node := g.nodes[i]
			ofType := slices.ContainsFunc(d.names, func(n string) bool {
				recv, _, _ := strings.Cut(n, ".")
				return again[recv]
			})
			switch {
			case ofType:
				// A type declared again, or a method of one: what the
				// cell does not declare comes again as it was.
				if slices.ContainsFunc(d.names, func(n string) bool { return !declared[n] }) {
					if err := copyDecl(i); err != nil {
						return nil, err
					}
					for _, n := range d.names {
						if !strings.Contains(n, ".") && p.typeDecls[n] > 0 {
							again[n] = true // declared in the same declaration
						}
					}
				}
				mark(i)
				grown = true
			case slices.ContainsFunc(d.names, func(n string) bool { return changed[n] }):
				mark(i)
				grown = true
			case !usesAffected(i):
				// Unchanged, so far.
			case declaresMethod(node):
				// yaegi keeps a method's first body: the type comes again
				// with the method compiled anew.
				recv, _, _ := strings.Cut(d.names[0], ".")
				again[recv], grown = true, true
			case isGenDecl(node, token.TYPE):
				for _, n := range d.names {
					again[n] = true
				}
				grown = true
			case isInitDecl(node):
				handled[i] = true // it ran; it does not run again
			case slices.ContainsFunc(d.names, func(n string) bool { return declared[n] }):
				// The cell declares it as it was: compiled anew, it sees
				// what is declared again, and so must what uses it.
				mark(i)
				grown = true
			case isGenDecl(node, token.VAR):
				// A variable keeps its value, and its initializer does
				// not run again.
			default:
				// A function or a constant: compiled again.
				if err := copyDecl(i); err != nil {
					return nil, err
				}
				grown = true
			}
		}
		// A variable of a type declared again holds a value of the
		// earlier type: it is carried over to the new type, or dropped
		// (below).
		for i := range p.decls {
			if handled[i] || !isGenDecl(g.nodes[i], token.VAR) {
				continue
			}
			if slices.ContainsFunc(g.defs[i], func(o types.Object) bool { return mentions(o.Type(), again, map[types.Type]bool{}) }) {
				held = append(held, i)
				mark(i)
				grown = true
			}
		}
	}
	reshaped := p.reshaped(g, again, decls)
	for _, i := range held {
		for _, o := range g.defs[i] {
			n := o.Name()
			switch {
			case declared[n] && !defines[n]:
				// The cell declares it again itself.
			case !defines[n] && !mentions(o.Type(), reshaped, map[types.Type]bool{}):
				re.carried = append(re.carried, hoisted{name: n, typ: o.Type(), carried: true})
			default:
				re.dropped = append(re.dropped, n)
			}
		}
	}
	re.handled = handled
	re.rewraps = p.rewraps(g, again, reshaped, declared, re.dropped)
	for i, d := range p.decls {
		if !handled[i] && isGenDecl(g.nodes[i], token.VAR) && usesAffected(i) {
			if src, ok := frozenVars(g, i, visible); ok {
				re.frozen[d.src] = src
			}
		}
	}
	re.again = slices.Sorted(maps.Keys(said))
	for name := range again {
		if !said[name] {
			re.with = append(re.with, name)
		}
	}
	slices.Sort(re.with)
	for _, ts := range typeSpecs(append(slices.Clone(decls), re.copies...)) {
		if name := ts.Name.Name; again[name] && !ts.Assign.IsValid() {
			re.fresh[name] = fmt.Sprintf("goconc_v%d_%s", p.typeDecls[name]+1, name)
		}
	}
	return re, nil
}

// reshaped returns the types of again whose values the interpreter lays
// out otherwise than the earlier ones': those the cell declares with
// another underlying type, and those that use one of them. A variable
// of the others keeps its value when its type comes again.
func (p *program) reshaped(g *earlier, again map[string]bool, decls []ast.Decl) map[string]bool {
	out := map[string]bool{}
	before := map[string]string{}
	for _, node := range g.nodes {
		if isGenDecl(node, token.TYPE) {
			for _, ts := range typeSpecs([]ast.Decl{node}) {
				before[ts.Name.Name] = shapeOf(ts)
			}
		}
	}
	for _, ts := range typeSpecs(decls) {
		if name := ts.Name.Name; again[name] {
			if old, ok := before[name]; !ok || old != shapeOf(ts) {
				out[name] = true
			}
		}
	}
	for grown := len(out) > 0; grown; {
		grown = false
		for i, node := range g.nodes {
			if !isGenDecl(node, token.TYPE) || !slices.ContainsFunc(g.uses[i], func(o types.Object) bool {
				_, isType := o.(*types.TypeName)
				return isType && out[o.Name()]
			}) {
				continue
			}
			for _, ts := range typeSpecs([]ast.Decl{node}) {
				if name := ts.Name.Name; again[name] && !out[name] {
					out[name], grown = true, true
				}
			}
		}
	}
	return out
}

// rewrap is an earlier interface variable and the types declared again,
// T or *T, whose values it may hold.
type rewrap struct {
	name  string
	cases []string
}

// rewraps lists the earlier package-level variables of interface types
// with methods that a type declared again, and kept in shape, implements:
// the interpreter keeps with an interface's value the type it had when
// it was stored, and calls that type's methods. Stored again as the new
// type (placeRewraps), the value calls the newest methods, as every
// other value of the type does.
func (p *program) rewraps(g *earlier, again, reshaped, declared map[string]bool, dropped []string) []rewrap {
	if g.pkg == nil {
		return nil
	}
	var out []rewrap
	for i, d := range p.decls {
		if !isGenDecl(g.nodes[i], token.VAR) {
			continue
		}
		for _, o := range g.defs[i] {
			iface, ok := o.Type().Underlying().(*types.Interface)
			if !ok || iface.NumMethods() == 0 || declared[o.Name()] || slices.Contains(dropped, o.Name()) || !slices.Contains(d.names, o.Name()) {
				continue
			}
			var cases []string
			for _, name := range slices.Sorted(maps.Keys(again)) {
				tn, ok := g.pkg.Scope().Lookup(name).(*types.TypeName)
				if !ok || reshaped[name] || tn.IsAlias() {
					continue
				}
				named, ok := tn.Type().(*types.Named)
				if !ok || named.TypeParams().Len() > 0 {
					continue
				}
				if _, isIface := named.Underlying().(*types.Interface); isIface {
					continue
				}
				if types.Implements(types.NewPointer(named), iface) {
					cases = append(cases, "*"+name)
				}
				if types.Implements(named, iface) {
					cases = append(cases, name)
				}
			}
			if len(cases) > 0 {
				out = append(out, rewrap{name: o.Name(), cases: cases})
			}
		}
	}
	return out
}

// placeRewraps puts the storing again of the interface variables'
// values (rewraps) after the last step from first that declares a method
// of a type declared again: the new type has its methods then.
func (re *redeclaration) placeRewraps(steps []step, first int) []step {
	if len(re.rewraps) == 0 {
		return steps
	}
	last := -1
	for i := first; i < len(steps); i++ {
		for _, d := range steps[i].decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) > 0 && re.fresh[receiverName(fd.Recv.List[0].Type)] != "" {
				last = i
			}
		}
	}
	if last < 0 {
		return steps
	}
	// A function of its own, called, as the cells' statements are.
	name := "goconc_rewrap_" + re.rewraps[0].name
	var b strings.Builder
	fmt.Fprintf(&b, "func %s() {\n", name)
	for _, r := range re.rewraps {
		for _, c := range r.cases {
			// goconc_concrete (rewrite.Prelude) gives the value the
			// interface holds, which the interpreter asserts to the
			// new type: the two are one run-time type.
			fmt.Fprintf(&b, "\tif v, ok := goconc_concrete(%s).(%s); ok {\n\t\t%s = v\n\t}\n", r.name, c, r.name)
		}
	}
	b.WriteString("}")
	return slices.Insert(steps, last+1, step{src: b.String()}, step{src: name + "()"})
}

// shapeOf prints a type's declaration the same way whatever its layout
// in its cell: positions from no file.
func shapeOf(ts *ast.TypeSpec) string {
	var b strings.Builder
	printer.Fprint(&b, token.NewFileSet(), &ast.TypeSpec{Name: ast.NewIdent("_"), TypeParams: ts.TypeParams, Assign: ts.Assign, Type: ts.Type})
	return b.String()
}

// prune drops the copies that no longer compile with the cell's
// declarations decls, its hoisted variables' included, and then perhaps
// others that use them. It reports whether it dropped any.
func (re *redeclaration) prune(p *program, fset *token.FileSet, imp *typesImporter, visible map[string]string, decls []ast.Decl) bool {
	pruned := false
	for {
		bad := p.failing(fset, imp, visible, decls, re.copies, re.handled)
		if len(bad) == 0 {
			return pruned
		}
		pruned = true
		re.copies = slices.DeleteFunc(re.copies, func(d ast.Decl) bool {
			why, ok := bad[d]
			if ok {
				re.broken = append(re.broken, brokenDecl{names: namesOf(d), why: why})
			}
			return ok
		})
	}
}

// gone lists the names of the earlier declarations the cell drops, for
// redefinition.
func (re *redeclaration) gone() []string {
	out := slices.Clone(re.dropped)
	for _, b := range re.broken {
		out = append(out, b.names...)
	}
	return out
}

// frozenVars declares the variables of the earlier declaration i by
// their types, or reports that a type cannot be written with the
// imports the cells see.
func frozenVars(g *earlier, i int, visible map[string]string) (string, bool) {
	ok := true
	qualify := func(pkg *types.Package) string {
		if pkg == g.pkg {
			return ""
		}
		for name, path := range visible {
			if path == pkg.Path() {
				return name
			}
		}
		ok = false
		return pkg.Name()
	}
	var b strings.Builder
	b.WriteString("var (\n")
	for _, o := range g.defs[i] {
		fmt.Fprintf(&b, "\t%s %s\n", o.Name(), types.TypeString(o.Type(), qualify))
	}
	b.WriteString(")")
	return b.String(), ok && len(g.defs[i]) > 0
}

func declaresMethod(d ast.Decl) bool {
	fd, ok := d.(*ast.FuncDecl)
	return ok && fd.Recv != nil
}

func isInitDecl(d ast.Decl) bool {
	fd, ok := d.(*ast.FuncDecl)
	return ok && fd.Recv == nil && fd.Name.Name == "init"
}

func isGenDecl(d ast.Decl, tok token.Token) bool {
	g, ok := d.(*ast.GenDecl)
	return ok && g.Tok == tok
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
// declarations and what the earlier cells declared that stays (not
// handled), each with its first error.
func (p *program) failing(fset *token.FileSet, imp *typesImporter, visible map[string]string, decls, copies []ast.Decl, handled []bool) map[ast.Decl]string {
	if len(copies) == 0 {
		return nil
	}
	gone := declNames(append(slices.Clone(decls), copies...))
	imports := importsDecl(visible)
	var files []*ast.File
	for i, d := range p.decls {
		if handled[i] || slices.ContainsFunc(d.names, func(n string) bool { return gone[n] }) {
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
	bad := map[ast.Decl]string{}
	conf := types.Config{Importer: imp, Error: func(err error) {
		te, ok := err.(types.Error)
		if !ok {
			return
		}
		for _, c := range copies {
			if _, seen := bad[c]; !seen && c.Pos() <= te.Pos && te.Pos < c.End() {
				pos := fset.Position(te.Pos)
				bad[c] = fmt.Sprintf("line %d, column %d of its cell: %s", pos.Line, pos.Column, te.Msg)
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

// earlier is the earlier cells' declarations, checked together: what
// each is and declares and uses at package level, methods included.
type earlier struct {
	pkg   *types.Package
	nodes []ast.Decl // nil for one that does not parse
	defs  [][]types.Object
	uses  [][]types.Object
}

// earlierDecls checks the earlier cells' declarations together; their
// errors do not matter here.
func (p *program) earlierDecls(fset *token.FileSet, imp *typesImporter, visible map[string]string) *earlier {
	imports := importsDecl(visible)
	g := &earlier{nodes: make([]ast.Decl, len(p.decls)), defs: make([][]types.Object, len(p.decls)), uses: make([][]types.Object, len(p.decls))}
	files := make([]*ast.File, len(p.decls))
	for i, d := range p.decls {
		f, err := parser.ParseFile(fset, "earlier cells", "package main\n"+d.src, parser.SkipObjectResolution)
		if err != nil {
			f = &ast.File{Name: ast.NewIdent("main")}
		} else if len(f.Decls) == 1 {
			g.nodes[i] = f.Decls[0]
		}
		f.Decls = append(slices.Clone(imports), f.Decls...)
		files[i] = f
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: imp, Error: func(error) {}}
	g.pkg, _ = conf.Check("main", fset, files, info)
	if g.pkg == nil {
		return g
	}
	for i, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			if obj := info.Defs[id]; obj != nil && topLevel(obj, g.pkg) {
				g.defs[i] = append(g.defs[i], obj)
			}
			if obj := info.Uses[id]; obj != nil && topLevel(obj, g.pkg) {
				g.uses[i] = append(g.uses[i], obj)
			}
			return true
		})
	}
	return g
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
	var b strings.Builder
	again := re.what()
	var dropped []string
	for _, name := range re.dropped {
		if !defined[name] {
			dropped = append(dropped, name)
		}
	}
	switch len(dropped) {
	case 0:
	case 1:
		fmt.Fprintf(&b, "note: %s: %s, made with the earlier declaration, is dropped; run its cell again to have it back\n", again, dropped[0])
	default:
		fmt.Fprintf(&b, "note: %s: %s, made with the earlier declaration, are dropped; run their cells again to have them back\n", again, strings.Join(dropped, ", "))
	}
	for _, d := range re.broken {
		fmt.Fprintf(&b, "note: %s: %s no longer compiles and is dropped (%s); declare it again to have it back\n", again, strings.Join(d.names, ", "), d.why)
	}
	return b.String()
}

// what says what the cell declares again, and the types that come
// again with it.
func (re *redeclaration) what() string {
	s := strings.Join(re.again, ", ") + " declared again"
	if len(re.with) > 0 {
		s += ", and with it " + strings.Join(re.with, ", ")
	}
	return s
}

// why says, for each name the cell drops and does not define again,
// why it is gone.
func (re *redeclaration) why(defined map[string]bool) map[string]string {
	out := map[string]string{}
	again := re.what()
	for _, name := range re.dropped {
		if !defined[name] {
			out[name] = fmt.Sprintf("dropped when %s: it was made with the earlier declaration", again)
		}
	}
	for _, d := range re.broken {
		for _, name := range d.names {
			out[name] = fmt.Sprintf("dropped when %s: it no longer compiles, %s", again, d.why)
		}
	}
	return out
}

// usedByEarlier reports whether an earlier declaration may use name: its
// source has the word. It may say so wrongly (a field, a comment), which
// only costs a cell a second compilation.
func (p *program) usedByEarlier(name string) bool {
	word := regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b`)
	for _, d := range p.decls {
		if !slices.Contains(d.names, name) && word.MatchString(d.src) {
			return true
		}
	}
	return false
}

// keep copies the values of the package-level variables names, before a
// step declares them again (carry).
func (s *Session) keep(names []string) map[string]reflect.Value {
	if len(names) == 0 {
		return nil
	}
	globals := s.interp.Globals()
	kept := map[string]reflect.Value{}
	for _, name := range names {
		if v, ok := globals[name]; ok && v.IsValid() {
			c := reflect.New(v.Type()).Elem()
			c.Set(v)
			kept[name] = c
		}
	}
	return kept
}

// carry gives the variables declared again the values kept of the earlier
// ones. The interpreter builds a type declared again with the same
// underlying type to the same run-time type, so the value is the same
// value, pointers and all; a value it cannot take is said in a note, and
// the variable starts at its zero value.
func (s *Session) carry(kept map[string]reflect.Value) {
	if len(kept) == 0 {
		return
	}
	globals := s.interp.Globals()
	for _, name := range slices.Sorted(maps.Keys(kept)) {
		old := kept[name]
		v, ok := globals[name]
		switch {
		case !ok || !v.CanSet():
		case old.Type().AssignableTo(v.Type()):
			v.Set(old)
			continue
		case old.Type().ConvertibleTo(v.Type()):
			v.Set(old.Convert(v.Type()))
			continue
		}
		fmt.Fprintf(s.stderr, "note: %s could not keep its value across its type's declaration again; it starts again at its zero value\n", name)
	}
}
