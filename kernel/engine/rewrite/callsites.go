package rewrite

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
)

// Callers' lines. runtime.Caller(1) asks for the line that called the
// function making the call, and log.Output(2, s) logs it; a helper such
// as
//
//	func where() string { _, file, line, _ := runtime.Caller(1); ... }
//
// relies on it. The interpreter keeps no call stack a program can read,
// so the functions that need their callers' lines are found when the
// cells are compiled: those calling runtime.Caller(k) or Output(k+1)
// with a constant k of one or more need k levels; a function calling
// one that needs n levels needs n-1 itself. Each call of such a function
// records its site for the time the call runs:
//
//	where()
//
// becomes
//
//	func() string { goconc_rt.PushSite("cell3/_.go:12"); defer goconc_rt.PopSite(); return where() }()
//
// and goconc_rt.Caller(k, site) reads the k-th site of the goroutine's
// stack of them. Calls through function values and interfaces record
// nothing, so a caller reached that way is reported as not known.

// CallerNeeds maps a function's full name (types.Func.FullName) to how
// many levels of its callers it asks for.
type CallerNeeds map[string]int

// levels returns how many callers' levels the runtime.Caller or Output
// call asks for, when call is one with a constant depth.
func (rw *rewriter) callerLevels(call *ast.CallExpr) int {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 {
		return 0
	}
	fn, ok := rw.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return 0
	}
	tv, ok := rw.info.Types[call.Args[0]]
	if !ok || tv.Value == nil {
		return 0
	}
	k, ok := constant.Int64Val(constant.ToInt(tv.Value))
	if !ok {
		return 0
	}
	switch {
	case fn.Pkg().Path() == "runtime" && fn.Name() == "Caller" && len(call.Args) == 1:
		return int(k)
	case fn.Pkg().Path() == "log" && fn.Name() == "Output" && len(call.Args) == 2:
		return int(k) - 1
	}
	return 0
}

// callee is the declared function or method a call calls, if any.
func (rw *rewriter) callee(call *ast.CallExpr) *types.Func {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.IndexExpr:
		if x, ok := f.X.(*ast.Ident); ok {
			id = x
		}
	}
	if id == nil {
		return nil
	}
	fn, ok := rw.info.Uses[id].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "main" {
		return nil
	}
	return fn.Origin()
}

// findCallerNeeds updates needs with the functions decls declare.
func (rw *rewriter) findCallerNeeds(decls []ast.Decl, needs CallerNeeds) {
	var funcs []*ast.FuncDecl
	for _, d := range decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			if obj, ok := rw.info.Defs[fd.Name].(*types.Func); ok {
				delete(needs, obj.FullName()) // a redefinition starts afresh
				funcs = append(funcs, fd)
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fd := range funcs {
			name := rw.info.Defs[fd.Name].(*types.Func).FullName()
			need := needs[name]
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false // its callers are not the function's
				case *ast.CallExpr:
					need = max(need, rw.callerLevels(n))
					if fn := rw.callee(n); fn != nil {
						need = max(need, needs[fn.FullName()]-1)
					}
				}
				return true
			})
			if need > needs[name] {
				needs[name] = need
				changed = true
			}
		}
	}
}

// callSites wraps, under root, the calls of functions that need their
// callers' lines in the recording of their sites, and returns root or
// what replaces it.
func (rw *rewriter) callSites(root ast.Node, needs CallerNeeds) ast.Node {
	if len(needs) == 0 || rw.file == "" {
		return root
	}
	done := map[*ast.CallExpr]bool{}
	var walk func(n ast.Node) ast.Node
	walk = func(n ast.Node) ast.Node {
		eachChild(n, walk)
		call, ok := n.(*ast.CallExpr)
		if !ok || done[call] || !call.Pos().IsValid() {
			return n
		}
		fn := rw.callee(call)
		if fn == nil || needs[fn.FullName()] == 0 {
			return n
		}
		tv, ok := rw.info.Types[call]
		if !ok {
			return n
		}
		done[call] = true
		site := strconv.Quote(fmt.Sprintf("%s:%d", rw.file, rw.fset.Position(call.Pos()).Line))
		push := &ast.ExprStmt{X: rw.rtCall("PushSite", &ast.BasicLit{Kind: token.STRING, Value: site})}
		pop := &ast.DeferStmt{Call: rw.rtCall("PopSite")}
		ft := &ast.FuncType{Params: &ast.FieldList{}}
		var last ast.Stmt = &ast.ExprStmt{X: call}
		var results []*ast.Field
		switch t := tv.Type.(type) {
		case *types.Tuple:
			for i := range t.Len() {
				results = append(results, &ast.Field{Type: rw.typeExpr(t.At(i).Type())})
			}
		default:
			if tv.IsValue() {
				results = append(results, &ast.Field{Type: rw.typeExpr(t)})
			}
		}
		if len(results) > 0 {
			ft.Results = &ast.FieldList{List: results}
			last = &ast.ReturnStmt{Results: []ast.Expr{call}}
		}
		return &ast.CallExpr{Fun: &ast.FuncLit{Type: ft, Body: &ast.BlockStmt{List: []ast.Stmt{push, pop, last}}}, Lparen: call.Pos(), Rparen: call.End()}
	}
	return walk(root)
}

// Lines of outer frames. As a panic leaves an interpreted function, the
// interpreter names the function but not the line running in it (cellrt's panics.go
// gives the innermost frame its line). Where a function calls the next
// inner frame's function from one place only, that call's line is the
// frame's line; the cells' calls of their own functions are listed when
// they are compiled, by caller and callee as the interpreter names them
// (main.f; a method by its name alone).

// CallLines maps a caller to its callees to the lines it calls them on.
type CallLines map[string]map[string][]int

// recordCallLines notes the calls of the cells' functions in the
// functions decls declare and in the statements of the cell's chunks,
// which run as the functions chunkName names.
func (rw *rewriter) recordCallLines(decls []ast.Decl, chunks [][]ast.Stmt, chunkName func(int) string, lines CallLines) {
	note := func(caller string, body ast.Node) {
		calls := map[string][]int{}
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false // the literal's own frame
			case *ast.CallExpr:
				if fn := rw.callee(n); fn != nil && n.Pos().IsValid() {
					line := rw.fset.Position(n.Pos()).Line
					if !slices.Contains(calls[fn.Name()], line) {
						calls[fn.Name()] = append(calls[fn.Name()], line)
					}
				}
			}
			return true
		})
		byCallee := map[string][]int{}
		for name, l := range calls {
			byCallee["main."+name] = l
		}
		lines[caller] = byCallee
	}
	for _, d := range decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			note("main."+fd.Name.Name, fd.Body)
		}
	}
	for i, c := range chunks {
		note("main."+chunkName(i), &ast.BlockStmt{List: c})
	}
}
