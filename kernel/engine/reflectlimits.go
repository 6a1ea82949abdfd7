package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"goconc/kernel/engine/rewrite"
)

// The interpreter builds the run-time types of the cells' types without
// methods, so reflection finds none: reflect.Type's NumMethod, Method,
// MethodByName and Implements, and reflect.Value's method look-ups,
// answer as if the type had none, and encoding/json and encoding/xml do
// not call the MarshalJSON, MarshalText or MarshalXML method of a cell's
// value below the top of what they encode (the top-level value reaches
// them in a wrapper that has the method). Rather than print a wrong
// answer, a cell that would ask reflection for a cell type's methods
// where the checker can see it fails to compile, saying so; so does one
// that asks a reflect.Type kept in a variable for the name of a cell
// type or its fields.

// reflectMethodLookups are the methods of reflect.Type and reflect.Value
// that look up methods.
var reflectMethodLookups = map[string]bool{"NumMethod": true, "Method": true, "MethodByName": true, "Implements": true}

// reflectNameLookups are the methods of reflect.Type whose answers name
// the type or its fields, which the session's rewrite gives right only
// where reflect.TypeOf(x) is called in the same expression.
var reflectNameLookups = map[string]bool{"Name": true, "String": true, "PkgPath": true, "Field": true, "FieldByName": true}

// cellTypeName returns the name of t when it is a type the cells
// declare, other than an interface, whose name the interpreter's
// run-time type lacks.
func cellTypeName(t types.Type) (string, bool) {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "main" || types.IsInterface(n) {
		return "", false
	}
	return typeName(t), true
}

// encoders are the functions that encode a value by reflection, with the
// methods they would call, by the name go/types gives them.
var encoders = map[string][]string{
	"encoding/json.Marshal":              {"MarshalJSON", "MarshalText"},
	"encoding/json.MarshalIndent":        {"MarshalJSON", "MarshalText"},
	"encoding/json.Encoder.Encode":       {"MarshalJSON", "MarshalText"},
	"encoding/xml.Marshal":               {"MarshalXML", "MarshalText"},
	"encoding/xml.MarshalIndent":         {"MarshalXML", "MarshalText"},
	"encoding/xml.Encoder.Encode":        {"MarshalXML", "MarshalText"},
	"encoding/xml.Encoder.EncodeElement": {"MarshalXML", "MarshalText"},
}

// unseenMethods returns an error for each place in the cell (file
// cellFile of fset) where reflection would miss a cell type's methods.
func unseenMethods(fset *token.FileSet, file string, info *types.Info, decls []ast.Decl, chunks [][]ast.Stmt) diagnostics {
	var errs diagnostics
	// Variables set once from reflect.TypeOf(x) or reflect.ValueOf(x):
	// the type of x.
	reflected := map[types.Object]types.Type{}
	reflectedType := func(e ast.Expr) (types.Type, string) {
		e = ast.Unparen(e)
		if id, ok := e.(*ast.Ident); ok {
			if t, ok := reflected[info.Uses[id]]; ok {
				return t, id.Name
			}
			return nil, ""
		}
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return nil, ""
		}
		name := rewrite.CalledFunc(info, call)
		if name != "reflect.TypeOf" && name != "reflect.ValueOf" {
			return nil, ""
		}
		return info.TypeOf(call.Args[0]), name
	}
	visit := func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
				if id, ok := n.Lhs[0].(*ast.Ident); ok {
					if t, _ := reflectedType(n.Rhs[0]); t != nil {
						if obj := info.Defs[id]; obj != nil {
							reflected[obj] = t
						} else if obj := info.Uses[id]; obj != nil {
							reflected[obj] = t
						}
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == 1 && len(n.Values) == 1 {
				if t, _ := reflectedType(n.Values[0]); t != nil {
					reflected[info.Defs[n.Names[0]]] = t
				}
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && reflectNameLookups[sel.Sel.Name] {
				if fn, ok := info.Uses[sel.Sel].(*types.Func); ok && rewrite.CalledFunc(info, n) == "reflect.Type."+fn.Name() {
					if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
						if t, _ := reflectedType(id); t != nil {
							if name, ok := cellTypeName(t); ok {
								errs = append(errs, types.Error{Fset: fset, Pos: n.Pos(), Msg: fmt.Sprintf(
									"%s.%s would not give the name of %s: goconc's run-time types of a program's own types have none; reflect.TypeOf(x).%s() called as one expression does (or use fmt's %%T)",
									id.Name, sel.Sel.Name, name, sel.Sel.Name)})
							}
						}
					}
				}
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && reflectMethodLookups[sel.Sel.Name] {
				if fn, ok := info.Uses[sel.Sel].(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "reflect" {
					if t, _ := reflectedType(sel.X); t != nil {
						if name, ok := cellTypeWithMethods(t); ok {
							errs = append(errs, types.Error{Fset: fset, Pos: n.Pos(), Msg: fmt.Sprintf(
								"reflect cannot see the methods of %s: goconc gives the run-time types of a program's own types no methods (call them directly, or use a type assertion to an interface)", name)})
						}
					}
				}
			}
			methods, ok := encoders[rewrite.CalledFunc(info, n)]
			if !ok || len(n.Args) == 0 {
				break
			}
			if t := info.TypeOf(n.Args[0]); t != nil {
				if inner, method, ok := innerMarshaler(t, methods); ok {
					errs = append(errs, types.Error{Fset: fset, Pos: n.Pos(), Msg: fmt.Sprintf(
						"%s would not call the %s method of %s inside %s: goconc gives the run-time types of a program's own types no methods that reflection sees (marshal the %s value on its own)",
						shortName(rewrite.CalledFunc(info, n)), method, inner, typeName(t), inner)})
				}
			}
		}
		return true
	}
	inspectCell(decls, chunks, visit)
	var kept diagnostics
	for _, e := range errs {
		if fset.Position(e.Pos).Filename == file {
			kept = append(kept, e)
		}
	}
	return kept
}

// shortName is a function's name as a program spells it: json.Marshal.
func shortName(full string) string {
	for i := len(full) - 1; i >= 0; i-- {
		if full[i] == '/' {
			return full[i+1:]
		}
	}
	return full
}

// cellTypeWithMethods reports whether t is a type of the cells with
// methods, or a pointer to one, and names it.
func cellTypeWithMethods(t types.Type) (string, bool) {
	base := t
	if p, ok := t.(*types.Pointer); ok {
		base = p.Elem()
	}
	n, ok := types.Unalias(base).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "main" || types.IsInterface(n) {
		return "", false
	}
	if types.NewMethodSet(types.NewPointer(n)).Len() == 0 {
		return "", false
	}
	return typeName(t), true
}

// typeName spells t as the checker's messages do: the program's own
// types unqualified.
func typeName(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		return p.Name()
	})
}

// innerMarshaler finds, below the top level of t, a type of the cells
// with one of methods.
func innerMarshaler(t types.Type, methods []string) (string, string, bool) {
	seen := map[types.Type]bool{}
	var walk func(t types.Type, top bool) (string, string, bool)
	walk = func(t types.Type, top bool) (string, string, bool) {
		t = types.Unalias(t)
		if seen[t] {
			return "", "", false
		}
		seen[t] = true
		if n, ok := t.(*types.Named); ok && !top && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "main" {
			ms := types.NewMethodSet(types.NewPointer(n))
			for _, m := range methods {
				if ms.Lookup(nil, m) != nil {
					return typeName(n), m, true
				}
			}
		}
		switch u := t.Underlying().(type) {
		case *types.Pointer:
			return walk(u.Elem(), top)
		case *types.Slice:
			return walk(u.Elem(), false)
		case *types.Array:
			return walk(u.Elem(), false)
		case *types.Map:
			if a, b, ok := walk(u.Key(), false); ok {
				return a, b, ok
			}
			return walk(u.Elem(), false)
		case *types.Struct:
			for i := range u.NumFields() {
				if f := u.Field(i); f.Exported() || f.Embedded() {
					if a, b, ok := walk(f.Type(), false); ok {
						return a, b, ok
					}
				}
			}
		}
		return "", "", false
	}
	return walk(t, true)
}

// inspectCell calls ast.Inspect with visit on each of a cell's
// declarations and on each statement of its chunks.
func inspectCell(decls []ast.Decl, chunks [][]ast.Stmt, visit func(ast.Node) bool) {
	for _, d := range decls {
		ast.Inspect(d, visit)
	}
	for _, c := range chunks {
		for _, s := range c {
			ast.Inspect(s, visit)
		}
	}
}
