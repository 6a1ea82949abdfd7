package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// The interpreter builds the run-time types of a cell's defined types from
// their underlying types, with no name: fmt's %T prints uint8 for a
// "type Small uint8" and struct { X int } for a struct type. A %T whose
// argument has a concrete static type prints that type, known before the
// cell runs; so such a verb becomes %s and its argument the type's name,
// spelled as the reflect package spells it:
//
//	fmt.Printf("%T:%d ", i, i)
//
// becomes
//
//	fmt.Printf("%s:%d ", "main.Small", i)
//
// An argument that is not a plain operand is still evaluated, through a
// function literal that returns the name. Only types that involve a type
// the cells declare are rewritten; the interpreter prints the others
// right. (reflectTypeString is in methods.go.)

// constantFormat returns the format of a call of fmt's or log's
// formatting functions when it is a constant, with where the format and
// its first argument stand in the call's arguments.
func (rw *rewriter) constantFormat(call *ast.CallExpr) (format string, pos [2]int, ok bool) {
	name, ok := rw.printerOf(call)
	if !ok || call.Ellipsis.IsValid() {
		return "", pos, false
	}
	pos = fmtPrinters[name]
	if pos[0] < 0 || pos[0] >= len(call.Args) {
		return "", pos, false
	}
	tv, ok := rw.info.Types[call.Args[pos[0]]]
	if !ok || tv.Value == nil {
		return "", pos, false
	}
	format, err := strconv.Unquote(tv.Value.ExactString())
	if err != nil {
		return "", pos, false
	}
	return format, pos, true
}

// typeVerbs rewrites, in place, the %T verbs of a call of fmt's or log's
// formatting functions whose format is a constant.
func (rw *rewriter) typeVerbs(call *ast.CallExpr) {
	format, pos, ok := rw.constantFormat(call)
	if !ok {
		return
	}
	verbs := scanVerbs(format)
	uses := map[int]int{} // argument to the number of verbs it is for
	for _, v := range verbs {
		uses[v.arg]++
	}
	var out strings.Builder
	last := 0
	for _, v := range verbs {
		i := pos[1] + v.arg
		if v.verb != 'T' || uses[v.arg] != 1 || i >= len(call.Args) {
			continue
		}
		arg := call.Args[i]
		at, ok := rw.info.Types[arg]
		if !ok || at.Type == nil || isTuple(at.Type) {
			continue
		}
		if types.IsInterface(at.Type) {
			name := rw.dynamicTypeName(arg)
			if name == nil {
				continue
			}
			call.Args[i] = name
			out.WriteString(format[last:v.at])
			out.WriteByte('s')
			last = v.at + 1
			continue
		}
		t := at.Type
		if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			t = types.Default(t)
		}
		if !involvesCellType(t) {
			continue
		}
		lit := &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(reflectTypeString(t))}
		if rw.pureOperand(arg) {
			call.Args[i] = lit
		} else {
			call.Args[i] = &ast.CallExpr{
				Fun: &ast.FuncLit{
					Type: &ast.FuncType{
						Params:  &ast.FieldList{List: []*ast.Field{{Names: []*ast.Ident{ast.NewIdent("_")}, Type: ast.NewIdent("any")}}},
						Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("string")}}},
					},
					Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{lit}}}},
				},
				Args: []ast.Expr{arg},
			}
		}
		out.WriteString(format[last:v.at])
		out.WriteByte('s')
		last = v.at + 1
	}
	if last == 0 {
		return
	}
	out.WriteString(format[last:])
	call.Args[pos[0]] = &ast.BasicLit{ValuePos: call.Args[pos[0]].Pos(), Kind: token.STRING, Value: strconv.Quote(out.String())}
}

// formatVerb is a verb of a format string: its letter, the byte offset
// of the letter and the index of the argument it formats.
type formatVerb struct {
	verb  rune
	at    int
	arg   int
	flags string
}

// scanVerbs lists the verbs of a format string as fmt reads them: flags,
// argument indexes, widths and precisions (a * takes an argument), then
// the verb. %% takes no argument and is left out.
func scanVerbs(format string) []formatVerb {
	var verbs []formatVerb
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		flagsAt := i
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		flags := format[flagsAt:i]
		argIndex := func() {
			if i < len(format) && format[i] == '[' {
				end := strings.IndexByte(format[i:], ']')
				if end < 0 {
					return
				}
				if n, err := strconv.Atoi(format[i+1 : i+end]); err == nil && n > 0 {
					arg = n - 1
				}
				i += end + 1
			}
		}
		number := func() {
			argIndex()
			if i < len(format) && format[i] == '*' {
				verbs = append(verbs, formatVerb{verb: '*', at: i, arg: arg})
				arg++
				i++
				return
			}
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				i++
			}
		}
		number()
		if i < len(format) && format[i] == '.' {
			i++
			number()
		}
		argIndex()
		if i >= len(format) {
			break
		}
		if format[i] == '%' {
			continue
		}
		verbs = append(verbs, formatVerb{verb: rune(format[i]), at: i, arg: arg, flags: flags})
		arg++
	}
	return verbs
}

// pureOperand reports whether evaluating e has no effect and cannot
// panic, so that it need not be evaluated at all.
func (rw *rewriter) pureOperand(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		if s, ok := rw.info.Selections[e]; ok && s.Indirect() {
			return false // through a pointer, which may be nil
		}
		_, isIdent := ast.Unparen(e.X).(*ast.Ident)
		return isIdent
	}
	return false
}

// involvesCellType reports whether t is or is built from a type the
// cells declare.
func involvesCellType(t types.Type) bool {
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		if t.Obj().Pkg() != nil && t.Obj().Pkg().Path() == "main" {
			return true
		}
		for i := range t.TypeArgs().Len() {
			if involvesCellType(t.TypeArgs().At(i)) {
				return true
			}
		}
	case interface{ Elem() types.Type }: // pointer, slice, array, map, chan
		if m, ok := t.(*types.Map); ok && (involvesCellType(m.Key()) || compiledKeyType(m.Key()) != nil) {
			return true // a map keyed by error is keyed by a cell's interface (compiledkeys.go)
		}
		return involvesCellType(t.Elem())
	case *types.Struct:
		for i := range t.NumFields() {
			if involvesCellType(t.Field(i).Type()) {
				return true
			}
		}
	case *types.Signature:
		for _, tuple := range []*types.Tuple{t.Params(), t.Results()} {
			for i := range tuple.Len() {
				if involvesCellType(tuple.At(i).Type()) {
					return true
				}
			}
		}
	}
	return false
}

// dynamicTypeName returns an expression that names the dynamic type of
// arg, of an interface type, as %T would: a type switch over the cells'
// types visible at arg, and goconc_rt.TypeName for the rest, which also
// names boxed values (namedbasic.go). It returns nil when arg's
// scope is not known.
func (rw *rewriter) dynamicTypeName(arg ast.Expr) ast.Expr {
	fn := rw.typeNameFunc(arg.Pos())
	if fn == "" {
		return nil
	}
	return &ast.CallExpr{Fun: ast.NewIdent(fn), Args: []ast.Expr{arg}}
}

// typeNameFunc returns the source of a function of one any that names
// its dynamic type as %T would, for a value at pos (see dynamicTypeName),
// or "" when pos's scope is not known.
func (rw *rewriter) typeNameFunc(pos token.Pos) string {
	scope := rw.scopeAt(pos)
	if scope == nil {
		return ""
	}
	// Struct types are told apart by assertions, which compare run-time
	// types, made distinct by tags (structtags.go); the switch
	// knows the other types when they have methods.
	var asserts, cases strings.Builder
	for _, tn := range rw.visibleTypes(scope, pos) {
		if types.IsInterface(tn.Type()) {
			continue
		}
		if _, ok := boxedType(tn.Type()); ok {
			// In a box that TypeName reads (namedbasic.go); a
			// case would match values of the underlying type.
			continue
		}
		_, isStruct := tn.Type().Underlying().(*types.Struct)
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if isStruct {
				fmt.Fprintf(&asserts, "if _, ok := x.(%s); ok { return %q }; ", rw.typeString(t), reflectTypeString(t))
			} else {
				fmt.Fprintf(&cases, "case %s: return %q; ", rw.typeString(t), reflectTypeString(t))
			}
		}
	}
	if asserts.Len()+cases.Len() == 0 {
		return runtimeName + ".TypeName"
	}
	// A value in the interpreter's wrapper of a compiled interface
	// (error, fmt.Stringer) is asserted as the cell's value it holds.
	return fmt.Sprintf("func(x any) string { name := %[3]s.TypeName(x); if name == \"<nil>\" { return name }; x = %[4]s(x); %[1]sswitch x.(type) { %[2]s}; return name }",
		asserts.String(), cases.String(), runtimeName, concreteFunc)
}

// typeOfString rewrites reflect.TypeOf(x).String(), x of an interface
// type, in place into goconc_rt.TypeString(x), which names boxed values
// (namedbasic.go) and the engine's runtime errors as Go does.
func (rw *rewriter) typeOfString(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "String" || len(call.Args) != 0 {
		return
	}
	inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
	if !ok || len(inner.Args) != 1 {
		return
	}
	isel, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	fn, ok := rw.info.Uses[isel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "reflect" || fn.Name() != "TypeOf" || len(inner.Args) != 1 {
		return
	}
	arg := inner.Args[0]
	if c, ok := arg.(*ast.CallExpr); ok && len(c.Args) == 1 && isRtCall(c, "Unboxed") {
		arg = c.Args[0] // TypeString names boxed values itself
	}
	if !isInterfaceType(rw.info.TypeOf(arg)) {
		return
	}
	call.Fun = &ast.SelectorExpr{X: ast.NewIdent(runtimeName), Sel: ast.NewIdent("TypeString")}
	call.Args = []ast.Expr{arg}
}

// isRtCall reports whether call calls goconc_rt's function name.
func isRtCall(call *ast.CallExpr, name string) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && x.Name == runtimeName
}
