package rewrite

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
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
// stack of them. A call through a function value or an interface could
// reach any function of its type, so function literals are counted too,
// and the levels needed are also kept by signature: such a call records
// its site when a function, method or literal with its signature (a
// method, by name and signature) needs one. A site is the line of the
// call's opening parenthesis, as Go reports it.

// AllLevels is the need of a function that reads its goroutine's whole
// stack (runtime.Stack, debug.Stack, debug.PrintStack): every function
// that leads to it records its calls' sites, and its name with them.
const AllLevels = 1 << 20

// CallerNeeds maps a function's full name (types.Func.FullName) to how
// many levels of its callers it asks for.
type CallerNeeds map[string]int

// levels returns how many callers' levels the runtime.Caller or Output
// call asks for: its constant depth, or all of them.
func (rw *rewriter) callerLevels(call *ast.CallExpr) int {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return 0
	}
	fn, ok := rw.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return 0
	}
	if isStackReader(fn) {
		return AllLevels
	}
	if len(call.Args) == 0 {
		return 0
	}
	isCaller := fn.Pkg().Path() == "runtime" && fn.Name() == "Caller" && len(call.Args) == 1
	isOutput := fn.Pkg().Path() == "log" && fn.Name() == "Output" && len(call.Args) == 2
	tv, ok := rw.info.Types[call.Args[0]]
	if !ok {
		return 0
	}
	if tv.Value == nil && (isCaller || isOutput) {
		// A depth known when it runs (a loop walking up the stack
		// until runtime.Caller fails): any level may be asked for.
		return AllLevels
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
	if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return nil // an interface's method: which one runs is known only then
	}
	return fn.Origin()
}

// valueKey is the key of CallerNeeds under which the levels needed by
// the functions, method values and literals of signature sig are kept,
// for calls through function values.
func (rw *rewriter) valueKey(sig *types.Signature) string {
	return "value " + rw.signatureString(sig)
}

// signatureString spells sig without its parameters' names, which do not
// make its type.
func (rw *rewriter) signatureString(sig *types.Signature) string {
	tuple := func(t *types.Tuple, variadic bool) string {
		var parts []string
		for i := range t.Len() {
			typ := t.At(i).Type()
			if variadic && i == t.Len()-1 {
				if s, ok := typ.(*types.Slice); ok {
					parts = append(parts, "..."+rw.typeString(s.Elem()))
					continue
				}
			}
			parts = append(parts, rw.typeString(typ))
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	results := ""
	switch r := sig.Results(); r.Len() {
	case 0:
	case 1:
		results = " " + rw.typeString(r.At(0).Type())
	default:
		results = " " + tuple(r, false)
	}
	return "func" + tuple(sig.Params(), sig.Variadic()) + results
}

// methodKey is the key under which the levels needed by the methods named
// name with signature sig are kept, for calls through interfaces.
func (rw *rewriter) methodKey(name string, sig *types.Signature) string {
	return "method " + name + " " + rw.signatureString(sig)
}

// dynamicKey returns the key of CallerNeeds that says what a call through
// a function value or an interface may need, or "" for any other call.
func (rw *rewriter) dynamicKey(call *ast.CallExpr) string {
	fun := ast.Unparen(call.Fun)
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		if s, ok := rw.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			if !types.IsInterface(s.Recv()) {
				return ""
			}
			if sig, ok := s.Obj().Type().(*types.Signature); ok {
				return rw.methodKey(sel.Sel.Name, sig)
			}
			return ""
		}
		if _, ok := rw.info.Uses[sel.Sel].(*types.Func); ok {
			return "" // a package's function, or a method expression
		}
	}
	if id, ok := fun.(*ast.Ident); ok {
		if _, ok := rw.info.Uses[id].(*types.Func); ok {
			return ""
		}
	}
	tv, ok := rw.info.Types[call.Fun]
	if !ok || !tv.IsValue() || tv.IsBuiltin() {
		return ""
	}
	sig, ok := tv.Type.Underlying().(*types.Signature)
	if !ok {
		return ""
	}
	return rw.valueKey(sig)
}

// bodyNeed returns how many levels of its callers a function whose body
// is body needs, given what the functions it calls need.
func (rw *rewriter) bodyNeed(body ast.Node, needs CallerNeeds) int {
	need := 0
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == body // a literal inside has callers of its own
		case *ast.CallExpr:
			need = max(need, rw.callerLevels(n))
			if fn := rw.callee(n); fn != nil {
				need = max(need, needs[fn.FullName()]-1)
			} else if key := rw.dynamicKey(n); key != "" {
				need = max(need, needs[key]-1)
			}
		}
		return true
	})
	return need
}

// findCallerNeeds updates needs with the functions decls declare and the
// function literals in them and in chunks.
func (rw *rewriter) findCallerNeeds(decls []ast.Decl, chunks [][]ast.Stmt, needs CallerNeeds) {
	var funcs []*ast.FuncDecl
	var lits []*ast.FuncLit
	findLits := func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			if lit, ok := n.(*ast.FuncLit); ok {
				lits = append(lits, lit)
			}
			return true
		})
	}
	for _, d := range decls {
		findLits(d)
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			if obj, ok := rw.info.Defs[fd.Name].(*types.Func); ok {
				delete(needs, obj.FullName()) // a redefinition starts afresh
				funcs = append(funcs, fd)
			}
		}
	}
	for _, c := range chunks {
		for _, s := range c {
			findLits(s)
		}
	}
	raise := func(key string, need int) bool {
		if need > needs[key] {
			needs[key] = need
			return true
		}
		return false
	}
	for changed := true; changed; {
		changed = false
		for _, fd := range funcs {
			fn := rw.info.Defs[fd.Name].(*types.Func)
			need := max(needs[fn.FullName()], rw.bodyNeed(fd.Body, needs))
			if need == 0 {
				continue
			}
			changed = raise(fn.FullName(), need) || changed
			sig := fn.Signature()
			changed = raise(rw.valueKey(sig), need) || changed
			if sig.Recv() != nil {
				changed = raise(rw.methodKey(fn.Name(), sig), need) || changed
			}
		}
		for _, lit := range lits {
			sig, ok := rw.info.TypeOf(lit).(*types.Signature)
			if !ok {
				continue
			}
			if need := rw.bodyNeed(lit, needs); need > 0 {
				changed = raise(rw.valueKey(sig), need) || changed
			}
		}
	}
}

// callLine is the line Go reports for a call: that of its opening
// parenthesis.
func (rw *rewriter) callLine(call *ast.CallExpr) int {
	if call.Lparen.IsValid() {
		return rw.fset.Position(call.Lparen).Line
	}
	return rw.fset.Position(call.Pos()).Line
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
		key := ""
		if fn := rw.callee(call); fn != nil {
			key = fn.FullName()
		} else {
			key = rw.dynamicKey(call)
		}
		if key == "" || needs[key] == 0 {
			return n
		}
		tv, ok := rw.info.Types[call]
		if !ok {
			return n
		}
		done[call] = true
		site := strconv.Quote(fmt.Sprintf("%s:%d", rw.file, rw.callLine(call)))
		// The function making the call is named by the frame lines
		// pass, which names functions as Go does.
		push := &ast.ExprStmt{X: rw.rtCall("PushSite", &ast.BasicLit{Kind: token.STRING, Value: site}, &ast.BasicLit{Kind: token.STRING, Value: `""`})}
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
// which run as the functions chunkName names; initLiterals counts the
// literals of the earlier cells' initializers (File.InitLiterals).
func (rw *rewriter) recordCallLines(decls []ast.Decl, chunks [][]ast.Stmt, chunkName func(int) string, initLiterals int, lines CallLines) {
	seenInit := false
	note := func(caller string, body ast.Node) {
		calls := map[string][]int{}
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false // the literal's own frame
			case *ast.CallExpr:
				if fn := rw.callee(n); fn != nil && n.Pos().IsValid() {
					line := rw.callLine(n)
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
		rw.recordPanicLines(body, byCallee)
		if caller == "main.init" && seenInit {
			// The interpreter names every init function main.init: the
			// table of a cell's init functions is that of all of them.
			for callee, at := range lines[caller] {
				for _, l := range at {
					if !slices.Contains(byCallee[callee], l) {
						byCallee[callee] = append(byCallee[callee], l)
					}
				}
			}
		}
		seenInit = seenInit || caller == "main.init"
		lines[caller] = byCallee
	}
	var inits []ast.Stmt
	initLits := map[string][]int{} // the initializers' calls of literals
	for _, d := range decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Body != nil {
				note("main."+d.Name.Name, d.Body)
			}
		case *ast.GenDecl:
			if d.Tok != token.VAR {
				continue
			}
			for _, spec := range d.Specs {
				for _, v := range spec.(*ast.ValueSpec).Values {
					inits = append(inits, &ast.ExprStmt{X: v})
					ast.Inspect(v, func(n ast.Node) bool {
						switch n := n.(type) {
						case *ast.FuncLit:
							initLiterals++ // numbered as frameLines numbers them
							return false
						case *ast.CallExpr:
							// A literal called where it is written,
							// which the interpreter names main.func,
							// and Go main.init.func1: the line under
							// the latter name tells two such calls
							// apart.
							_, lit := ast.Unparen(n.Fun).(*ast.FuncLit)
							if line := rw.callLine(n); lit && n.Pos().IsValid() && !slices.Contains(initLits["main.func"], line) {
								initLits["main.func"] = append(initLits["main.func"], line)
								initLits["main.init.func"+strconv.Itoa(initLiterals+1)] = []int{line}
							}
						}
						return true
					})
				}
			}
		}
	}
	if len(inits) > 0 {
		note(VarInits(rw.cell), &ast.BlockStmt{List: inits})
		for callee, at := range initLits {
			lines[VarInits(rw.cell)][callee] = at
		}
	}
	for i, c := range chunks {
		note("main."+chunkName(i), &ast.BlockStmt{List: c})
	}
}

// VarInits is the caller the table of calls lists the initializers of
// the package-level variables of cell under: Go runs them in the
// package's main.init, the interpreter in a frame it names main.
func VarInits(cell int) string { return "main.init(vars of cell " + strconv.Itoa(cell) + ")" }
