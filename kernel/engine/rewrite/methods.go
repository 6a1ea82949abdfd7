package rewrite

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/types"
	"strconv"
	"strings"
)

// Values of cell types reach compiled code without their methods: the
// interpreter gives an argument its String method when the argument
// itself has it, but not to the elements of a slice, the fields of a
// struct or the values of a map, and never its Error or GoString method.
// So the arguments fmt prints are passed through conversion functions,
// generated here from their static types, that build what the runtime
// prints as fmt would print the original (cellrt's methods.go).

// fmtConversions are the conversion functions a cell needs, one per type.
type fmtConversions struct {
	rw    *rewriter
	types []types.Type // converted types, in the order of their functions
	decls []ast.Decl
	// relevant caches whether a type needs converting.
	relevant map[types.Type]bool
	// dyn are the interface types converted by their dynamic types,
	// and dynDecl whether each has a function (fmtdyn.go).
	dyn     []types.Type
	dynDecl []bool
	// dynBusy is whether each function of dyn is being made: a type it
	// converts may hold the interface again (a struct with an any field).
	dynBusy []bool
}

// fmtPrinters lists the functions whose arguments fmt prints, by
// "path.Name" (or "path.Type.Method"), with the index of the format
// argument (-1 if none) and of the first printed argument.
var fmtPrinters = map[string][2]int{
	"fmt.Print": {-1, 0}, "fmt.Println": {-1, 0}, "fmt.Printf": {0, 1},
	"fmt.Sprint": {-1, 0}, "fmt.Sprintln": {-1, 0}, "fmt.Sprintf": {0, 1},
	"fmt.Fprint": {-1, 1}, "fmt.Fprintln": {-1, 1}, "fmt.Fprintf": {1, 2},
	"fmt.Append": {-1, 1}, "fmt.Appendln": {-1, 1}, "fmt.Appendf": {1, 2},
	"fmt.Errorf": {0, 1},
	"log.Print":  {-1, 0}, "log.Println": {-1, 0}, "log.Printf": {0, 1},
	"log.Fatal": {-1, 0}, "log.Fatalln": {-1, 0}, "log.Fatalf": {0, 1},
	"log.Panic": {-1, 0}, "log.Panicln": {-1, 0}, "log.Panicf": {0, 1},
	"log.Logger.Print": {-1, 0}, "log.Logger.Println": {-1, 0}, "log.Logger.Printf": {0, 1},
	"log.Logger.Fatal": {-1, 0}, "log.Logger.Fatalln": {-1, 0}, "log.Logger.Fatalf": {0, 1},
	"log.Logger.Panic": {-1, 0}, "log.Logger.Panicln": {-1, 0}, "log.Logger.Panicf": {0, 1},
}

// printerOf returns the entry of fmtPrinters for the function a call
// calls.
func (rw *rewriter) printerOf(call *ast.CallExpr) (string, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	fn, ok := rw.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return "", false
	}
	name := fn.Pkg().Path() + "." + fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := t.(*types.Named)
		if !ok {
			return "", false
		}
		name = fn.Pkg().Path() + "." + n.Obj().Name() + "." + fn.Name()
	}
	_, ok = fmtPrinters[name]
	return name, ok
}

// fmtCall passes the printed arguments of a call of fmt's or log's
// printing functions through conversion functions, where their types
// have methods fmt would not see otherwise.
func (rw *rewriter) fmtCall(call *ast.CallExpr) {
	name, ok := rw.printerOf(call)
	if !ok {
		return
	}
	pos := fmtPrinters[name]
	if call.Ellipsis.IsValid() {
		rw.fmtSpread(call, pos)
		return
	}
	// Arguments printed with %T or %p print their type or address,
	// which the conversion would change; those of %w must stay errors.
	keep := map[int]bool{}
	if pos[0] >= 0 {
		if pos[0] >= len(call.Args) {
			return
		}
		tv := rw.info.Types[call.Args[pos[0]]]
		if tv.Value == nil {
			// A format unknown until run time: only arguments that
			// are no errors can be converted safely.
			for i := pos[1]; i < len(call.Args); i++ {
				if t := rw.info.Types[call.Args[i]].Type; t != nil && types.Implements(t, errorInterface) {
					keep[i-pos[1]] = true
				}
			}
		} else {
			format, _ := strconv.Unquote(tv.Value.ExactString())
			for i, verbs := range formatVerbs(format) {
				for _, v := range verbs {
					if v == 'T' || v == 'p' || v == 'w' {
						keep[i] = true
					}
				}
			}
		}
	}
	for i := pos[1]; i < len(call.Args); i++ {
		if keep[i-pos[1]] {
			continue
		}
		tv, ok := rw.info.Types[call.Args[i]]
		if !ok || tv.Type == nil || tv.IsType() {
			continue
		}
		t := tv.Type
		if b, ok := t.(*types.Basic); ok {
			if b.Kind() == types.UntypedNil {
				continue
			}
			if b.Info()&types.IsUntyped != 0 {
				t = types.Default(t)
			}
		}
		if types.IsInterface(t) {
			// The interpreter passes a value held in an interface with
			// its String method already; passing it on to a conversion
			// function loses the value in some cases.
			call.Args[i] = rw.fmtConversions().dynamicArg(call.Args[i], t)
			continue
		}
		conv := rw.fmtConversions()
		if involvesLocalType(t) && conv.holdsInterface(t) {
			// Not converted (needs), but its interfaces may hold the
			// interpreter's records of interface values.
			call.Args[i] = rw.rtCall("FmtOpen", call.Args[i])
			continue
		}
		if !conv.needs(t) {
			continue
		}
		call.Args[i] = &ast.CallExpr{Fun: ast.NewIdent(conv.function(t)), Args: []ast.Expr{call.Args[i]}}
	}
}

var errorInterface = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

func (rw *rewriter) fmtConversions() *fmtConversions {
	if rw.fmtConv == nil {
		rw.fmtConv = &fmtConversions{rw: rw, relevant: map[types.Type]bool{}}
	}
	return rw.fmtConv
}

// formatVerbs returns, for each argument a format string uses, the verbs
// it is printed with, numbered as fmt numbers them (explicit [n] indexes
// and * widths included).
func formatVerbs(format string) map[int][]rune {
	verbs := map[int][]rune{}
	for _, v := range scanVerbs(format) {
		if v.verb != '*' { // a width or precision, not a printed value
			verbs[v.arg] = append(verbs[v.arg], v.verb)
		}
	}
	return verbs
}

// fmtMethodNames are the methods fmt calls, with their signatures.
var fmtMethodNames = []string{"Format", "GoString", "Error", "String"}

// fmtMethods returns which of fmt's methods values of type t have.
func fmtMethodsOf(t types.Type) map[string]*types.Func {
	found := map[string]*types.Func{}
	ms := types.NewMethodSet(t)
	for _, name := range fmtMethodNames {
		sel := ms.Lookup(nil, name)
		if sel == nil {
			continue
		}
		fn := sel.Obj().(*types.Func)
		sig := fn.Signature()
		switch name {
		case "Format":
			if sig.Params().Len() == 2 && sig.Results().Len() == 0 && isNamed(sig.Params().At(0).Type(), "fmt", "State") &&
				types.Identical(sig.Params().At(1).Type(), types.Typ[types.Rune]) {
				found[name] = fn
			}
		default:
			if sig.Params().Len() == 0 && sig.Results().Len() == 1 && types.Identical(sig.Results().At(0).Type(), types.Typ[types.String]) {
				found[name] = fn
			}
		}
	}
	return found
}

func isNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// isCellType reports whether t is a type the cells declared: its values
// reach compiled code without their methods.
func isCellType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "main"
}

// hasCellMethods reports whether values of type t (a cell type or a
// pointer to one) have methods fmt calls.
func hasCellMethods(t types.Type) bool {
	base := t
	if p, ok := t.(*types.Pointer); ok {
		base = p.Elem()
	}
	return isCellType(base) && len(fmtMethodsOf(t)) > 0
}

// hasCompiledMethods reports whether values of type t (a compiled named
// type, such as a lesson package's, or a pointer to one) have methods
// fmt calls: fmt calls them, and printing the value's parts instead
// would lose them (gil.Stats printed as a raw struct).
func hasCompiledMethods(t types.Type) bool {
	base := t
	if p, ok := t.(*types.Pointer); ok {
		base = p.Elem()
	}
	n, ok := types.Unalias(base).(*types.Named)
	return ok && n.Obj().Pkg() != nil && !isCellType(n) && !types.IsInterface(n) && len(fmtMethodsOf(t)) > 0
}

// needs reports whether values of type t print differently once their
// methods are lost: some part of them has a cell type with methods fmt
// calls, or an interface type, which may hold one.
func (c *fmtConversions) needs(t types.Type) bool {
	t = types.Unalias(t)
	if r, ok := c.relevant[t]; ok {
		return r
	}
	c.relevant[t] = false // a recursive type needs converting only if some part does
	r := false
	if involvesLocalType(t) {
		// The conversion functions are declared at package level,
		// where a function's own types cannot be named.
		r = false
	} else if _, ok := t.(*types.TypeParam); ok {
		// Nor can a generic function's type parameters ([]Elem),
		// which go/types gives their constraint's interface.
		r = false
	} else if hasCompiledMethods(t) {
		r = false // fmt calls the compiled type's own method
	} else if hasCellMethods(t) {
		r = true
	} else if _, isPtr := t.(*types.Pointer); !isPtr && isCellType(t) && !types.IsInterface(t) && hasCellMethods(types.NewPointer(t)) {
		// The interpreter would call the methods of *T on a variable of
		// type T; fmt does not.
		r = true
	} else if n, ok := t.(*types.Named); ok && n.TypeParams().Len() > 0 {
		r = false // generic types are left as they are
	} else {
		switch u := t.Underlying().(type) {
		case *types.Interface:
			r = true
		case *types.Pointer:
			r = c.needs(u.Elem())
		case *types.Slice:
			r = c.needs(u.Elem())
		case *types.Array:
			r = c.needs(u.Elem())
		case *types.Map:
			r = c.needs(u.Key()) || c.needs(u.Elem())
		case *types.Struct:
			for i := range u.NumFields() {
				if c.needs(u.Field(i).Type()) {
					r = true
				}
			}
		}
	}
	c.relevant[t] = r
	return r
}

// function returns the name of the function converting values of type
// t, declaring it (and those it calls) first if needed.
func (c *fmtConversions) function(t types.Type) string {
	for i, done := range c.types {
		if types.Identical(done, t) {
			return c.name(i)
		}
	}
	i := len(c.types)
	c.types = append(c.types, t)
	name := c.name(i)
	typ := c.rw.typeString(t)
	src := fmt.Sprintf("func %s(v %s) any {\n%s\n}", name, typ, c.body(t))
	f, err := parser.ParseFile(c.rw.fset, "", "package p\n"+src, parser.SkipObjectResolution)
	if err != nil {
		// The value prints as the interpreter passes it.
		src = fmt.Sprintf("func %s(v %s) any { return v }", name, typ)
		f, _ = parser.ParseFile(c.rw.fset, "", "package p\n"+src, parser.SkipObjectResolution)
	}
	c.decls = append(c.decls, f.Decls[0])
	return name
}

func (c *fmtConversions) name(i int) string {
	return fmt.Sprintf("goconc_fmt%d_%d", c.rw.cell, i)
}

// value returns an expression converting expr, of type t.
func (c *fmtConversions) value(expr string, t types.Type) string {
	if c.needs(t) {
		return c.function(t) + "(" + expr + ")"
	}
	if !types.IsInterface(t) && printsFieldNames(t) {
		// Struct fields' and types' names as written, for %+v and %#v
		// (fieldverbs.go), below the top level, where pointers
		// print as addresses.
		return runtimeName + ".NestedFieldNames(" + expr + ")"
	}
	if isCellType(t) {
		// A cell type without methods: its underlying value prints the
		// same, and is passed without the interpreter's wrapping.
		if b, ok := t.Underlying().(*types.Basic); ok {
			return b.Name() + "(" + expr + ")"
		}
	}
	return expr
}

// body is the body of the function converting v, of type t.
func (c *fmtConversions) body(t types.Type) string {
	raw := c.raw(t)
	ms := fmtMethodsOf(t)
	if !hasCellMethods(t) || len(ms) == 0 {
		return raw
	}
	method := func(name string) string {
		if ms[name] == nil {
			return "nil"
		}
		return "func() string { return v." + name + "() }"
	}
	format := "nil"
	if ms["Format"] != nil {
		state := types.TypeString(ms["Format"].Signature().Params().At(0).Type(), c.rw.qualify)
		format = "func(s " + state + ", verb rune) { v.Format(s, verb) }"
	}
	nilPointer := "false"
	if _, ok := t.(*types.Pointer); ok {
		nilPointer = "v == nil"
	}
	return fmt.Sprintf("raw := func() any {\n%s\n}()\nreturn %s.FmtMethods(raw, %s, %s, %s, %s, %s)",
		raw, runtimeName, method("String"), method("Error"), method("GoString"), format, nilPointer)
}

// raw is the body of a function converting v, of type t, as fmt prints
// it when it calls none of its methods.
func (c *fmtConversions) raw(t types.Type) string {
	rt := runtimeName
	name := strconv.Quote(reflectTypeString(t))
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return "return " + u.Name() + "(v)"
	case *types.Interface:
		// A cell's value held in a field or element of interface type
		// goes through dynamic's function too (fmtdyn.go).
		x := "v"
		if convertsDynamically(t) {
			if dyn, ok := c.dynamic(t); ok {
				x = dyn + "(v)"
			}
		}
		return fmt.Sprintf("if v == nil {\nreturn %s.FmtNil(%s)\n}\nvar x any = %s\nreturn %s.FmtDyn(%s, x, false)", rt, name, x, rt, name)
	case *types.Pointer:
		composite := "false"
		switch u.Elem().Underlying().(type) {
		case *types.Struct, *types.Array, *types.Slice, *types.Map:
			composite = "true"
		}
		return fmt.Sprintf("return %s.FmtPointer(%s, v, %s, func() any { return %s })", rt, name, composite, c.value("*v", u.Elem()))
	case *types.Slice:
		return fmt.Sprintf("es := make([]any, len(v))\nfor i := range v {\nes[i] = %s\n}\nreturn %s.FmtList(%s, true, v == nil, es)",
			c.value("v[i]", u.Elem()), rt, name)
	case *types.Array:
		return fmt.Sprintf("es := make([]any, len(v))\nfor i := range v {\nes[i] = %s\n}\nreturn %s.FmtList(%s, false, false, es)",
			c.value("v[i]", u.Elem()), rt, name)
	case *types.Map:
		return fmt.Sprintf("ks := make([]any, 0, len(v))\nvs := make([]any, 0, len(v))\nfor k, e := range v {\nks = append(ks, %s)\nvs = append(vs, %s)\n}\nreturn %s.FmtMap(%s, v == nil, ks, vs)",
			c.value("k", u.Key()), c.value("e", u.Elem()), rt, name)
	case *types.Struct:
		var names, fields []string
		for i := range u.NumFields() {
			f := u.Field(i)
			names = append(names, strconv.Quote(f.Name()))
			if f.Name() == "_" {
				fields = append(fields, "nil")
				continue
			}
			v := c.value("v."+f.Name(), f.Type())
			if !f.Exported() {
				// fmt cannot call methods of what it reaches through
				// an unexported field.
				v = rt + ".FmtVerbatim(" + v + ")"
			}
			fields = append(fields, v)
		}
		return fmt.Sprintf("return %s.FmtStruct(%s, []string{%s}, []any{%s})", rt, name, strings.Join(names, ", "), strings.Join(fields, ", "))
	}
	return "return v"
}

// reflectTypeString spells a type as reflect does, which is how fmt's
// %#v and %T print it.
func reflectTypeString(t types.Type) string {
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		name := LocalName(t.Obj().Name())
		if pkg := t.Obj().Pkg(); pkg != nil {
			name = pkg.Name() + "." + name
		}
		if args := t.TypeArgs(); args.Len() > 0 {
			var list []string
			for i := range args.Len() {
				list = append(list, reflectTypeString(args.At(i)))
			}
			name += "[" + strings.Join(list, ",") + "]"
		}
		return name
	case *types.Basic:
		switch t.Kind() {
		case types.Byte:
			return "uint8"
		case types.Rune:
			return "int32"
		}
		return t.Name()
	case *types.Pointer:
		return "*" + reflectTypeString(t.Elem())
	case *types.Slice:
		return "[]" + reflectTypeString(t.Elem())
	case *types.Array:
		return fmt.Sprintf("[%d]%s", t.Len(), reflectTypeString(t.Elem()))
	case *types.Map:
		return "map[" + reflectTypeString(t.Key()) + "]" + reflectTypeString(t.Elem())
	case *types.Chan:
		switch t.Dir() {
		case types.SendOnly:
			return "chan<- " + reflectTypeString(t.Elem())
		case types.RecvOnly:
			return "<-chan " + reflectTypeString(t.Elem())
		}
		return "chan " + reflectTypeString(t.Elem())
	case *types.Struct:
		if t.NumFields() == 0 {
			return "struct {}"
		}
		var fields []string
		for i := range t.NumFields() {
			f := t.Field(i)
			if f.Embedded() {
				fields = append(fields, reflectTypeString(f.Type()))
				continue
			}
			fields = append(fields, f.Name()+" "+reflectTypeString(f.Type()))
		}
		return "struct { " + strings.Join(fields, "; ") + " }"
	case *types.Interface:
		if t.NumMethods() == 0 {
			return "interface {}"
		}
		if types.Identical(t, errorInterface) {
			return "error"
		}
		var methods []string
		for i := range t.NumMethods() {
			m := t.Method(i)
			methods = append(methods, m.Name()+strings.TrimPrefix(reflectTypeString(m.Signature()), "func"))
		}
		return "interface { " + strings.Join(methods, "; ") + " }"
	case *types.Signature:
		var params []string
		for i := range t.Params().Len() {
			p := reflectTypeString(t.Params().At(i).Type())
			if t.Variadic() && i == t.Params().Len()-1 {
				p = "..." + strings.TrimPrefix(p, "[]")
			}
			params = append(params, p)
		}
		s := "func(" + strings.Join(params, ", ") + ")"
		switch n := t.Results().Len(); n {
		case 0:
		case 1:
			s += " " + reflectTypeString(t.Results().At(0).Type())
		default:
			var results []string
			for i := range n {
				results = append(results, reflectTypeString(t.Results().At(i).Type()))
			}
			s += " (" + strings.Join(results, ", ") + ")"
		}
		return s
	}
	return t.String()
}

// involvesLocalType reports whether t is or is built from a type a
// function of the cells declares.
func involvesLocalType(t types.Type) bool {
	var walk func(t types.Type, seen map[types.Type]bool) bool
	walk = func(t types.Type, seen map[types.Type]bool) bool {
		if seen[t] {
			return false
		}
		seen[t] = true
		switch t := types.Unalias(t).(type) {
		case *types.Named:
			obj := t.Obj()
			if obj.Pkg() != nil && obj.Parent() != nil && obj.Parent() != obj.Pkg().Scope() {
				return true
			}
			for i := range t.TypeArgs().Len() {
				if walk(t.TypeArgs().At(i), seen) {
					return true
				}
			}
			if obj.Pkg() != nil && obj.Pkg().Path() == "main" {
				return walk(t.Underlying(), seen)
			}
		case *types.Pointer:
			return walk(t.Elem(), seen)
		case *types.Slice:
			return walk(t.Elem(), seen)
		case *types.Array:
			return walk(t.Elem(), seen)
		case *types.Chan:
			return walk(t.Elem(), seen)
		case *types.Map:
			return walk(t.Key(), seen) || walk(t.Elem(), seen)
		case *types.Struct:
			for i := range t.NumFields() {
				if walk(t.Field(i).Type(), seen) {
					return true
				}
			}
		}
		return false
	}
	return walk(t, map[types.Type]bool{})
}

// holdsInterface reports whether values of t have a part of an
// interface type.
func (c *fmtConversions) holdsInterface(t types.Type) bool {
	seen := map[types.Type]bool{}
	var walk func(t types.Type) bool
	walk = func(t types.Type) bool {
		if seen[t] {
			return false
		}
		seen[t] = true
		switch u := t.Underlying().(type) {
		case *types.Interface:
			return true
		case *types.Slice:
			return walk(u.Elem())
		case *types.Array:
			return walk(u.Elem())
		case *types.Map:
			return walk(u.Key()) || walk(u.Elem())
		case *types.Struct:
			for i := range u.NumFields() {
				if walk(u.Field(i).Type()) {
					return true
				}
			}
		}
		return false
	}
	return walk(t)
}
