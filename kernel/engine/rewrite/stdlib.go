package rewrite

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/scanner"
	"go/token"
	"go/types"
	"path"
	"strconv"
	"strings"

	"goconc/kernel/engine/internal/stdgeneric"
)

// The interpreter's symbol tables hold compiled functions, and a generic
// function cannot be compiled without its type arguments. So slices.Sort,
// maps.Keys, cmp.Compare and the other generic functions of slices, maps,
// cmp and sync are missing from them, and iter.Seq and atomic.Pointer[T]
// with them. Cells get their own versions: each use of such a function
// becomes a function literal made from the source in package stdgeneric
// for the use's type arguments, which go/types knows:
//
//	slices.Index(names, "bob")
//
// becomes
//
//	func(s []string, v string) int { for i := range s { ... }; return -1 }(names, "bob")
//
// The literal is printed on one line, so that the cell's lines keep their
// numbers. The types iter.Seq[V] and iter.Seq2[K, V] become the function
// types they stand for, and atomic.Pointer[T] a generic type the session
// declares.

// stdTemplates is the source of stdgeneric, parsed when first needed.
type stdTemplates struct {
	files map[string]*templateFile // by the standard package's import path
}

// templateFile is one file of stdgeneric: the source of each function,
// and the packages the functions use.
type templateFile struct {
	funcs   map[string]string // name to source of its declaration
	imports map[string]string // name in the file to import path
}

func (st *stdTemplates) file(importPath string) *templateFile {
	if f, ok := st.files[importPath]; ok {
		return f
	}
	if st.files == nil {
		st.files = map[string]*templateFile{}
	}
	st.files[importPath] = nil
	name, ok := stdgeneric.File(importPath)
	if !ok {
		return nil
	}
	src, err := stdgeneric.Source.ReadFile(name)
	if err != nil {
		return nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	tf := &templateFile{funcs: map[string]string{}, imports: map[string]string{}}
	for _, spec := range f.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		tf.imports[path.Base(p)] = p
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.IsExported() {
			tf.funcs[fd.Name.Name] = string(src[fset.Position(fd.Pos()).Offset:fset.Position(fd.End()).Offset])
		}
	}
	st.files[importPath] = tf
	return tf
}

// stdGenericUses replaces, under root, the uses of the standard library's
// generic functions and the type expressions that name iter.Seq,
// iter.Seq2 or atomic.Pointer. It returns root, or what replaces it.
func (rw *rewriter) stdGenericUses(root ast.Node) ast.Node {
	if e, ok := root.(ast.Expr); ok {
		if r := rw.stdGenericExpr(e); r != nil {
			return r
		}
	}
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		eachChild(n, func(child ast.Node) ast.Node {
			// A function literal's or declaration's type stays a
			// FuncType, whose parts are replaced instead.
			if _, sig := child.(*ast.FuncType); !sig {
				if e, ok := child.(ast.Expr); ok {
					if r := rw.stdGenericExpr(e); r != nil {
						return r
					}
				}
			}
			walk(child)
			return child
		})
	}
	walk(root)
	return root
}

// stdGenericExpr returns what replaces e, or nil.
func (rw *rewriter) stdGenericExpr(e ast.Expr) ast.Expr {
	if tv, ok := rw.info.Types[e]; ok && tv.IsType() {
		if interpType(tv.Type) != tv.Type {
			return rw.typeExpr(tv.Type)
		}
		return nil
	}
	fun := e
	switch ix := e.(type) {
	case *ast.IndexExpr:
		fun = ix.X
	case *ast.IndexListExpr:
		fun = ix.X
	}
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if pkg, ok := ast.Unparen(sel.X).(*ast.Ident); !ok {
		return nil
	} else if _, ok := rw.info.Uses[pkg].(*types.PkgName); !ok {
		return nil
	}
	fn, ok := rw.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return nil
	}
	if fn.Pkg().Path() == "sync" && fn.Name() == "OnceFunc" {
		// Not generic, but its panics must be raised by interpreted code.
	} else if _, generic := rw.info.Instances[sel.Sel]; !generic {
		return nil
	}
	src, err := rw.instantiateStd(fn, rw.info.Instances[sel.Sel].TypeArgs)
	if err != nil || src == "" {
		return nil
	}
	return ast.NewIdent(src)
}

// instantiateStd returns the source of a function literal that does what
// fn does for the type arguments, or "" when there is none.
func (rw *rewriter) instantiateStd(fn *types.Func, targs *types.TypeList) (string, error) {
	if rw.std == nil {
		rw.std = &stdTemplates{}
	}
	tf := rw.std.file(fn.Pkg().Path())
	if tf == nil {
		return "", nil
	}
	src, ok := tf.funcs[fn.Name()]
	if !ok {
		return "", nil
	}
	if fast := rw.fastSort(fn, targs); fast != "" {
		return fast, nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p\n"+src, parser.SkipObjectResolution)
	if err != nil {
		return "", fmt.Errorf("parsing %s.%s: %w", fn.Pkg().Path(), fn.Name(), err)
	}
	decl := f.Decls[0].(*ast.FuncDecl)

	// The type parameters, in order, become the type arguments.
	args := map[string]string{}
	if decl.Type.TypeParams != nil {
		i := 0
		for _, field := range decl.Type.TypeParams.List {
			for _, id := range field.Names {
				if targs == nil || i >= targs.Len() {
					return "", fmt.Errorf("%s.%s: too few type arguments", fn.Pkg().Path(), fn.Name())
				}
				args[id.Name] = rw.typeString(targs.At(i))
				i++
			}
		}
	}
	// Packages the body uses are imported under hidden names.
	pkgs := map[string]string{}
	for name, p := range tf.imports {
		pkgs[name] = rw.qualify(types.NewPackage(p, name))
	}

	var subst func(n ast.Node) ast.Node
	subst = func(n ast.Node) ast.Node {
		switch n := n.(type) {
		case *ast.Ident:
			if t, ok := args[n.Name]; ok {
				return ast.NewIdent(t)
			}
			return n
		case *ast.IndexExpr, *ast.IndexListExpr:
			if ft := iterFuncType(n.(ast.Expr)); ft != nil {
				return subst(ft)
			}
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok {
				if name, ok := pkgs[id.Name]; ok {
					return &ast.SelectorExpr{X: ast.NewIdent(name), Sel: n.Sel}
				}
			}
			n.X = subst(n.X).(ast.Expr)
			return n
		}
		eachChild(n, subst)
		return n
	}
	lit := &ast.FuncLit{Type: decl.Type, Body: decl.Body}
	lit.Type.TypeParams = nil
	subst(lit)
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, lit); err != nil {
		return "", err
	}
	return oneLine(b.Bytes()), nil
}

// fastSort returns, for slices.Sort of ints, float64s or strings, the
// compiled sort function that sorts them the same way.
func (rw *rewriter) fastSort(fn *types.Func, targs *types.TypeList) string {
	if fn.Pkg().Path() != "slices" || fn.Name() != "Sort" || targs.Len() != 2 {
		return ""
	}
	var name string
	switch targs.At(1) {
	case types.Typ[types.Int]:
		name = "Ints"
	case types.Typ[types.Float64]:
		name = "Float64s"
	case types.Typ[types.String]:
		name = "Strings"
	default:
		return ""
	}
	return rw.qualify(types.NewPackage("sort", "sort")) + "." + name
}

// iterFuncType returns the function type that iter.Seq[V] or
// iter.Seq2[K, V], as written in stdgeneric's source, stands for.
func iterFuncType(e ast.Expr) ast.Expr {
	var x ast.Expr
	var indices []ast.Expr
	switch ix := e.(type) {
	case *ast.IndexExpr:
		x, indices = ix.X, []ast.Expr{ix.Index}
	case *ast.IndexListExpr:
		x, indices = ix.X, ix.Indices
	}
	sel, ok := x.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "iter" {
		return nil
	}
	if sel.Sel.Name != "Seq" && sel.Sel.Name != "Seq2" {
		return nil
	}
	params := make([]*ast.Field, len(indices))
	for i, t := range indices {
		params[i] = &ast.Field{Type: t}
	}
	yield := &ast.FuncType{
		Params:  &ast.FieldList{List: params},
		Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("bool")}}},
	}
	return &ast.FuncType{Params: &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{ast.NewIdent("yield")}, Type: yield}}}}
}

// oneLine returns Go source on one line: the semicolons that line breaks
// stand for are written out, and comments dropped.
func oneLine(src []byte) string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(src)), src, nil, 0)
	var b strings.Builder
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		switch {
		case tok == token.SEMICOLON:
			b.WriteByte(';')
		case lit != "":
			b.WriteString(lit)
		default:
			b.WriteString(tok.String())
		}
	}
	return strings.TrimSuffix(b.String(), " ;")
}

// typeString prints t as cells write it for the interpreter: iter.Seq and
// iter.Seq2 as the function types they stand for, and atomic.Pointer[T]
// as the session's own generic type.
func (rw *rewriter) typeString(t types.Type) string {
	return interpTypeString(t, rw.qualify)
}

func interpTypeString(t types.Type, q types.Qualifier) string {
	return types.TypeString(interpType(t), q)
}

// interpType returns t with the standard library's generic types the
// interpreter lacks replaced; t itself when it has none.
func interpType(t types.Type) types.Type {
	switch t := t.(type) {
	case *types.Alias:
		if u := interpType(types.Unalias(t)); u != types.Unalias(t) {
			return u
		}
		return t
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() != nil && t.TypeArgs().Len() > 0 {
			switch obj.Pkg().Path() + "." + obj.Name() {
			case "iter.Seq", "iter.Seq2":
				return interpType(t.Underlying())
			case "sync/atomic.Pointer":
				return atomicPointerType(interpType(t.TypeArgs().At(0)))
			}
		}
		if t.TypeArgs().Len() == 0 {
			return t
		}
		args := make([]types.Type, t.TypeArgs().Len())
		changed := false
		for i := range args {
			args[i] = interpType(t.TypeArgs().At(i))
			changed = changed || args[i] != t.TypeArgs().At(i)
		}
		if !changed {
			return t
		}
		inst, err := types.Instantiate(nil, t.Origin(), args, false)
		if err != nil {
			return t
		}
		return inst
	case *types.Tuple:
		if t == nil {
			return t
		}
		vars := make([]*types.Var, t.Len())
		changed := false
		for i := range vars {
			v := t.At(i)
			nt := interpType(v.Type())
			changed = changed || nt != v.Type()
			vars[i] = types.NewParam(v.Pos(), v.Pkg(), v.Name(), nt)
		}
		if changed {
			return types.NewTuple(vars...)
		}
	case *types.Signature:
		params, _ := interpType(t.Params()).(*types.Tuple)
		results, _ := interpType(t.Results()).(*types.Tuple)
		if params != t.Params() || results != t.Results() {
			return types.NewSignatureType(nil, nil, nil, params, results, t.Variadic())
		}
	case *types.Struct:
		fields := make([]*types.Var, t.NumFields())
		tags := make([]string, t.NumFields())
		changed := false
		for i := range fields {
			f := t.Field(i)
			nt := interpType(f.Type())
			changed = changed || nt != f.Type()
			fields[i] = types.NewField(f.Pos(), f.Pkg(), f.Name(), nt, f.Embedded())
			tags[i] = t.Tag(i)
		}
		if changed {
			return types.NewStruct(fields, tags)
		}
	case *types.Map:
		if k := compiledKeyType(t.Key()); k != nil {
			return types.NewMap(k, interpType(t.Elem())) // compiledkeys.go
		}
		if key, elem := interpType(t.Key()), interpType(t.Elem()); key != t.Key() || elem != t.Elem() {
			return types.NewMap(key, elem)
		}
	default:
		parts := TypeParts(t)
		changed := false
		for i, part := range parts {
			parts[i] = interpType(part)
			changed = changed || parts[i] != part
		}
		if changed {
			return withParts(t, parts)
		}
	}
	return t
}

// atomicPointerType is goconc_AtomicPointer[elem].
func atomicPointerType(elem types.Type) types.Type {
	main := types.NewPackage("main", "main")
	obj := types.NewTypeName(token.NoPos, main, atomicPointerName, nil)
	named := types.NewNamed(obj, types.NewStruct(nil, nil), nil)
	tp := types.NewTypeParam(types.NewTypeName(token.NoPos, main, "T", nil), types.NewInterfaceType(nil, nil))
	named.SetTypeParams([]*types.TypeParam{tp})
	inst, err := types.Instantiate(nil, named, []types.Type{elem}, false)
	if err != nil {
		return named
	}
	return inst
}

const atomicPointerName = "goconc_AtomicPointer"

// atomicPointerSource declares atomic.Pointer[T] for cells. A mutex
// rather than an atomic.Value holds the pointer: the interpreter cannot
// assert an interface to *T for a struct type T in a generic method. The
// operations are as atomic to the goroutines that use them.
const atomicPointerSource = `import goconc_sync "sync"

type goconc_AtomicPointer[T any] struct {
	_  [0]*T
	mu goconc_sync.Mutex
	p  *T
}

func (x *goconc_AtomicPointer[T]) Load() *T {
	x.mu.Lock()
	p := x.p
	x.mu.Unlock()
	return p
}

func (x *goconc_AtomicPointer[T]) Store(val *T) {
	x.mu.Lock()
	x.p = val
	x.mu.Unlock()
}

func (x *goconc_AtomicPointer[T]) Swap(val *T) (old *T) {
	x.mu.Lock()
	old, x.p = x.p, val
	x.mu.Unlock()
	return old
}

func (x *goconc_AtomicPointer[T]) CompareAndSwap(old, val *T) (swapped bool) {
	x.mu.Lock()
	swapped = x.p == old
	if swapped {
		x.p = val
	}
	x.mu.Unlock()
	return swapped
}
`
