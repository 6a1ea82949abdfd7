package rewrite

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/types"
	"strings"
)

// A value of a cell type with methods converted to an interface carries
// the interpreter's record of the node that converted it, and a map whose
// keys are interfaces compares those records: with
//
//	type State int
//	func (s State) String() string { ... }
//	m := map[any]int{}
//	m[Running]++
//	m[Running]++
//
// m had two keys. So a key of such a map, where it may hold a value of a
// cell type with methods and a basic underlying type, goes through
// goconc_intern (keysSource), which gives one interface value for each
// value of each type, the first one it was given:
//
//	m[func(k any) any { switch goconc_concrete(k).(type) { case State: v, _ := goconc_concrete(k).(State); var i any = v; return goconc_intern("main.State", int(v), i) }; return k }(Running)]++
//
// Values of comparable struct types with methods (or whose pointers have
// methods) are interned the same way, by their value converted to the
// struct type underneath. Keys of maps whose key type is a cell's
// interface with methods (map[Shape]int, m[Square{2}]++) are interned
// too, through a pointer to a variable of the interface type, and so are
// keys of error and fmt.Stringer, which the session's interfaces stand
// for as keys (compiledkeys.go); keys of other compiled interfaces with
// methods (io.Reader) are not.

// keysSource declares, once per session, the table of interface values
// of keys and the function that reads and fills it.
const keysSource = `import goconc_keysync "sync"

type goconc_keyID struct {
	T string
	V any
}

var goconc_keysMu goconc_keysync.Mutex

var goconc_keys = map[goconc_keyID]any{}

func goconc_intern(name string, under any, v any) any {
	goconc_keysMu.Lock()
	defer goconc_keysMu.Unlock()
	id := goconc_keyID{name, under}
	if c, ok := goconc_keys[id]; ok {
		return c
	}
	goconc_keys[id] = v
	return v
}`

// mapKeys rewrites the keys of maps under root as above: indexes, the
// keys of delete and of map literals.
func (rw *rewriter) mapKeys(root ast.Node) ast.Node {
	var walk func(n ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		eachChild(n, walk)
		switch n := n.(type) {
		case *ast.IndexExpr:
			n.Index = rw.mapKey(rw.info.TypeOf(n.X), n.Index)
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) == 2 {
				if b, ok := rw.info.Uses[id].(*types.Builtin); ok && b.Name() == "delete" {
					n.Args[1] = rw.mapKey(rw.info.TypeOf(n.Args[0]), n.Args[1])
				}
			}
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if t := rw.info.TypeOf(n); t != nil && isMap(t) && compiledKeyType(t.Underlying().(*types.Map).Key()) != nil {
						kv.Key = rw.mapKey(t, kv.Key)
					} else {
						kv.Key = rw.internedKey(t, kv.Key) // the literal converts its keys
					}
				}
			}
		}
		return n
	}
	return walk(root)
}

// mapKey returns key, the index of a map of type m or the key given to
// delete, interned (internedKey) or converted to the map's key type.
//
// The interpreter looks a key of a cell type with methods up in a map
// whose keys are interfaces as it is, without converting it to the key
// type as Go does: with
//
//	m := map[Shape]int{}
//	m[&Square{1}]++
//
// the index panicked in package reflect (a *Square is not assignable to
// the interpreter's interface values), and in a map[any] the pointer
// found no entry its interface put in. Such a key is converted first, as
// ifaceconv.go converts: m[func(v *Square) Shape { ... }(&Square{1})].
func (rw *rewriter) mapKey(m types.Type, key ast.Expr) ast.Expr {
	if m == nil {
		return key
	}
	mt, ok := m.Underlying().(*types.Map)
	if !ok || !isInterfaceOperand(mt.Key()) {
		return rw.internedKey(m, key)
	}
	target := mt.Key()
	if stand := compiledKeyType(target); stand != nil {
		target = stand // compiledkeys.go
		tv := rw.info.Types[key]
		if tv.IsNil() {
			// nil converted to the session's interface is the zero
			// value of a variable of it, as the keys of such a map are.
			to := rw.typeString(target)
			zero := ast.NewIdent(fmt.Sprintf("func() %s { var goconc_k %s; return goconc_k }()", to, to))
			zero.NamePos = key.Pos()
			rw.info.Types[zero] = types.TypeAndValue{Type: mt.Key()}
			return zero
		}
		if interned := rw.internedKey(m, key); interned != key {
			return interned
		}
		if isInterfaceOperand(tv.Type) {
			return rw.viaVariable(key, target, mt.Key())
		}
	} else if isCompiledMethodInterface(target) {
		// The interpreter's wrapper of a value in a compiled interface
		// (io.Reader) holds functions, which a map cannot hash.
		return key
	}
	key = rw.internedKey(m, key)
	if _, ok := types.Unalias(mt.Key()).(*types.TypeParam); ok {
		return key
	}
	tv, ok := rw.info.Types[key]
	if !ok || tv.Type == nil || !isWrappedInInterfaces(tv.Type) {
		return key
	}
	fun := rw.typedConversion(key, target) // as ifaceconv.go converts
	if fun == nil {
		return key
	}
	conv := &ast.CallExpr{Fun: fun, Lparen: key.Pos(), Args: []ast.Expr{key}, Rparen: key.End()}
	rw.info.Types[conv] = types.TypeAndValue{Type: mt.Key()}
	return conv
}

// viaVariable returns key, of a compiled interface type, converted to
// target, the session's interface standing for it as the keys of maps
// (compiledkeys.go), by a variable's initializer: the interpreter looks
// a value of a compiled interface up in such a map as it is, which
// reflect refuses, and passes a call's result (a function's error) to a
// parameter of the interface as it is too.
//
//	m[find(s)]  becomes  m[func() goconc_key_error { k0 := find(s); var k goconc_key_error = k0; return k }()]
//
// The call stands where key stood, of the map's key type.
func (rw *rewriter) viaVariable(key ast.Expr, target, keyType types.Type) ast.Expr {
	if call := rw.viaVariableThen(key, rw.typeString(target), rw.name("k"), "", keyType); call != nil {
		return call
	}
	return key
}

// viaVariableThen returns the call of a literal that declares k, of type
// to, initialized with key through a variable of key's type, runs body
// and returns k; nil if it does not parse.
func (rw *rewriter) viaVariableThen(key ast.Expr, to, k, body string, keyType types.Type) ast.Expr {
	// From a variable of the key's own type: the interpreter keeps a
	// call's result in the variable it initializes as it is, too.
	lit, err := parser.ParseExprFrom(rw.fset, "", fmt.Sprintf("func() %[1]s { %[2]s0 := KEY; var %[2]s %[1]s = %[2]s0;%[3]s return %[2]s }()", to, k, body), parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	call := lit.(*ast.CallExpr)
	fn := call.Fun.(*ast.FuncLit)
	fn.Type.Func, call.Lparen, call.Rparen = key.Pos(), key.Pos(), key.End()
	fn.Body.List[0].(*ast.AssignStmt).Rhs[0] = key
	rw.info.Types[call] = types.TypeAndValue{Type: keyType}
	return call
}

// internedKey returns key, a key of a map of type m, or the call that
// interns it when the map's keys are empty interfaces that may hold
// values of the cell's types with methods.
func (rw *rewriter) internedKey(m types.Type, key ast.Expr) ast.Expr {
	if m == nil {
		return key
	}
	mt, ok := m.Underlying().(*types.Map)
	if !ok {
		return key
	}
	kt := mt.Key()
	i, ok := kt.Underlying().(*types.Interface)
	stand := compiledKeyType(kt) // compiledkeys.go
	if !ok || (i.NumMethods() > 0 && isCompiledMethodInterface(kt) && stand == nil) {
		return key
	}
	if _, ok := types.Unalias(kt).(*types.TypeParam); ok {
		return key
	}
	tv, ok := rw.info.Types[key]
	if !ok || tv.Type == nil {
		return key
	}
	var candidates []*types.TypeName
	if isInterfaceOperand(tv.Type) {
		scope := rw.scopeAt(key.Pos())
		if scope == nil {
			return key
		}
		for _, tn := range rw.visibleTypes(scope, key.Pos()) {
			if internedType(tn.Type()) && types.AssignableTo(tn.Type(), tv.Type) {
				candidates = append(candidates, tn)
			}
		}
	} else if n, ok := types.Unalias(tv.Type).(*types.Named); ok && internedType(n) && rw.scopeAt(key.Pos()) != nil {
		if _, obj := rw.scopeAt(key.Pos()).LookupParent(n.Obj().Name(), key.Pos()); obj == n.Obj() {
			candidates = append(candidates, n.Obj())
		}
	}
	if len(candidates) == 0 {
		return key
	}
	k, v, ival := rw.name("k"), rw.name("v"), rw.name("i")
	to := rw.typeString(kt)
	if stand != nil {
		to = rw.typeString(stand)
	}
	// An interface with methods goes into the table through a pointer to
	// a variable holding it: asserting an any back to such an interface
	// gave a value that compared unequal to the one that went in. The
	// table's entry is named by both types, apart from the any's.
	intern := func(tn *types.TypeName) string {
		name, under := reflectTypeString(tn.Type()), rw.typeString(tn.Type().Underlying())
		if i.NumMethods() == 0 {
			return fmt.Sprintf("var %s %s = %s; return goconc_intern(%q, %s(%s), %s)", ival, to, v, name, under, v, ival)
		}
		return fmt.Sprintf("var %s %s = %s; return *goconc_intern(%q, %s(%s), &%s).(*%s)",
			ival, to, v, name+" as "+reflectTypeString(kt), under, v, ival, to)
	}
	var body strings.Builder
	for _, tn := range candidates {
		intern := intern(tn)
		fmt.Fprintf(&body, " switch %s(%s).(type) { case %s: %s, _ := %s(%s).(%s); %s; };",
			concreteFunc, k, tn.Name(), v, concreteFunc, k, tn.Name(), intern)
		if _, ok := tn.Type().Underlying().(*types.Struct); ok {
			// A struct value stored bare in an interface (var e any =
			// P{1, 2}) is matched only by a switch that binds the
			// value; the struct's tags tell it from others
			// (structtags.go).
			fmt.Fprintf(&body, " switch %s := %s(%s).(type) { case %s: %s; };", v, concreteFunc, k, tn.Name(), intern)
		}
	}
	if stand != nil {
		// The key, of a compiled interface or a cell's type, goes in
		// by a variable's initializer (viaVariable): a call's error
		// passed to a parameter keeps the interpreter's wrapper.
		if call := rw.viaVariableThen(key, to, k, body.String(), kt); call != nil {
			return call
		}
		return key
	}
	var src strings.Builder
	fmt.Fprintf(&src, "func(%s %s) %s {%s return %s }", k, to, to, body.String(), k)
	call := &ast.CallExpr{Fun: ast.NewIdent(src.String()), Lparen: key.Pos(), Args: []ast.Expr{key}, Rparen: key.End()}
	rw.info.Types[call] = types.TypeAndValue{Type: kt}
	return call
}

// internedType reports whether keys of type t go through goconc_intern:
// t is a cell type with methods and a basic or comparable struct
// underlying type.
func internedType(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Basic:
		return isWrappedInInterfaces(t)
	case *types.Struct:
		// Methods of the pointer only (func (p *Pt) Move()) are enough
		// for the interpreter to keep the node with the value.
		return types.Comparable(t) && (isWrappedInInterfaces(t) || isWrappedInInterfaces(types.NewPointer(t)))
	}
	return false
}
