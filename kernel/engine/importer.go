package engine

import (
	"errors"
	"fmt"
	"go/constant"
	"go/importer"
	"go/token"
	"go/types"
	"path"
	"reflect"
	"strings"
	"sync"

	"goconc/kernel/symbols"
)

// typesImporter gives the type checker the packages cells can import. The
// standard library's types come from the compiler's export data carried in
// the binary (symbols.StdTypes), which is exact, generics included, and
// needs no Go source tree at run time; a standard package missing there is
// type-checked from its source in GOROOT. Other packages (goconc's own, golang.org/x/sync)
// are described from the interpreter's symbol tables, through reflection,
// so that no source needs to be found for them at run time.
type typesImporter struct {
	mu      sync.Mutex
	fset    *token.FileSet
	std     types.Importer                      // export data carried in the binary
	source  types.ImporterFrom                  // GOROOT's source, for what std lacks
	tables  map[string]map[string]reflect.Value // import path to symbols
	byPath  map[string]*types.Package
	failure map[string]error
}

func newTypesImporter(fset *token.FileSet) *typesImporter {
	tables := map[string]map[string]reflect.Value{}
	for key, syms := range symbols.All() {
		tables[path.Dir(key)] = syms
	}
	return &typesImporter{
		fset:    fset,
		std:     importer.ForCompiler(fset, "gc", symbols.StdTypes),
		source:  importer.ForCompiler(fset, "source", nil).(types.ImporterFrom),
		tables:  tables,
		byPath:  map[string]*types.Package{},
		failure: map[string]error{},
	}
}

func (im *typesImporter) Import(p string) (*types.Package, error) {
	return im.ImportFrom(p, "", 0)
}

func (im *typesImporter) ImportFrom(p, dir string, mode types.ImportMode) (*types.Package, error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	return im.load(p)
}

// load must be called with im.mu held.
func (im *typesImporter) load(p string) (*types.Package, error) {
	if pkg, ok := im.byPath[p]; ok {
		return pkg, nil
	}
	if err, ok := im.failure[p]; ok {
		return nil, err
	}
	var pkg *types.Package
	var err error
	if isStandard(p) {
		pkg, err = im.std.Import(p)
		if errors.Is(err, symbols.ErrNoStdTypes) {
			pkg, err = im.source.ImportFrom(p, "", 0)
		}
	} else {
		pkg, err = im.fromTable(p)
	}
	if err != nil {
		im.failure[p] = err
		return nil, err
	}
	im.byPath[p] = pkg
	return pkg, nil
}

func isStandard(p string) bool {
	return !strings.Contains(strings.SplitN(p, "/", 2)[0], ".") && !strings.HasPrefix(p, "goconc/")
}

// fromTable builds a package from its symbol table.
func (im *typesImporter) fromTable(p string) (*types.Package, error) {
	syms, ok := im.tables[p]
	if !ok {
		return nil, fmt.Errorf("package %s is not available to cells", p)
	}
	name := path.Base(p)
	for key := range symbols.All() {
		if path.Dir(key) == p {
			name = path.Base(key)
		}
	}
	pkg := types.NewPackage(p, name)
	im.byPath[p] = pkg // before conversion, for types that refer to their own package
	conv := &reflectTypes{im: im, pkg: pkg, named: map[reflect.Type]*types.Named{}}
	scope := pkg.Scope()
	// Types first, so that functions and variables can refer to them.
	for sym, v := range syms {
		if strings.HasPrefix(sym, "_") || v.Kind() != reflect.Pointer || !v.IsNil() || v.Type().Elem().Name() != sym {
			continue
		}
		scope.Insert(conv.namedType(v.Type().Elem()).Obj())
	}
	conv.unexportedMethods()
	for sym, v := range syms {
		if strings.HasPrefix(sym, "_") || scope.Lookup(sym) != nil {
			continue
		}
		switch {
		case v.Type() == reflect.TypeFor[constant.Value]() || v.Type().Implements(reflect.TypeFor[constant.Value]()):
			c := v.Interface().(constant.Value)
			scope.Insert(types.NewConst(token.NoPos, pkg, sym, untypedOf(c), c))
		case v.Kind() == reflect.Func && !v.CanAddr():
			sig, _ := conv.convert(v.Type()).(*types.Signature)
			if sig != nil {
				scope.Insert(types.NewFunc(token.NoPos, pkg, sym, sig))
			}
		case !v.CanAddr() && typedConstant(v) != nil:
			// A typed constant (time.Duration's Second, a lesson's
			// default interval): the symbol holds its value, where a
			// variable's symbol holds the variable itself.
			scope.Insert(types.NewConst(token.NoPos, pkg, sym, conv.convert(v.Type()), typedConstant(v)))
		default:
			scope.Insert(types.NewVar(token.NoPos, pkg, sym, conv.convert(v.Type())))
		}
	}
	pkg.MarkComplete()
	return pkg, nil
}

// typedConstant returns the constant a value of a basic kind holds, or
// nil for any other kind.
func typedConstant(v reflect.Value) constant.Value {
	switch v.Kind() {
	case reflect.Bool:
		return constant.MakeBool(v.Bool())
	case reflect.String:
		return constant.MakeString(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return constant.MakeInt64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return constant.MakeUint64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return constant.MakeFloat64(v.Float())
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return constant.BinaryOp(constant.MakeFloat64(real(c)), token.ADD, constant.MakeImag(constant.MakeFloat64(imag(c))))
	}
	return nil
}

func untypedOf(c constant.Value) types.Type {
	switch c.Kind() {
	case constant.Bool:
		return types.Typ[types.UntypedBool]
	case constant.String:
		return types.Typ[types.UntypedString]
	case constant.Int:
		return types.Typ[types.UntypedInt]
	case constant.Float:
		return types.Typ[types.UntypedFloat]
	case constant.Complex:
		return types.Typ[types.UntypedComplex]
	}
	return types.Typ[types.Invalid]
}

// reflectTypes converts reflect types of one package into go/types types.
type reflectTypes struct {
	im    *typesImporter
	pkg   *types.Package
	named map[reflect.Type]*types.Named
}

func (c *reflectTypes) namedType(t reflect.Type) *types.Named {
	if n, ok := c.named[t]; ok {
		return n
	}
	obj := types.NewTypeName(token.NoPos, c.pkg, t.Name(), nil)
	n := types.NewNamed(obj, nil, nil)
	c.named[t] = n
	n.SetUnderlying(c.underlying(t))
	if t.Kind() != reflect.Interface {
		ptr := reflect.PointerTo(t)
		for i := 0; i < ptr.NumMethod(); i++ {
			m := ptr.Method(i)
			_, valueRecv := t.MethodByName(m.Name)
			var recv *types.Var
			if valueRecv {
				recv = types.NewVar(token.NoPos, c.pkg, "", n)
			} else {
				recv = types.NewVar(token.NoPos, c.pkg, "", types.NewPointer(n))
			}
			sig := c.signature(m.Type, recv, 1)
			n.AddMethod(types.NewFunc(token.NoPos, c.pkg, m.Name, sig))
		}
	}
	return n
}

// unexportedMethods gives the package's named types the unexported
// methods of its interfaces that they implement. reflect lists an
// interface's unexported methods but not those of other types, so
// without them a compiled gil.Python3 would not be a gil.Mode to the
// type checker, although it is one (reflect's Implements says so).
func (c *reflectTypes) unexportedMethods() {
	var ifaces []reflect.Type
	for t := range c.named {
		if t.Kind() != reflect.Interface {
			continue
		}
		for i := 0; i < t.NumMethod(); i++ {
			if !t.Method(i).IsExported() {
				ifaces = append(ifaces, t)
				break
			}
		}
	}
	for t, n := range c.named {
		if t.Kind() == reflect.Interface {
			continue
		}
		for _, iface := range ifaces {
			var recv *types.Var
			switch {
			case t.Implements(iface):
				recv = types.NewVar(token.NoPos, c.pkg, "", n)
			case reflect.PointerTo(t).Implements(iface):
				recv = types.NewVar(token.NoPos, c.pkg, "", types.NewPointer(n))
			default:
				continue
			}
			for i := 0; i < iface.NumMethod(); i++ {
				m := iface.Method(i)
				if m.IsExported() || hasMethod(n, m.Name) {
					continue
				}
				n.AddMethod(types.NewFunc(token.NoPos, c.pkg, m.Name, c.signature(m.Type, recv, 0)))
			}
		}
	}
}

func hasMethod(n *types.Named, name string) bool {
	for i := 0; i < n.NumMethods(); i++ {
		if n.Method(i).Name() == name {
			return true
		}
	}
	return false
}

func (c *reflectTypes) convert(t reflect.Type) types.Type {
	if t.Name() != "" && t.PkgPath() != "" {
		if t.PkgPath() == c.pkg.Path() {
			return c.namedType(t)
		}
		if other, err := c.im.load(t.PkgPath()); err == nil {
			if obj, ok := other.Scope().Lookup(t.Name()).(*types.TypeName); ok {
				return obj.Type()
			}
		}
		return c.underlying(t)
	}
	if t.Name() != "" {
		// A predeclared type: int, string, error, ...
		if obj := types.Universe.Lookup(t.Name()); obj != nil {
			return obj.Type()
		}
	}
	return c.underlying(t)
}

var basicKinds = map[reflect.Kind]types.BasicKind{
	reflect.Bool: types.Bool, reflect.Int: types.Int, reflect.Int8: types.Int8, reflect.Int16: types.Int16,
	reflect.Int32: types.Int32, reflect.Int64: types.Int64, reflect.Uint: types.Uint, reflect.Uint8: types.Uint8,
	reflect.Uint16: types.Uint16, reflect.Uint32: types.Uint32, reflect.Uint64: types.Uint64,
	reflect.Uintptr: types.Uintptr, reflect.Float32: types.Float32, reflect.Float64: types.Float64,
	reflect.Complex64: types.Complex64, reflect.Complex128: types.Complex128, reflect.String: types.String,
	reflect.UnsafePointer: types.UnsafePointer,
}

func (c *reflectTypes) underlying(t reflect.Type) types.Type {
	if k, ok := basicKinds[t.Kind()]; ok {
		return types.Typ[k]
	}
	switch t.Kind() {
	case reflect.Pointer:
		return types.NewPointer(c.convert(t.Elem()))
	case reflect.Slice:
		return types.NewSlice(c.convert(t.Elem()))
	case reflect.Array:
		return types.NewArray(c.convert(t.Elem()), int64(t.Len()))
	case reflect.Map:
		return types.NewMap(c.convert(t.Key()), c.convert(t.Elem()))
	case reflect.Chan:
		dir := types.SendRecv
		switch t.ChanDir() {
		case reflect.SendDir:
			dir = types.SendOnly
		case reflect.RecvDir:
			dir = types.RecvOnly
		}
		return types.NewChan(dir, c.convert(t.Elem()))
	case reflect.Func:
		return c.signature(t, nil, 0)
	case reflect.Struct:
		var fields []*types.Var
		var tags []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			pkg := c.pkg
			if f.PkgPath != "" && f.PkgPath != c.pkg.Path() {
				if other, err := c.im.load(f.PkgPath); err == nil {
					pkg = other
				}
			}
			fields = append(fields, types.NewField(token.NoPos, pkg, f.Name, c.convert(f.Type), f.Anonymous))
			tags = append(tags, string(f.Tag))
		}
		return types.NewStruct(fields, tags)
	case reflect.Interface:
		var methods []*types.Func
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			methods = append(methods, types.NewFunc(token.NoPos, c.pkg, m.Name, c.signature(m.Type, nil, 0)))
		}
		return types.NewInterfaceType(methods, nil).Complete()
	}
	return types.Typ[types.Invalid]
}

// signature converts a func type; skip drops leading parameters (the
// receiver of a method expression).
func (c *reflectTypes) signature(t reflect.Type, recv *types.Var, skip int) *types.Signature {
	var params, results []*types.Var
	for i := skip; i < t.NumIn(); i++ {
		params = append(params, types.NewParam(token.NoPos, c.pkg, "", c.convert(t.In(i))))
	}
	for i := 0; i < t.NumOut(); i++ {
		results = append(results, types.NewParam(token.NoPos, c.pkg, "", c.convert(t.Out(i))))
	}
	return types.NewSignatureType(recv, nil, nil, types.NewTuple(params...), types.NewTuple(results...), t.IsVariadic())
}
