package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// The interpreter puts a cell's value in an interface of a compiled
// package (error, fmt.Stringer, sort.Interface) inside a wrapper that
// holds its methods, so that compiled code can call them. Two forms skip
// the wrapper:
//
//   - a conversion, error(v) or error(&v), panics with "reflect.Set: value
//     of type ... is not assignable to type error";
//   - a composite literal assigned to such an interface variable,
//     var err error = T{...} or err = T{...}, stores the bare value, which
//     compiled code then takes for a value without methods (fmt.Errorf's
//     %w prints %!w(...), errors.Unwrap panics with "reflect: Call using
//     struct as type error").
//
// A function's result is wrapped as it should be, so both become a call
// of a literal returning the interface, on one line:
//
//	err := error(v)
//
// becomes
//
//	err := func(goconc_v T) error { return goconc_v }(v)
//
// A conversion of a value of a cell type with methods to any other
// interface (any(c), S(c) with S a cell's interface) gives the bare
// value, which fmt prints without its String method and a type switch
// takes for the underlying type; so does a function returning it. A
// variable declared with the interface type keeps the type, so the
// conversion declares one:
//
//	fmt.Println(any(c))
//
// becomes
//
//	fmt.Println(func(goconc_v Celsius) any { var goconc_i any = goconc_v; return goconc_i }(c))
//
// A return statement giving such a value as a result of an interface
// type other than a compiled one (func held(s State) any { return s })
// converts it the same way.

// interfaceConversions rewrites the conversions and assignments under
// root, which is returned or what replaces it.
func (rw *rewriter) interfaceConversions(root ast.Node) ast.Node {
	var walk func(n ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		eachChild(n, walk)
		switch n := n.(type) {
		case *ast.CallExpr:
			tv, ok := rw.info.Types[n.Fun]
			if ok && tv.IsType() && len(n.Args) == 1 && !n.Ellipsis.IsValid() {
				if lit := rw.wrappedValue(n.Args[0], tv.Type); lit != nil {
					n.Fun = lit
				} else if lit := rw.typedConversion(n.Args[0], tv.Type); lit != nil {
					n.Fun = lit
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs) {
				for i, r := range n.Rhs {
					if tv, ok := rw.info.Types[n.Lhs[i]]; ok {
						n.Rhs[i] = rw.wrappedLiteral(r, tv.Type)
					}
				}
			}
		case *ast.ValueSpec:
			if n.Type != nil && len(n.Names) == len(n.Values) {
				if tv, ok := rw.info.Types[n.Type]; ok {
					for i, v := range n.Values {
						n.Values[i] = rw.wrappedLiteral(v, tv.Type)
					}
				}
			}
		}
		return n
	}
	root = walk(root)
	rw.interfaceResults(root)
	return root
}

// interfaceResults converts the results of the return statements under
// root, as above.
func (rw *rewriter) interfaceResults(root ast.Node) {
	var sigs []*types.Signature // of the functions around, innermost last; nil when not known
	var path []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			switch path[len(path)-1].(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				sigs = sigs[:len(sigs)-1]
			}
			path = path[:len(path)-1]
			return true
		}
		path = append(path, n)
		switch n := n.(type) {
		case *ast.FuncDecl:
			var sig *types.Signature
			if obj, ok := rw.info.Defs[n.Name].(*types.Func); ok {
				sig, _ = obj.Type().(*types.Signature)
			}
			sigs = append(sigs, sig)
		case *ast.FuncLit:
			sig, _ := rw.info.TypeOf(n).(*types.Signature)
			sigs = append(sigs, sig)
		case *ast.ReturnStmt:
			if len(sigs) == 0 || sigs[len(sigs)-1] == nil {
				return true
			}
			results := sigs[len(sigs)-1].Results()
			if results.Len() != len(n.Results) {
				return true
			}
			for i, r := range n.Results {
				target := results.At(i).Type()
				if isCompiledMethodInterface(target) {
					continue // wrapped as it should be
				}
				if lit := rw.typedConversion(r, target); lit != nil {
					call := &ast.CallExpr{Fun: lit, Args: []ast.Expr{r}}
					rw.info.Types[call] = types.TypeAndValue{Type: target}
					n.Results[i] = call
				}
			}
		}
		return true
	})
}

// wrappedLiteral returns e, or the call that wraps it when e is a
// composite literal of a cell type that becomes a value of target, a
// compiled interface with methods.
func (rw *rewriter) wrappedLiteral(e ast.Expr, target types.Type) ast.Expr {
	if _, ok := ast.Unparen(e).(*ast.CompositeLit); !ok {
		return e
	}
	lit := rw.wrappedValue(e, target)
	if lit == nil {
		return e
	}
	return &ast.CallExpr{Fun: lit, Args: []ast.Expr{e}}
}

// wrappedValue returns the literal that puts e in target, when e is a
// value of a cell type, or a pointer to one, and target a compiled
// interface with methods; nil otherwise.
func (rw *rewriter) wrappedValue(e ast.Expr, target types.Type) ast.Expr {
	if target == nil || !isCompiledMethodInterface(target) {
		return nil
	}
	tv, ok := rw.info.Types[e]
	if !ok || !tv.IsValue() || tv.Type == nil || types.IsInterface(tv.Type) {
		return nil
	}
	base := tv.Type
	if p, ok := base.(*types.Pointer); ok {
		base = p.Elem()
	}
	if !isCellType(base) {
		return nil
	}
	return ast.NewIdent(fmt.Sprintf("func(goconc_v %s) %s { return goconc_v }", rw.typeString(tv.Type), rw.typeString(target)))
}

// typedConversion returns the literal that converts e to target through
// a variable of type target, when e is a value of a cell type with
// methods, or a pointer to one, and target an interface; nil otherwise.
// A slice or map type with methods is one too: any(names) and a return
// of it as an any gave the bare []string.
func (rw *rewriter) typedConversion(e ast.Expr, target types.Type) ast.Expr {
	if target == nil || !types.IsInterface(target) {
		return nil
	}
	if _, param := types.Unalias(target).(*types.TypeParam); param {
		return nil
	}
	tv, ok := rw.info.Types[e]
	if !ok || !tv.IsValue() || tv.Type == nil || !keepsTypeInInterfaces(tv.Type) {
		return nil
	}
	to := rw.typeString(target)
	return ast.NewIdent(fmt.Sprintf("func(goconc_v %s) %s { var goconc_i %s = goconc_v; return goconc_i }", rw.typeString(tv.Type), to, to))
}

// isCompiledMethodInterface reports whether t is error or an interface
// type a compiled package declares, with methods.
func isCompiledMethodInterface(t types.Type) bool {
	if types.Identical(t, universeError) {
		return true
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() == "main" {
		return false
	}
	i, ok := n.Underlying().(*types.Interface)
	return ok && i.NumMethods() > 0
}
