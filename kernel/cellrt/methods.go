package cellrt

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// The interpreter keeps no type for values of cell types once they reach
// compiled code: a Temp is a float64, a struct is an unnamed struct, and
// the String and Error methods are gone. Calls into fmt therefore pass
// such values through conversion code the rewriter generates from the
// static types (package rewrite's methods.go); it builds a tree of the nodes below,
// which print themselves the way fmt prints the original value: methods
// where fmt would call them, at every depth, and fmt's layout of structs,
// slices, arrays, maps and pointers elsewhere. Leaves are values of basic
// kinds and compiled values, which fmt prints itself.

// fmtMethods is a value whose type has methods fmt calls. raw is the
// value printed without them.
type fmtMethods struct {
	raw                any
	str, err, goString func() string
	format             func(fmt.State, rune)
	nilPointer         bool // a nil pointer: "<nil>" if a method panics
	verbatim           bool // methods are not called: the value was reached through an unexported field
}

// fmtStruct is a struct value; typ is its type as reflect prints it.
type fmtStruct struct {
	typ    string
	names  []string
	fields []any
}

// fmtList is a slice or an array.
type fmtList struct {
	typ   string
	slice bool
	isNil bool
	elems []any
}

// fmtMap is a map; keys and values are in fmt's order once printed.
type fmtMap struct {
	typ   string
	isNil bool
	keys  []any
	vals  []any
}

// fmtPointer is a pointer; elem converts what it points to, and is only
// called where fmt follows the pointer (at the top level).
type fmtPointer struct {
	typ       string
	ptr       reflect.Value
	composite bool // points to a struct, array, slice or map
	elem      func() any
}

func (n *fmtPointer) addr() uintptr {
	if !n.ptr.IsValid() {
		return 0
	}
	return n.ptr.Pointer()
}

// fmtNil is a nil interface value of type typ.
type fmtNil struct{ typ string }

func (n *fmtMethods) Format(s fmt.State, verb rune) { printFmtNode(s, verb, n) }
func (n *fmtStruct) Format(s fmt.State, verb rune)  { printFmtNode(s, verb, n) }
func (n *fmtList) Format(s fmt.State, verb rune)    { printFmtNode(s, verb, n) }
func (n *fmtMap) Format(s fmt.State, verb rune)     { printFmtNode(s, verb, n) }
func (n *fmtPointer) Format(s fmt.State, verb rune) { printFmtNode(s, verb, n) }
func (n *fmtNil) Format(s fmt.State, verb rune)     { printFmtNode(s, verb, n) }

// The constructors cells call, through goconc_rt.

// FmtMethods makes a value with methods; any of the methods may be nil.
func FmtMethods(raw any, str, err, goString func() string, format func(fmt.State, rune), nilPointer bool) any {
	return &fmtMethods{raw: raw, str: str, err: err, goString: goString, format: format, nilPointer: nilPointer}
}

// FmtStruct makes a struct value.
func FmtStruct(typ string, names []string, fields []any) any {
	return &fmtStruct{typ: typ, names: names, fields: fields}
}

// FmtList makes a slice (slice is true) or array value.
func FmtList(typ string, slice, isNil bool, elems []any) any {
	return &fmtList{typ: typ, slice: slice, isNil: isNil, elems: elems}
}

// FmtMap makes a map value from its keys and values, in any order.
func FmtMap(typ string, isNil bool, keys, vals []any) any {
	m := &fmtMap{typ: typ, isNil: isNil, keys: keys, vals: vals}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return compareKeys(keys[a], keys[b]) })
	m.keys, m.vals = make([]any, len(keys)), make([]any, len(vals))
	for i, j := range order {
		m.keys[i], m.vals[i] = keys[j], vals[j]
	}
	return m
}

// FmtPointer makes a pointer value from the pointer itself, used only for
// its address, and a function converting what it points to.
func FmtPointer(typ string, p any, composite bool, elem func() any) any {
	v := reflect.ValueOf(p)
	if v.Kind() != reflect.Pointer {
		v = reflect.Value{}
	}
	return &fmtPointer{typ: typ, ptr: v, composite: composite, elem: elem}
}

// FmtNil makes a nil interface value.
func FmtNil(typ string) any { return &fmtNil{typ: typ} }

// FmtVerbatim marks a converted value as reached through an unexported
// field: fmt calls no method below it.
func FmtVerbatim(v any) any {
	switch n := v.(type) {
	case *fmtMethods:
		c := *n
		c.verbatim = true
		c.raw = FmtVerbatim(n.raw)
		return &c
	case *fmtStruct:
		c := *n
		c.fields = verbatimAll(n.fields)
		return &c
	case *fmtList:
		c := *n
		c.elems = verbatimAll(n.elems)
		return &c
	case *fmtMap:
		c := *n
		c.keys, c.vals = verbatimAll(n.keys), verbatimAll(n.vals)
		return &c
	case *fmtPointer:
		c := *n
		elem := n.elem
		c.elem = func() any { return FmtVerbatim(elem()) }
		return &c
	}
	return v
}

func verbatimAll(xs []any) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = FmtVerbatim(x)
	}
	return out
}

// nodePrinter prints a node tree for one verb, as fmt's printValue does.
type nodePrinter struct {
	s     fmt.State
	verb  rune
	sharp bool // %#v
	plus  bool // %+v
}

func printFmtNode(s fmt.State, verb rune, n any) {
	p := &nodePrinter{s: s, verb: verb}
	if verb == 'v' {
		p.sharp = s.Flag('#')
		p.plus = s.Flag('+')
	}
	p.print(n, 0)
}

func (p *nodePrinter) write(s string) { _, _ = p.s.Write([]byte(s)) }

// directive rebuilds the formatting directive being printed, with verb.
func (p *nodePrinter) directive(verb rune) string {
	var b strings.Builder
	b.WriteByte('%')
	for _, f := range "+-# 0" {
		if p.s.Flag(int(f)) {
			b.WriteRune(f)
		}
	}
	if w, ok := p.s.Width(); ok {
		b.WriteString(strconv.Itoa(w))
	}
	if prec, ok := p.s.Precision(); ok {
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(prec))
	}
	b.WriteRune(verb)
	return b.String()
}

// leaf prints a value fmt knows how to print by itself.
func (p *nodePrinter) leaf(v any) {
	fmt.Fprintf(p.s, p.directive(p.verb), v)
}

func (p *nodePrinter) print(n any, depth int) {
	switch n := n.(type) {
	case *fmtMethods:
		if !n.verbatim && p.methods(n) {
			return
		}
		p.print(n.raw, depth)
	case *fmtStruct:
		if p.sharp {
			p.write(n.typ)
		}
		p.write("{")
		for i, f := range n.fields {
			if i > 0 {
				p.write(p.sep())
			}
			if (p.plus || p.sharp) && n.names[i] != "" {
				p.write(n.names[i] + ":")
			}
			p.print(f, depth+1)
		}
		p.write("}")
	case *fmtList:
		if p.sharp {
			p.write(n.typ)
			if n.slice && n.isNil {
				p.write("(nil)")
				return
			}
			p.write("{")
		} else {
			p.write("[")
		}
		for i, e := range n.elems {
			if i > 0 {
				p.write(p.sep())
			}
			p.print(e, depth+1)
		}
		if p.sharp {
			p.write("}")
		} else {
			p.write("]")
		}
	case *fmtMap:
		if p.sharp {
			p.write(n.typ)
			if n.isNil {
				p.write("(nil)")
				return
			}
			p.write("{")
		} else {
			p.write("map[")
		}
		for i := range n.keys {
			if i > 0 {
				p.write(p.sep())
			}
			p.print(n.keys[i], depth+1)
			p.write(":")
			p.print(n.vals[i], depth+1)
		}
		if p.sharp {
			p.write("}")
		} else {
			p.write("]")
		}
	case *fmtPointer:
		addr := n.addr()
		if depth == 0 && addr != 0 && n.composite {
			p.write("&")
			p.print(n.elem(), depth+1)
			return
		}
		switch {
		case p.sharp:
			p.write("(" + n.typ + ")(")
			if addr == 0 {
				p.write("nil")
			} else {
				p.write("0x" + strconv.FormatUint(uint64(addr), 16))
			}
			p.write(")")
		case addr == 0:
			p.leaf(nil)
		default:
			// fmt prints every pointer it does not follow alike,
			// whatever it points to.
			p.leaf(n.ptr.UnsafePointer())
		}
	case *fmtNil:
		if p.sharp {
			p.write(n.typ + "(nil)")
		} else {
			p.write("<nil>")
		}
	default:
		if depth > 0 {
			if v := reflect.ValueOf(n); v.Kind() == reflect.Pointer && !hasFmtMethods(v.Type(), p.sharp) {
				// A compiled pointer below the top level: fmt prints
				// its address.
				p.print(&fmtPointer{typ: v.Type().String(), ptr: v}, depth)
				return
			}
		}
		p.leaf(n)
	}
}

func (p *nodePrinter) sep() string {
	if p.sharp {
		return ", "
	}
	return " "
}

var (
	formatterType  = reflect.TypeFor[fmt.Formatter]()
	stringerType   = reflect.TypeFor[fmt.Stringer]()
	goStringerType = reflect.TypeFor[fmt.GoStringer]()
	errorType      = reflect.TypeFor[error]()
)

func hasFmtMethods(t reflect.Type, sharp bool) bool {
	if t.Implements(formatterType) {
		return true
	}
	if sharp {
		return t.Implements(goStringerType)
	}
	return t.Implements(errorType) || t.Implements(stringerType)
}

// methods calls the method fmt would call for the verb, as fmt's
// handleMethods does, and reports whether one was called.
func (p *nodePrinter) methods(n *fmtMethods) (handled bool) {
	// handled is set before each call: a method that panics has
	// printed the panic instead.
	if n.format != nil {
		handled = true
		defer p.catchPanic(n, "Format")
		n.format(p.s, p.verb)
		return true
	}
	if p.sharp {
		if n.goString == nil {
			return false
		}
		handled = true
		defer p.catchPanic(n, "GoString")
		// fmt prints the result of GoString unadorned.
		fmt.Fprintf(p.s, p.stringDirective(), n.goString())
		return true
	}
	switch p.verb {
	case 'v', 's', 'x', 'X', 'q':
	default:
		return false
	}
	switch {
	case n.err != nil:
		handled = true
		defer p.catchPanic(n, "Error")
		p.leaf(n.err())
	case n.str != nil:
		handled = true
		defer p.catchPanic(n, "String")
		p.leaf(n.str())
	}
	return handled
}

// stringDirective is the directive with only width, precision and the
// minus flag, which is how fmt pads a string it prints unadorned.
func (p *nodePrinter) stringDirective() string {
	var b strings.Builder
	b.WriteByte('%')
	if p.s.Flag('-') {
		b.WriteByte('-')
	}
	if w, ok := p.s.Width(); ok {
		b.WriteString(strconv.Itoa(w))
	}
	if prec, ok := p.s.Precision(); ok {
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(prec))
	}
	b.WriteByte('s')
	return b.String()
}

// catchPanic reports a panicking method as fmt does: "<nil>" for a nil
// pointer receiver, the panic in the output otherwise.
func (p *nodePrinter) catchPanic(n *fmtMethods, method string) {
	r := recover()
	if r == nil {
		return
	}
	if n.nilPointer {
		fmt.Fprintf(p.s, p.stringDirective(), "<nil>")
		return
	}
	fmt.Fprintf(p.s, "%%!%c(PANIC=%s method: %v)", p.verb, method, r)
}

// compareKeys orders map keys as fmt does (internal/fmtsort): numbers by
// value with NaN first, strings and booleans naturally, structs and
// arrays element by element, pointers by address.
func compareKeys(a, b any) int {
	a, b = keyValue(a), keyValue(b)
	switch x := a.(type) {
	case *fmtStruct:
		y, ok := b.(*fmtStruct)
		if !ok {
			return 0
		}
		for i := range min(len(x.fields), len(y.fields)) {
			if c := compareKeys(x.fields[i], y.fields[i]); c != 0 {
				return c
			}
		}
		return 0
	case *fmtList:
		y, ok := b.(*fmtList)
		if !ok {
			return 0
		}
		for i := range min(len(x.elems), len(y.elems)) {
			if c := compareKeys(x.elems[i], y.elems[i]); c != 0 {
				return c
			}
		}
		return 0
	case *fmtPointer:
		if y, ok := b.(*fmtPointer); ok {
			return cmp.Compare(x.addr(), y.addr())
		}
		return 0
	case *fmtNil:
		if _, ok := b.(*fmtNil); ok {
			return 0
		}
		return -1
	}
	if _, ok := b.(*fmtNil); ok {
		return 1
	}
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if !va.IsValid() || !vb.IsValid() || va.Kind() != vb.Kind() {
		// Keys of an interface type: fmt orders them by type first.
		return cmp.Compare(fmt.Sprintf("%T", a), fmt.Sprintf("%T", b))
	}
	switch va.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmp.Compare(va.Int(), vb.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmp.Compare(va.Uint(), vb.Uint())
	case reflect.String:
		return cmp.Compare(va.String(), vb.String())
	case reflect.Float32, reflect.Float64:
		return compareFloat(va.Float(), vb.Float())
	case reflect.Complex64, reflect.Complex128:
		if c := compareFloat(real(va.Complex()), real(vb.Complex())); c != 0 {
			return c
		}
		return compareFloat(imag(va.Complex()), imag(vb.Complex()))
	case reflect.Bool:
		switch {
		case va.Bool() == vb.Bool():
			return 0
		case va.Bool():
			return 1
		}
		return -1
	case reflect.Pointer, reflect.Chan, reflect.UnsafePointer:
		return cmp.Compare(va.Pointer(), vb.Pointer())
	}
	return 0
}

// keyValue is the value a key is ordered by: the key without its methods.
func keyValue(k any) any {
	for {
		m, ok := k.(*fmtMethods)
		if !ok {
			return k
		}
		k = m.raw
	}
}

func compareFloat(a, b float64) int {
	switch {
	case math.IsNaN(a) && math.IsNaN(b):
		return 0
	case math.IsNaN(a):
		return -1
	case math.IsNaN(b):
		return 1
	}
	return cmp.Compare(a, b)
}

// Interfaces through which the interpreter hands FmtDyn a value of a cell
// type held in an interface: it wraps the value in the wrapper of the
// first of these the value's dynamic type implements (see
// fmtDynExports). They are ordered as fmt prefers the methods: Format,
// then GoString for %#v, then Error, then String.
type (
	dynFormatter       interface{ Format(fmt.State, rune) }
	dynErrorGoStringer interface {
		Error() string
		GoString() string
	}
	dynStringGoStringer interface {
		String() string
		GoString() string
	}
	dynGoStringer interface{ GoString() string }
	dynError      interface{ Error() string }
	dynStringer   interface{ String() string }
)

// The wrappers: the interpreter finds them by the interface's name with a
// leading underscore, and fills W<Method> with the value's method.
type (
	dynFormatterWrapper struct {
		IValue  any
		WFormat func(fmt.State, rune)
	}
	dynErrorGoStringerWrapper struct {
		IValue    any
		WError    func() string
		WGoString func() string
	}
	dynStringGoStringerWrapper struct {
		IValue    any
		WString   func() string
		WGoString func() string
	}
	dynGoStringerWrapper struct {
		IValue    any
		WGoString func() string
	}
	dynErrorWrapper struct {
		IValue any
		WError func() string
	}
	dynStringerWrapper struct {
		IValue  any
		WString func() string
	}
)

func (w dynFormatterWrapper) Format(s fmt.State, verb rune) { w.WFormat(s, verb) }
func (w dynErrorGoStringerWrapper) Error() string           { return w.WError() }
func (w dynErrorGoStringerWrapper) GoString() string        { return w.WGoString() }
func (w dynStringGoStringerWrapper) String() string         { return w.WString() }
func (w dynStringGoStringerWrapper) GoString() string       { return w.WGoString() }
func (w dynGoStringerWrapper) GoString() string             { return w.WGoString() }
func (w dynErrorWrapper) Error() string                     { return w.WError() }
func (w dynStringerWrapper) String() string                 { return w.WString() }

// FmtDyn converts a value held in an interface of type typ. The
// interpreter has already wrapped a value of a cell type with methods
// fmt calls; other values print as fmt prints them.
func FmtDyn(typ string, v any, verbatim bool) any {
	var n *fmtMethods
	switch w := v.(type) {
	case nil:
		return FmtNil(typ)
	case dynFormatterWrapper:
		n = &fmtMethods{raw: w.IValue, format: w.WFormat}
	case dynErrorGoStringerWrapper:
		n = &fmtMethods{raw: w.IValue, err: w.WError, goString: w.WGoString}
	case dynStringGoStringerWrapper:
		n = &fmtMethods{raw: w.IValue, str: w.WString, goString: w.WGoString}
	case dynGoStringerWrapper:
		n = &fmtMethods{raw: w.IValue, goString: w.WGoString}
	case dynErrorWrapper:
		n = &fmtMethods{raw: w.IValue, err: w.WError}
	case dynStringerWrapper:
		n = &fmtMethods{raw: w.IValue, str: w.WString}
	default:
		v = FmtOpen(v) // field names as written, for %+v and %#v
		if verbatim {
			return FmtVerbatim(v)
		}
		return v
	}
	if r := reflect.ValueOf(n.raw); r.Kind() == reflect.Pointer && r.IsNil() {
		n.nilPointer = true
	}
	n.verbatim = verbatim
	return n
}

// FmtSymbols binds the conversion constructors for cells, and asks the
// interpreter to wrap values passed to FmtDyn.
func FmtSymbols() map[string]map[string]reflect.Value {
	dyn := reflect.ValueOf(FmtDyn)
	return map[string]map[string]reflect.Value{
		ImportPath + "/rt": {
			"FmtDyn":      dyn,
			"FmtMethods":  reflect.ValueOf(FmtMethods),
			"FmtStruct":   reflect.ValueOf(FmtStruct),
			"FmtList":     reflect.ValueOf(FmtList),
			"FmtMap":      reflect.ValueOf(FmtMap),
			"FmtPointer":  reflect.ValueOf(FmtPointer),
			"FmtNil":      reflect.ValueOf(FmtNil),
			"FmtVerbatim": reflect.ValueOf(FmtVerbatim),
			"FmtOpen":     reflect.ValueOf(FmtOpen),
			// The wrappers, in the package that declares the interfaces.
			"_dynFormatter":        reflect.ValueOf((*dynFormatterWrapper)(nil)),
			"_dynErrorGoStringer":  reflect.ValueOf((*dynErrorGoStringerWrapper)(nil)),
			"_dynStringGoStringer": reflect.ValueOf((*dynStringGoStringerWrapper)(nil)),
			"_dynGoStringer":       reflect.ValueOf((*dynGoStringerWrapper)(nil)),
			"_dynError":            reflect.ValueOf((*dynErrorWrapper)(nil)),
			"_dynStringer":         reflect.ValueOf((*dynStringerWrapper)(nil)),
		},
		".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{
			dyn: {
				reflect.TypeFor[dynFormatter](),
				reflect.TypeFor[dynErrorGoStringer](),
				reflect.TypeFor[dynStringGoStringer](),
				reflect.TypeFor[dynGoStringer](),
				reflect.TypeFor[dynError](),
				reflect.TypeFor[dynStringer](),
			},
		})},
	}
}

// TypeName is what %T prints for x. A nil interface of a cell's interface
// type reaches compiled code as the interpreter's empty record of one;
// boxed values and the engine's runtime errors get Go's names.
func TypeName(x any) string {
	switch x := x.(type) {
	case *nilCellError:
		return x.typeName
	case Named:
		return x.Type
	case RuntimeError:
		return x.goTypeName()
	}
	if name, ok := wrappedTypeName(x); ok {
		return name
	}
	v := reflect.ValueOf(x)
	if !v.IsValid() {
		return "<nil>"
	}
	if t := v.Type(); isInterpreterInterface(t) {
		if v.IsZero() {
			return "<nil>"
		}
		// A compiled type's value (an errors.New error) in an
		// interface of the cells' reaches here in the interpreter's
		// record: the record's value has the type.
		if held := recordValue(addressable(v)); held.IsValid() && held.Kind() != reflect.Interface {
			return held.Type().String()
		}
	}
	return fmt.Sprintf("%T", x)
}
