package rewrite

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// The interpreter infers type arguments poorly: with two type parameters
// it may give the second the first one's argument (Map[T, U] called with
// a func(T) U), a variadic parameter of a type parameter's type leaves the
// type parameter undefined, and an argument of a generic type
// ([]*Future[T]) may bind T to the whole element type. Given every type
// argument, it mostly instantiates correctly. go/types records the
// arguments it inferred, so each use of a generic function the cells
// declare that monomorphise (below) leaves generic, in the methods of
// generic types say, is made explicit:
//
//	Map(nums, strconv.Itoa)  becomes  Map[int, string](nums, strconv.Itoa)
//	Sum(xs...)               becomes  Sum[N](xs...)     (in a generic body)

// instantiate makes every use under root of a generic function declared
// in the cells name all its type arguments. It returns root, or what
// replaces it when root itself is such a use.
func (rw *rewriter) instantiate(root ast.Node) ast.Node {
	var walk func(n ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		switch n := n.(type) {
		case *ast.Ident:
			if full := rw.explicitInstance(n, nil); full != nil {
				return full
			}
			return n
		case *ast.IndexExpr:
			if id, ok := n.X.(*ast.Ident); ok {
				if full := rw.explicitInstance(id, []ast.Expr{n.Index}); full != nil {
					return full
				}
				n.Index = walk(n.Index).(ast.Expr)
				return n
			}
		case *ast.IndexListExpr:
			if id, ok := n.X.(*ast.Ident); ok {
				if full := rw.explicitInstance(id, n.Indices); full != nil {
					return full
				}
				for i, x := range n.Indices {
					n.Indices[i] = walk(x).(ast.Expr)
				}
				return n
			}
		}
		eachChild(n, walk)
		return n
	}
	return walk(root)
}

// explicitInstance returns id with all its type arguments when id uses a
// generic function declared in the cells and given lists fewer type
// arguments than it has; otherwise nil. The result is recorded with the
// instance's type, for rewrites that look it up.
func (rw *rewriter) explicitInstance(id *ast.Ident, given []ast.Expr) ast.Expr {
	inst, ok := rw.info.Instances[id]
	if !ok || inst.TypeArgs.Len() <= len(given) {
		return nil
	}
	fn, ok := rw.info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "main" {
		// The standard library's generic functions come from the
		// interpreter's own sources; they are left as written.
		return nil
	}
	args := make([]ast.Expr, inst.TypeArgs.Len())
	for i := range args {
		t := inst.TypeArgs.At(i)
		if !nameable(t, map[types.Type]bool{}) {
			return nil
		}
		args[i] = rw.typeExpr(t)
	}
	var full ast.Expr
	if len(args) == 1 {
		full = &ast.IndexExpr{X: id, Lbrack: id.End(), Index: args[0], Rbrack: id.End()}
	} else {
		full = &ast.IndexListExpr{X: id, Lbrack: id.End(), Indices: args, Rbrack: id.End()}
	}
	rw.info.Types[full] = types.TypeAndValue{Type: inst.Type}
	return full
}

// nameable reports whether a cell can spell t: every named type in it is
// declared in the cells, predeclared, or exported by its package.
func nameable(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Basic, *types.TypeParam:
		return true
	case *types.Alias:
		return nameable(types.Unalias(t), seen)
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() != nil && obj.Pkg().Path() != "main" && !obj.Exported() {
			return false
		}
		if obj.Pkg() != nil && obj.Pkg().Path() == "main" && obj.Parent() != nil && obj.Parent() != obj.Pkg().Scope() {
			// A type declared in a function body is named only there.
			return false
		}
		for i := 0; i < t.TypeArgs().Len(); i++ {
			if !nameable(t.TypeArgs().At(i), seen) {
				return false
			}
		}
		return true
	case *types.Signature:
		return nameable(t.Params(), seen) && nameable(t.Results(), seen)
	case *types.Tuple:
		for i := 0; i < t.Len(); i++ {
			if !nameable(t.At(i).Type(), seen) {
				return false
			}
		}
		return true
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			f := t.Field(i)
			if !f.Exported() && f.Pkg() != nil && f.Pkg().Path() != "main" {
				return false
			}
			if !nameable(f.Type(), seen) {
				return false
			}
		}
		return true
	case *types.Interface:
		for i := 0; i < t.NumMethods(); i++ {
			m := t.Method(i)
			if !m.Exported() && m.Pkg() != nil && m.Pkg().Path() != "main" {
				return false
			}
			if !nameable(m.Type(), seen) {
				return false
			}
		}
		for i := 0; i < t.NumEmbeddeds(); i++ {
			if !nameable(t.EmbeddedType(i), seen) {
				return false
			}
		}
		return true
	default:
		parts := TypeParts(t)
		if parts == nil {
			return false
		}
		for _, part := range parts {
			if !nameable(part, seen) {
				return false
			}
		}
		return true
	}
}

// The interpreter also fails on generic functions that call generic
// functions with their own type parameters once instantiated with a
// defined type (Average[Celsius] calling Sum[N]), whichever way the inner
// call is written. So the generic functions a cell uses with concrete
// types are monomorphised: each instance becomes a plain function, a copy
// of the generic one with its type arguments put in its type parameters'
// places, under a name of its own, and the uses call the copy:
//
//	Average[Celsius](cs)  becomes  goconc_Average_2_1(cs)
//
// where goconc_Average_2_1 is Average with Celsius for N, and calls its
// own copy of Sum for Celsius. The cell is checked again with the copies,
// so that the rewrites after this one know their types; should that fail,
// the cell runs as written. Generic types and their methods stay generic:
// other rewrites spell values' types as the cell wrote them.

// Monomorphised is what Monomorphise makes of a cell.
type Monomorphised struct {
	Info     *types.Info // the cell checked again, with the copies
	Copies   []ast.Decl
	after    map[ast.Decl][]ast.Decl // copies of a generic function the cell declares
	earlier  []ast.Decl              // copies of generic functions of earlier cells
	Trailing ast.Expr                // the trailing expression, which may have been replaced
}

// Place puts the copies among the cell's declarations and statement
// chunks: at the end of the run of declarations that holds the function
// they copy, or of the first run for functions of earlier cells. The
// interpreter gives an instance of a generic type only the methods
// declared before its first use, so the copies come after the generic
// types' methods the cell declares with them.
func (mo *Monomorphised) Place(order []any) []any {
	out := make([]any, 0, len(order)+len(mo.Copies))
	pending := append([]ast.Decl(nil), mo.earlier...)
	for _, o := range order {
		if _, isChunk := o.(int); isChunk {
			for _, c := range pending {
				out = append(out, c)
			}
			pending = pending[:0]
		}
		out = append(out, o)
		if d, ok := o.(ast.Decl); ok {
			pending = append(pending, mo.after[d]...)
		}
	}
	for _, c := range pending {
		out = append(out, c)
	}
	return out
}

// instanceKey identifies an instance: the function and its type
// arguments, spelled in full.
type instanceKey struct {
	fn   *types.Func
	args string
}

// monomorpher collects the instances a cell needs.
type monomorpher struct {
	info    *types.Info
	qualify types.Qualifier
	cell    int
	generic map[*types.Func]*ast.FuncDecl // generic functions of the cells
	names   map[instanceKey]string
	work    []instance
}

type instance struct {
	decl *ast.FuncDecl
	args []types.Type
	name string
}

// Monomorphise replaces the cell's uses of generic functions with
// concrete copies and has the cell checked again with them by recheck.
// It returns nil, leaving the cell as it was, when there is nothing to do
// or the copies do not check.
func Monomorphise(cell int, fset *token.FileSet, info *types.Info, qualify types.Qualifier, recheck func(copies []ast.Decl) (*types.Info, bool),
	decls []ast.Decl, chunks [][]ast.Stmt, trailing ast.Expr) *Monomorphised {

	m := &monomorpher{info: info, qualify: qualify, cell: cell, generic: map[*types.Func]*ast.FuncDecl{}, names: map[instanceKey]string{}}
	for f := range info.FileVersions {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Type.TypeParams != nil && fd.Body != nil {
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
					m.generic[fn] = fd
				}
			}
		}
	}
	if len(m.generic) == 0 {
		return nil
	}
	var undo []func()
	restore := func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	for _, d := range decls {
		if fd, ok := d.(*ast.FuncDecl); ok && isGenericFunc(fd) {
			continue // copied where used
		}
		m.replaceUses(d, nil, &undo)
	}
	for _, c := range chunks {
		for _, s := range c {
			m.replaceUses(s, nil, &undo)
		}
	}
	out := &Monomorphised{after: map[ast.Decl][]ast.Decl{}, Trailing: trailing}
	if trailing != nil {
		out.Trailing = m.replaceUses(trailing, nil, &undo).(ast.Expr)
	}
	if len(m.work) == 0 {
		return nil
	}

	own := map[*ast.FuncDecl]bool{}
	for _, d := range decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			own[fd] = true
		}
	}
	// Copies may use further instances, which join the work list.
	for i := 0; i < len(m.work); i++ {
		inst := m.work[i]
		cp, ok := m.copyOf(fset, inst)
		if !ok {
			restore()
			return nil
		}
		out.Copies = append(out.Copies, cp)
		if own[inst.decl] {
			out.after[inst.decl] = append(out.after[inst.decl], cp)
		} else {
			out.earlier = append(out.earlier, cp)
		}
	}
	again, ok := recheck(out.Copies)
	if !ok {
		restore()
		return nil
	}
	out.Info = again
	return out
}

// isGenericFunc reports whether a function declaration has type
// parameters, its own or its receiver's.
func isGenericFunc(fd *ast.FuncDecl) bool {
	if fd.Type.TypeParams != nil {
		return true
	}
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return false
	}
	t := ast.Unparen(fd.Recv.List[0].Type)
	if star, ok := t.(*ast.StarExpr); ok {
		t = ast.Unparen(star.X)
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}

// replaceUses replaces, under root, each use of a generic function with
// the name of its copy for its type arguments and, with subst, each use
// of a type parameter with its argument. It returns root or what
// replaces it, and notes in undo how to put the syntax back.
func (m *monomorpher) replaceUses(root ast.Node, subst map[*types.TypeParam]types.Type, undo *[]func()) ast.Node {
	typeArg := func(id *ast.Ident) (types.Type, bool) {
		if subst == nil {
			return nil, false
		}
		tn, ok := m.info.Uses[id].(*types.TypeName)
		if !ok {
			return nil, false
		}
		tp, ok := tn.Type().(*types.TypeParam)
		if !ok {
			return nil, false
		}
		t, ok := subst[tp]
		return t, ok
	}
	var walk func(n ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		switch n := n.(type) {
		case *ast.Ident:
			if name, ok := m.copyName(n, subst); ok {
				return ast.NewIdent(name)
			}
			if t, ok := typeArg(n); ok {
				return ast.NewIdent(parenthesised(interpTypeString(t, m.qualify)))
			}
			return n
		case *ast.IndexExpr:
			if id, ok := n.X.(*ast.Ident); ok {
				if name, ok := m.copyName(id, subst); ok {
					return ast.NewIdent(name)
				}
			}
		case *ast.IndexListExpr:
			if id, ok := n.X.(*ast.Ident); ok {
				if name, ok := m.copyName(id, subst); ok {
					return ast.NewIdent(name)
				}
			}
		case *ast.CompositeLit:
			// T{...} for a type parameter T: a literal's type takes no
			// parentheses.
			if id, ok := n.Type.(*ast.Ident); ok {
				if t, ok := typeArg(id); ok {
					n.Type = ast.NewIdent(interpTypeString(t, m.qualify))
					*undo = append(*undo, func() { n.Type = id })
				}
			}
		}
		eachChild(n, func(child ast.Node) ast.Node {
			out := walk(child)
			if out != child {
				*undo = append(*undo, func() {
					eachChild(n, func(c ast.Node) ast.Node {
						if c == out {
							return child
						}
						return c
					})
				})
			}
			return out
		})
		return n
	}
	return walk(root)
}

// copyName returns the name of the copy of the generic function id uses,
// for its type arguments with subst applied, and notes the copy to make.
// It reports false when id uses no generic function of the cells, or
// when a type argument cannot be made concrete or spelled.
func (m *monomorpher) copyName(id *ast.Ident, subst map[*types.TypeParam]types.Type) (string, bool) {
	inst, ok := m.info.Instances[id]
	if !ok {
		return "", false
	}
	fn, ok := m.info.Uses[id].(*types.Func)
	if !ok {
		return "", false
	}
	decl, ok := m.generic[fn]
	if !ok {
		return "", false
	}
	args := make([]types.Type, inst.TypeArgs.Len())
	var spelled strings.Builder
	for i := range args {
		t, ok := substitute(inst.TypeArgs.At(i), subst)
		if !ok || !nameable(t, map[types.Type]bool{}) {
			return "", false
		}
		args[i] = t
		spelled.WriteString(types.TypeString(t, nil) + ";")
	}
	key := instanceKey{fn, spelled.String()}
	if name, ok := m.names[key]; ok {
		return name, true
	}
	name := fmt.Sprintf("goconc_%s_%d_%d", fn.Name(), m.cell, len(m.names)+1)
	m.names[key] = name
	m.work = append(m.work, instance{decl: decl, args: args, name: name})
	return name, true
}

// copyOf makes the concrete function for an instance: the generic
// declaration with its type parameters replaced, printed and read back so
// that the copy is syntax of its own. It reports false if the copy does
// not parse.
func (m *monomorpher) copyOf(fset *token.FileSet, inst instance) (ast.Decl, bool) {
	fd := inst.decl
	fn := m.info.Defs[fd.Name].(*types.Func)
	tparams := fn.Type().(*types.Signature).TypeParams()
	subst := map[*types.TypeParam]types.Type{}
	for i := 0; i < tparams.Len() && i < len(inst.args); i++ {
		subst[tparams.At(i)] = inst.args[i]
	}
	var undo []func()
	m.replaceUses(fd.Type, subst, &undo)
	m.replaceUses(fd.Body, subst, &undo)
	name, tps := fd.Name, fd.Type.TypeParams
	fd.Name, fd.Type.TypeParams = ast.NewIdent(inst.name), nil
	var text bytes.Buffer
	pos := fset.Position(fd.Pos())
	fmt.Fprintf(&text, "package main\n//line %s:%d:1\n", pos.Filename, max(pos.Line, 1))
	// SourcePos keeps each statement's line, for the reports of the
	// operations in it, where the printer lays the body out anew.
	// SourcePos keeps each statement's line, for the reports of the
	// operations in it, where the printer lays the body out anew (a
	// one-line body over several lines, blank lines dropped).
	var body bytes.Buffer
	err := (&printer.Config{Mode: printer.SourcePos | printer.UseSpaces | printer.TabIndent, Tabwidth: 8}).Fprint(&body, fset, fd)
	text.WriteString(cellLines(body.String(), fset.PositionFor(fd.Pos(), false), pos))
	fd.Name, fd.Type.TypeParams = name, tps
	for i := len(undo) - 1; i >= 0; i-- {
		undo[i]()
	}
	if err != nil {
		return nil, false
	}
	f, err := parser.ParseFile(fset, pos.Filename, text.String(), parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return nil, false
	}
	cp, ok := f.Decls[0].(*ast.FuncDecl)
	return cp, ok
}

// cellLines turns the line directives the printer writes, which give
// lines of the file as parsed (raw is a position in it), into lines of the
// cell, where the same position is at cell. It assumes no directive
// between the two.
func cellLines(printed string, raw, cell token.Position) string {
	prefix := "//line " + raw.Filename + ":"
	lines := strings.Split(printed, "\n")
	for i, l := range lines {
		n, err := strconv.Atoi(strings.TrimPrefix(l, prefix))
		if !strings.HasPrefix(l, prefix) || err != nil {
			continue
		}
		lines[i] = fmt.Sprintf("//line %s:%d", cell.Filename, max(n+cell.Line-raw.Line, 1))
	}
	return strings.Join(lines, "\n")
}

// parenthesised puts a type in parentheses where, written before an
// argument list as in a conversion, it would otherwise read differently:
// *T(x) is *(T(x)).
func parenthesised(t string) string {
	for _, prefix := range []string{"*", "<-", "chan", "func"} {
		if strings.HasPrefix(t, prefix) {
			return "(" + t + ")"
		}
	}
	return t
}

// substitute replaces the type parameters in t by their arguments. It
// reports false if t keeps a type parameter subst has no argument for,
// or has a form it does not rebuild.
func substitute(t types.Type, subst map[*types.TypeParam]types.Type) (types.Type, bool) {
	if !hasTypeParam(t, map[types.Type]bool{}) {
		return t, true
	}
	switch t := t.(type) {
	case *types.TypeParam:
		a, ok := subst[t]
		return a, ok
	case *types.Signature:
		params, ok1 := substituteTuple(t.Params(), subst)
		results, ok2 := substituteTuple(t.Results(), subst)
		return types.NewSignatureType(nil, nil, nil, params, results, t.Variadic()), ok1 && ok2
	case *types.Named:
		args := make([]types.Type, t.TypeArgs().Len())
		for i := range args {
			a, ok := substitute(t.TypeArgs().At(i), subst)
			if !ok {
				return nil, false
			}
			args[i] = a
		}
		inst, err := types.Instantiate(nil, t.Origin(), args, false)
		return inst, err == nil
	}
	parts := TypeParts(t)
	if parts == nil {
		return nil, false
	}
	all := true
	for i, part := range parts {
		sub, ok := substitute(part, subst)
		parts[i], all = sub, all && ok
	}
	return withParts(t, parts), all
}

func substituteTuple(t *types.Tuple, subst map[*types.TypeParam]types.Type) (*types.Tuple, bool) {
	vars := make([]*types.Var, t.Len())
	for i := range vars {
		v := t.At(i)
		typ, ok := substitute(v.Type(), subst)
		if !ok {
			return nil, false
		}
		vars[i] = types.NewParam(v.Pos(), v.Pkg(), v.Name(), typ)
	}
	return types.NewTuple(vars...), true
}

// hasTypeParam reports whether t mentions a type parameter.
func hasTypeParam(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.TypeParam:
		return true
	case *types.Signature:
		return hasTypeParam(t.Params(), seen) || hasTypeParam(t.Results(), seen)
	case *types.Tuple:
		for i := 0; i < t.Len(); i++ {
			if hasTypeParam(t.At(i).Type(), seen) {
				return true
			}
		}
	case *types.Named:
		for i := 0; i < t.TypeArgs().Len(); i++ {
			if hasTypeParam(t.TypeArgs().At(i), seen) {
				return true
			}
		}
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			if hasTypeParam(t.Field(i).Type(), seen) {
				return true
			}
		}
	case *types.Interface:
		for i := 0; i < t.NumMethods(); i++ {
			if hasTypeParam(t.Method(i).Type(), seen) {
				return true
			}
		}
		for i := 0; i < t.NumEmbeddeds(); i++ {
			if hasTypeParam(t.EmbeddedType(i), seen) {
				return true
			}
		}
	default:
		for _, part := range TypeParts(t) {
			if hasTypeParam(part, seen) {
				return true
			}
		}
	}
	return false
}
