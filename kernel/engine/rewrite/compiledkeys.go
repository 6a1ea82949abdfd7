package rewrite

import (
	"go/token"
	"go/types"
)

// The interpreter keeps a cell's value converted to a compiled interface
// with methods (error, fmt.Stringer) in a wrapper of its own, a struct
// of the value and of its methods, which Go cannot hash: with
//
//	type NotFound struct{ Key string }
//	func (e NotFound) Error() string { ... }
//	m := map[error]int{}
//	m[NotFound{"a"}]++
//
// the index panicked in package reflect, and a key held in a variable
// of type error panicked with "hash of unhashable type". A map keyed by
// error or fmt.Stringer is a map keyed by an interface the session
// declares with the same methods (compiledKeysSource), which keeps cell
// values as the interfaces cells declare do, and whose keys mapkeys.go
// interns: map[error]int is spelled map[goconc_key_error]int wherever
// the cell writes it (interpType) and wherever the rewrites do.

// compiledKeysSource declares, once per session, the interfaces that
// stand for error and fmt.Stringer as the keys of maps.
const compiledKeysSource = `type goconc_key_error interface{ Error() string }

type goconc_key_Stringer interface{ String() string }`

// compiledKeyNames are the names of compiledKeysSource's interfaces, by
// the compiled interface each stands for.
var compiledKeyNames = map[string]string{
	"error":        "goconc_key_error",
	"fmt.Stringer": "goconc_key_Stringer",
}

// compiledKeyType returns the interface of compiledKeysSource that keys
// of type t become, or nil when t is not one of those interfaces.
func compiledKeyType(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	var name string
	if types.Identical(t, universeError) {
		name = compiledKeyNames["error"]
	} else if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		name = compiledKeyNames[n.Obj().Pkg().Path()+"."+n.Obj().Name()]
	}
	if name == "" {
		return nil
	}
	i, ok := t.Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	obj := types.NewTypeName(token.NoPos, types.NewPackage("main", "main"), name, nil)
	return types.NewNamed(obj, i, nil)
}
