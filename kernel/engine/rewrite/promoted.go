package rewrite

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// A struct the cells declare that embeds a type of a compiled package
// (sync.Mutex, bytes.Buffer, ...) gets the embedded type's methods in Go,
// and with them the interfaces those methods satisfy: a *Cache embedding
// sync.RWMutex is a sync.Locker. The interpreter calls such promoted
// methods, but does not count them when it converts the struct to an
// interface. So the methods are declared on the struct, each calling the
// embedded field's:
//
//	func (x *Cache) Lock() { x.RWMutex.Lock() }
//
// which is what promotion means. The lock and wait methods of package
// sync go through the runtime, as direct calls of them do.
//
// A struct embedding an interface beside other fields gets the same
// treatment: the interpreter calls the promoted methods of the interface
// with the wrong receiver.

// promotedMethods returns the source of the methods to declare for the
// struct types among decls.
func (rw *rewriter) promotedMethods(decls []ast.Decl) []string {
	var out []string
	for _, ts := range definedTypes(decls) { // an alias has the methods of what it names
		obj, ok := rw.info.Defs[ts.Name].(*types.TypeName)
		if !ok {
			continue
		}
		named, ok := obj.Type().(*types.Named)
		if !ok {
			continue
		}
		out = append(out, rw.forwarders(named, rw.fset.Position(ts.Pos()).Line)...)
	}
	return out
}

// forwarders returns the methods that named, a struct type, gets from
// embedded fields of compiled packages' types and embedded interfaces.
func (rw *rewriter) forwarders(named *types.Named, line int) []string {
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	compiled := map[int]bool{}   // embedded fields of compiled types
	interfaces := map[int]bool{} // embedded interfaces, of any package
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if !f.Embedded() {
			continue
		}
		if types.IsInterface(f.Type()) {
			interfaces[i] = true
			continue
		}
		n, ok := types.Unalias(derefType(f.Type())).(*types.Named)
		if ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() != "main" {
			compiled[i] = true
		}
	}
	if len(compiled) == 0 && len(interfaces) == 0 {
		return nil
	}

	// The receiver: T, or T[P, Q] for a generic type.
	recvType := named.Obj().Name()
	if tps := named.TypeParams(); tps.Len() > 0 {
		names := make([]string, tps.Len())
		for i := range names {
			names[i] = tps.At(i).Obj().Name()
		}
		recvType += "[" + strings.Join(names, ", ") + "]"
	}
	values := types.NewMethodSet(named)
	all := types.NewMethodSet(types.NewPointer(named))
	var out []string
	for i := 0; i < all.Len(); i++ {
		sel := all.At(i)
		index := sel.Index()
		fn := sel.Obj().(*types.Func)
		if len(index) < 2 || !compiled[index[0]] && !interfaces[index[0]] {
			continue
		}
		if !fn.Exported() && (fn.Pkg() == nil || fn.Pkg().Path() != "main") {
			continue // a cell cannot name another package's unexported method
		}
		sig, ok := sel.Type().(*types.Signature)
		if !ok || !rw.writable(sig) {
			continue
		}
		recv := "*" + recvType
		if values.Lookup(fn.Pkg(), fn.Name()) != nil {
			recv = recvType
		}
		// The path to the field whose method it is.
		path := "x"
		t := types.Type(named)
		for _, fi := range index[:len(index)-1] {
			s, ok := derefType(t).Underlying().(*types.Struct)
			if !ok {
				path = ""
				break
			}
			path += "." + s.Field(fi).Name()
			t = s.Field(fi).Type()
		}
		if path == "" {
			continue
		}
		out = append(out, rw.forwarder(recv, fn, sig, path, t, line))
	}
	return out
}

// forwarder is the source of one method: fn of the field at path, of
// type fieldType, called from a method of recv.
func (rw *rewriter) forwarder(recv string, fn *types.Func, sig *types.Signature, path string, fieldType types.Type, line int) string {
	var params, args []string
	for i := 0; i < sig.Params().Len(); i++ {
		name := fmt.Sprintf("p%d", i)
		t := sig.Params().At(i).Type()
		if sig.Variadic() && i == sig.Params().Len()-1 {
			params = append(params, name+" ..."+rw.typeString(t.(*types.Slice).Elem()))
			args = append(args, name+"...")
			continue
		}
		params = append(params, name+" "+rw.typeString(t))
		args = append(args, name)
	}
	var results []string
	for i := 0; i < sig.Results().Len(); i++ {
		results = append(results, rw.typeString(sig.Results().At(i).Type()))
	}
	head := fmt.Sprintf("func (x %s) %s(%s) (%s)", recv, fn.Name(), strings.Join(params, ", "), strings.Join(results, ", "))
	body := fmt.Sprintf("%s.%s(%s)", path, fn.Name(), strings.Join(args, ", "))
	if rtFunc := syncRuntimeMethod(fieldType, fn.Name()); rtFunc != "" {
		target := path
		if _, isPtr := fieldType.(*types.Pointer); !isPtr && !types.IsInterface(fieldType) {
			target = "&" + path
		}
		where := fmt.Sprintf("%q", fmt.Sprintf("cell %d, line %d", rw.cell, line))
		if !syncRuntimeWhere(rtFunc) {
			where = ""
		} else {
			where = ", " + where
		}
		body = fmt.Sprintf("%s.%s(%s%s)", runtimeName, rtFunc, target, where)
	}
	if len(results) > 0 {
		body = "return " + body
	}
	return fmt.Sprintf("%s { %s }", head, body)
}

// syncRuntimeMethod names the runtime function that stands for a method
// of package sync's types, as syncMethod rewrites calls of it, or "".
func syncRuntimeMethod(t types.Type, method string) string {
	n, ok := types.Unalias(derefType(t)).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync" {
		return ""
	}
	switch n.Obj().Name() + "." + method {
	case "Mutex.Lock":
		return "LockMutex"
	case "RWMutex.Lock":
		return "LockRW"
	case "Mutex.Unlock":
		return "UnlockMutex"
	case "RWMutex.Unlock":
		return "UnlockRW"
	case "RWMutex.RLock":
		return "RLock"
	case "RWMutex.RUnlock":
		return "RUnlock"
	case "WaitGroup.Wait":
		return "WaitGroupWait"
	case "Cond.Wait":
		return "CondWait"
	case "WaitGroup.Done":
		return "WaitGroupDone"
	case "Cond.Signal":
		return "CondSignal"
	case "Cond.Broadcast":
		return "CondBroadcast"
	case "RWMutex.RLocker":
		return "RLocker"
	case "Mutex.TryLock":
		return "TryLockMutex"
	case "RWMutex.TryLock":
		return "TryLockRW"
	case "RWMutex.TryRLock":
		return "TryRLock"
	case "Locker.Lock":
		return "Lock"
	case "Locker.Unlock":
		return "Unlock"
	}
	return ""
}

// syncRuntimeWhere reports whether the runtime function rtFunc takes
// where the call is: those that wake others never block, so never appear
// in a deadlock report.
func syncRuntimeWhere(rtFunc string) bool {
	switch rtFunc {
	case "UnlockMutex", "UnlockRW", "RUnlock", "Unlock", "WaitGroupDone", "CondSignal", "CondBroadcast":
		return false
	}
	return true
}

// writable reports whether a cell can write every type in sig: none is
// an unexported type of another package.
func (rw *rewriter) writable(sig *types.Signature) bool {
	ok := true
	var check func(t types.Type)
	seen := map[types.Type]bool{}
	check = func(t types.Type) {
		if !ok || seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Named:
			if obj := t.Obj(); obj.Pkg() != nil && obj.Pkg().Path() != "main" && !obj.Exported() {
				ok = false
			}
			for i := 0; i < t.TypeArgs().Len(); i++ {
				check(t.TypeArgs().At(i))
			}
		case *types.Signature:
			for i := 0; i < t.Params().Len(); i++ {
				check(t.Params().At(i).Type())
			}
			for i := 0; i < t.Results().Len(); i++ {
				check(t.Results().At(i).Type())
			}
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				check(t.Field(i).Type())
			}
		default:
			for _, part := range TypeParts(t) {
				check(part)
			}
		}
	}
	check(sig)
	return ok
}
