package rewrite

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// A value of a cell type held in an error variable reaches fmt without
// the Error method of a value receiver, and passing the variable to a
// function whose parameter is an error makes the interpreter panic. A
// value held in an interface a cell declares (var s Shape = Circle{1})
// reaches fmt without its String method. And a value that came to a
// function through an any parameter carries the interpreter's record of
// the expression it was made from in the caller, which the interpreter
// evaluates again in the callee's frame to give fmt its methods: fmt
// gets another variable's value, nil, or panics.
//
// So such an argument, of an error type, an interface a cell declares or
// any, is passed as an any to a function that finds the cell's types
// with methods fmt calls and converts the concrete value as its static
// type would be converted (methods.go); values of other types go on as
// they are, which loses nothing: their types have no methods fmt calls,
// or they are compiled types.
//
//	func describe(x any) string { return fmt.Sprint(x) }
//
// becomes
//
//	func describe(x any) string { return fmt.Sprint(goconc_fmtdyn1_0(x)) }
//	func goconc_fmtdyn1_0(v any) any {
//		c := goconc_concrete(v)
//		if x, ok := c.(Circle); ok {
//			return goconc_fmt1_0(x)
//		}
//		...
//		return v
//	}

// dynamic returns the name of the function converting values held in an
// interface of type iface, declaring it first if needed. It reports
// false when no package-level type of the cells needs converting.
func (c *fmtConversions) dynamic(iface types.Type) (string, bool) {
	for i, done := range c.dyn {
		if types.Identical(done, iface) {
			// One being made will be declared: the case whose
			// conversion asks for it is made.
			return c.dynName(i), c.dynDecl[i] || c.dynBusy[i]
		}
	}
	i := len(c.dyn)
	c.dyn = append(c.dyn, iface)
	c.dynDecl = append(c.dynDecl, false)
	c.dynBusy = append(c.dynBusy, true)
	defer func() { c.dynBusy[i] = false }()
	scope := c.rw.mainPackageScope()
	it, ok := iface.Underlying().(*types.Interface)
	if scope == nil || !ok {
		return "", false
	}
	// Struct types are told apart by assertions, which compare run-time
	// types, made distinct by tags (structtags.go); the interpreter's
	// type switch misses a struct value that came in an interface a
	// cell declares. Other types go to a switch without a variable,
	// which knows them by their methods, where an assertion (and a
	// switch with a variable) would take a plain int for a
	// "type Cents int"; the value is asserted once the type is known.
	//
	// A value that was in the interpreter's wrapper of a compiled
	// interface comes out of it as its underlying value, which neither
	// knows: goconc_rt.TypeName names its type (goconc_typename, see
	// selfMethods), and the underlying value is converted back to it.
	var asserts, cases, named []string
	for _, tn := range c.rw.visibleTypes(scope, token.NoPos) {
		if types.IsInterface(tn.Type()) {
			continue
		}
		if _, boxed := boxedType(tn.Type()); boxed {
			// In its box in an interface (namedbasic.go). A case would
			// be the underlying type's to the interpreter: for type PC
			// *Celsius, the same as *Celsius's, a duplicate case.
			continue
		}
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if !types.Implements(t, it) || !c.needs(t) {
				continue
			}
			ts := types.TypeString(t, c.rw.qualify)
			if isStruct(tn.Type()) {
				asserts = append(asserts, fmt.Sprintf("if x, ok := c.(%s); ok {\nreturn %s\n}", ts, c.value("x", t)))
				continue
			}
			cases = append(cases, fmt.Sprintf("case %[1]s:\nx, _ := c.(%[1]s)\nreturn %[2]s", ts, c.value("x", t)))
			if _, self := selfReceiver(tn.Type()); self {
				// A pointer (var s fmt.Stringer = &c) comes out as a
				// pointer to the underlying type.
				under := types.TypeString(tn.Type().Underlying(), c.rw.qualify)
				if t != tn.Type() {
					under = "*" + under
				}
				named = append(named, fmt.Sprintf("case %q:\nif u, ok := c.(%s); ok {\nx := (%s)(u)\nreturn %s\n}", reflectTypeString(t), under, ts, c.value("x", t)))
			}
		}
	}
	if len(named) > 0 {
		asserts = append(asserts, fmt.Sprintf("if _, wrapped := %s.Concrete(v); wrapped {\nswitch %s.TypeName(v) {\n%s\n}\n}", runtimeName, runtimeName, strings.Join(named, "\n")))
	}
	if it.Empty() {
		for _, t := range c.composites(scope) {
			if box, ok := c.rw.boxOf(t); ok {
				// In an interface it is in its box (compositebox.go).
				asserts = append(asserts, fmt.Sprintf("if n, ok := c.(%s.Named); ok {\nif b, ok := n.V.(%s); ok {\nx := b.V\nreturn %s\n}\n}", runtimeName, box, c.value("x", t)))
				continue
			}
			asserts = append(asserts, fmt.Sprintf("if x, ok := c.(%s); ok {\nreturn %s\n}", c.rw.typeString(t), c.value("x", t)))
		}
	}
	if len(asserts)+len(cases) == 0 {
		return "", false
	}
	name := c.dynName(i)
	// The value may come in the interpreter's error wrapper (a function's
	// result), which goconc_concrete opens.
	// A nil interface of a cell comes as a record the assertions panic on.
	src := fmt.Sprintf("func %s(v any) any {\nif v == nil {\nreturn nil\n}\nc := %s(v)\n%s\n", name, concreteFunc, strings.Join(asserts, "\n"))
	if len(cases) > 0 {
		src += fmt.Sprintf("switch c.(type) {\n%s\n}\n", strings.Join(cases, "\n"))
	}
	src += fmt.Sprintf("return %s.FmtOpen(v)\n}", runtimeName)
	f, err := parser.ParseFile(c.rw.fset, "", "package p\n"+src, parser.SkipObjectResolution)
	if err != nil {
		// Conversions made meanwhile may call it.
		f, _ = parser.ParseFile(c.rw.fset, "", "package p\nfunc "+name+"(v any) any { return v }", parser.SkipObjectResolution)
	}
	c.decls = append(c.decls, f.Decls[0])
	c.dynDecl[i] = true
	return name, true
}

// implemented reports whether a package-level type of the cells, or a
// pointer to one, implements the interface type t.
func (c *fmtConversions) implemented(t types.Type) bool {
	it, ok := t.Underlying().(*types.Interface)
	scope := c.rw.mainPackageScope()
	if !ok || scope == nil {
		return false
	}
	for _, tn := range c.rw.visibleTypes(scope, token.NoPos) {
		if !types.IsInterface(tn.Type()) && (types.Implements(tn.Type(), it) || types.Implements(types.NewPointer(tn.Type()), it)) {
			return true
		}
	}
	return false
}

func (c *fmtConversions) dynName(i int) string {
	return fmt.Sprintf("goconc_fmtdyn%d_%d", c.rw.cell, i)
}

// dynamicArg converts arg, of interface type t, as dynamic does, and
// returns it unchanged when there is nothing to convert.
func (c *fmtConversions) dynamicArg(arg ast.Expr, t types.Type) ast.Expr {
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return arg
	}
	if !convertsDynamically(t) {
		return arg
	}
	name, ok := c.dynamic(t)
	if !ok {
		if !isEmptyInterface(t) && !isCellInterface(t) && !c.implemented(t) {
			return arg // no cell type implements it
		}
		// No cell type needs converting, but a composite in the
		// interface may hold the interpreter's records of interface
		// values ([]Shape), and a compiled interface's wrapper the
		// value to print.
		name = runtimeName + ".FmtOpen"
	}
	conv := &ast.CallExpr{Fun: ast.NewIdent(name), Args: []ast.Expr{arg}}
	// Of arg's type to the rewrites that follow (fieldverbs.go).
	c.rw.info.Types[conv] = c.rw.info.Types[arg]
	return conv
}

// convertsDynamically reports whether values of t, an interface type,
// go through dynamic's function: all do (errors, interfaces cells
// declare, any, compiled interfaces), as the interpreter's wrapper of a
// compiled interface shows fmt only that interface's methods: %d of a
// fmt.Stringer would print the wrapper's fields.
func convertsDynamically(t types.Type) bool {
	return types.IsInterface(t)
}

// isCellInterface reports whether t is an interface type a cell declares.
func isCellInterface(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && types.IsInterface(n) && isCellType(n)
}

// fmtSpread converts, as dynamicArg does, the elements of a []any whose
// elements a printer prints, passed with ... (func logf(vs ...any) {
// fmt.Println(vs...) }): they hold the interpreter's records of the
// caller's expressions too. Elements printed with %T, %p or %w stay as
// they are, and so does the slice of fmt.Errorf with a format unknown
// until run time.
func (rw *rewriter) fmtSpread(call *ast.CallExpr, pos [2]int) {
	last := len(call.Args) - 1
	if last != pos[1] {
		return
	}
	var keep, typed []string
	var format *ast.BasicLit // the constant format, its %T verbs made %s
	if pos[0] >= 0 {
		tv := rw.info.Types[call.Args[pos[0]]]
		if tv.Value == nil {
			if name, _ := rw.printerOf(call); name == "fmt.Errorf" {
				return
			}
		} else {
			f, _ := strconv.Unquote(tv.Value.ExactString())
			for i, verbs := range formatVerbs(f) {
				for _, v := range verbs {
					if v == 'p' || v == 'w' {
						keep = append(keep, strconv.Itoa(i))
						break
					}
				}
			}
			// An element printed with %T alone gets its type's name,
			// which the interpreter's record of the caller's expression
			// hides (interp.valueInterface).
			uses := map[int]int{}
			verbs := scanVerbs(f)
			for _, v := range verbs {
				uses[v.arg]++
			}
			b := []byte(f)
			for _, v := range verbs {
				if v.verb == 'T' && uses[v.arg] == 1 {
					b[v.at] = 's'
					typed = append(typed, strconv.Itoa(v.arg))
				}
			}
			if len(typed) > 0 {
				format = &ast.BasicLit{ValuePos: call.Args[pos[0]].Pos(), Kind: token.STRING, Value: strconv.Quote(string(b))}
			}
		}
	}
	t := rw.info.Types[call.Args[last]].Type
	if t == nil {
		return
	}
	s, ok := t.Underlying().(*types.Slice)
	if !ok || !isEmptyInterface(s.Elem()) {
		return
	}
	name, ok := rw.fmtConversions().dynamic(s.Elem())
	typeName := ""
	if format != nil {
		typeName = rw.typeNameFunc(call.Pos())
	}
	if !ok {
		name = runtimeName + ".FmtOpen"
	}
	skip := ""
	if typeName != "" {
		slices.Sort(typed)
		skip = fmt.Sprintf("switch i { case %s: ys[i] = %s(xs[i]); continue }; ", strings.Join(typed, ", "), typeName)
		call.Args[pos[0]] = format
	}
	if len(keep) > 0 {
		slices.Sort(keep)
		skip += fmt.Sprintf("switch i { case %s: ys[i] = xs[i]; continue }; ", strings.Join(keep, ", "))
	}
	conv := fmt.Sprintf("func(xs []any) []any { if xs == nil { return nil }; ys := make([]any, len(xs)); for i := range xs { %sys[i] = %s(xs[i]) }; return ys }", skip, name)
	call.Args[last] = &ast.CallExpr{Fun: ast.NewIdent(conv), Args: []ast.Expr{call.Args[last]}}
}

// composites lists the slice, array and map types the cell's expressions
// have that need converting and hold no cell types but package-level
// struct and interface types and any ([]Circle, map[string]*Circle, []Shape, []any),
// which an any may hold: assertions tell those apart, not slices of a
// "type Cents int" and an int. A []Shape and a []Named are alike to an
// assertion: the first listed converts both, which differs only where an
// element's type has String but not the first interface's methods.
func (c *fmtConversions) composites(scope *types.Scope) []types.Type {
	var plain func(t types.Type) bool
	plain = func(t types.Type) bool {
		switch t := types.Unalias(t).(type) {
		case *types.Basic:
			return true
		case *types.Interface:
			// []any and map[string]any, whose elements are
			// converted as an any is.
			return t.Empty()
		case *types.Named:
			obj := t.Obj()
			if obj.Pkg() == nil {
				return true // error
			}
			if obj.Pkg().Path() != "main" {
				return !types.IsInterface(t) && t.TypeArgs().Len() == 0
			}
			return (isStruct(t) || types.IsInterface(t)) && t.TypeArgs().Len() == 0 && t.TypeParams().Len() == 0 && scope.Lookup(obj.Name()) == obj
		case *types.Pointer:
			return plain(t.Elem())
		case *types.Slice:
			return plain(t.Elem())
		case *types.Array:
			return plain(t.Elem())
		case *types.Map:
			return plain(t.Key()) && plain(t.Elem())
		}
		return false
	}
	seen := map[string]types.Type{}
	// Slices of the package's struct types, which later cells may make,
	// and the composites this cell makes.
	for _, tn := range c.rw.visibleTypes(scope, token.NoPos) {
		if !isStruct(tn.Type()) || !plain(tn.Type()) {
			continue
		}
		for _, t := range []types.Type{types.NewSlice(tn.Type()), types.NewSlice(types.NewPointer(tn.Type()))} {
			if c.needs(t) {
				seen[types.TypeString(t, c.rw.qualify)] = t
			}
		}
	}
	for _, tv := range c.rw.info.Types {
		switch tv.Type.(type) {
		case *types.Slice, *types.Array, *types.Map:
		default:
			continue
		}
		if !tv.IsValue() || !plain(tv.Type) || !c.needs(tv.Type) {
			continue
		}
		seen[types.TypeString(tv.Type, c.rw.qualify)] = tv.Type
	}
	var out []types.Type
	for _, k := range slices.Sorted(maps.Keys(seen)) {
		out = append(out, seen[k])
	}
	return out
}
